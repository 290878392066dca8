/**
 * `bijsluiter console …`: the FG console.
 *   console [--data DIR] [--port 8080] [--host 127.0.0.1] [--public-url URL] [--retention-days 365] [--register-dir DIR]
 *   console init --board SLUG --name NAME --fg-email E [--fg-name N] [--password-file F] [--public-url URL] [--signing-key KEY.pem] [--json]
 *   console token --board SLUG --fg-email E [--label L]
 *   console user --board SLUG --email E [--role fg|viewer] [--name N] [--password-file F]
 *   console import SOURCE --board SLUG [--public-key BASE64]   (YAML file or folder, CSV, signed register)
 *   console sso --board SLUG --issuer URL --client-id ID --client-secret-file FILE [--name NAME] | --password-login on|off | --unlink EMAIL | --remove
 *   console mfa --board SLUG --require | --optional | --reset EMAIL
 * Every subcommand uses `--data DIR` (embedded database) or, when DATABASE_URL is set, PostgreSQL.
 */
import { randomBytes } from 'node:crypto';
import { acceptRegister } from '../lib/sync/accept-register';
import { decodeBase64 } from '../lib/register/base64';
import { importPrivateKeyPem } from '../lib/register/keys';
import { formatProblems } from '../lib/register/lint';
import { envelopeSchema } from '../lib/register/schema';
import { option, parseArgs, positional, requiredOption } from '../node/args';
import { CliError, parseJsonFile, readText, type Output } from '../node/io';
import { readPublicKeys } from '../node/public-keys';
import { csvTools, loadSource } from '../node/source';
import { DEFAULT_PORT, existingStorage, publicUrlOf, storage, withDatabase } from './command-storage';
import { mfa, sso } from './command-sign-in';
import { startConsole } from './start';
import { addUser, createApiToken, findUserByEmail } from './store/accounts';
import { boardPolicy, createBoard, findBoard, SLUG_PATTERN } from './store/boards';
import { importTools } from './store/import';

async function init(argv: string[], io: Output): Promise<number> {
  const args = parseArgs(argv, ['data', 'board', 'name', 'fg-email', 'fg-name', 'password-file', 'public-url', 'signing-key'], ['json']);
  const slug = requiredOption(args, 'board', 'console init');
  if (!SLUG_PATTERN.test(slug)) throw new CliError(`--board "${slug}": use 2–40 lowercase letters, digits and hyphens (it is part of every address)`);
  const name = requiredOption(args, 'name', 'console init');
  const fgEmail = requiredOption(args, 'fg-email', 'console init').trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(fgEmail)) throw new CliError(`--fg-email "${fgEmail}" is not an e-mail address`);
  const passwordFile = option(args, 'password-file');
  const password = passwordFile ? readText(passwordFile, 'password file').replace(/\r?\n$/, '') : randomBytes(15).toString('base64url');
  if (password.length < 12) throw new CliError('the password must be at least 12 characters');
  const publicUrl = publicUrlOf(args, DEFAULT_PORT);
  const keyFile = option(args, 'signing-key');
  const signingKey = keyFile ? await readSigningKey(keyFile) : undefined;
  return withDatabase(storage(args, 'console init'), async (database, master) => {
    const created = await createBoard(database.db, master, { slug, name, fgEmail, fgName: option(args, 'fg-name'), password, signingKey });
    if (!created) {
      io.err(`board "${slug}" already exists; nothing was added (its FG can make API tokens with "console token", its keys stay as they are)`);
      return 1;
    }
    const policy = boardPolicy(publicUrl, created.board, created.intakeToken);
    if (args.flags.has('json')) {
      io.out(JSON.stringify({ board: slug, policy }));
      if (!passwordFile) io.err(`password for ${fgEmail} (shown once): ${password}`);
      return 0;
    }
    io.out(`board "${slug}" (${name}) created`);
    io.out(`FG login:  ${publicUrl}/b/${slug}/fg/  as ${fgEmail}`);
    if (!passwordFile) io.out(`password:  ${password}   (shown once: keep it in your password manager)`);
    io.out('');
    io.out('Policy values for the extension (give these to your IT admin; the requestToken is not shown again):');
    io.out(JSON.stringify(policy, null, 2));
    return 0;
  });
}

/** The CLI's private key (keygen's PEM), so the extensions' policy keeps its public key. */
async function readSigningKey(file: string) {
  const pem = readText(file, 'signing key');
  const match = /-----BEGIN PRIVATE KEY-----([\s\S]+?)-----END PRIVATE KEY-----/.exec(pem);
  try {
    const imported = await importPrivateKeyPem(pem);
    return { pkcs8: decodeBase64(match![1]!.replace(/\s+/g, ''))!, publicRaw: imported.publicRaw };
  } catch (error) {
    throw new CliError(`${file}: ${(error as Error).message}`);
  }
}

async function user(argv: string[], io: Output): Promise<number> {
  const args = parseArgs(argv, ['data', 'board', 'email', 'name', 'role', 'password-file']);
  const slug = requiredOption(args, 'board', 'console user');
  const email = requiredOption(args, 'email', 'console user').trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new CliError(`--email "${email}" is not an e-mail address`);
  const role = option(args, 'role') ?? 'fg';
  if (role !== 'fg' && role !== 'viewer') throw new CliError('--role is fg (may change everything) or viewer (reads only)');
  const passwordFile = option(args, 'password-file');
  const password = passwordFile ? readText(passwordFile, 'password file').replace(/\r?\n$/, '') : randomBytes(15).toString('base64url');
  if (password.length < 12) throw new CliError('the password must be at least 12 characters');
  return withDatabase(storage(args, 'console user'), async (database) => {
    const board = await findBoard(database.db, slug);
    if (!board) throw new CliError(`no board "${slug}"`);
    const made = await addUser(database.db, board.id, { email, name: option(args, 'name'), role, password }, 'console user');
    if (!made) {
      io.err(`board "${slug}" already has an account ${email}; nothing was added`);
      return 1;
    }
    io.out(`account ${email} (${role === 'fg' ? 'FG: may change everything' : 'viewer: reads only'}) added to board "${slug}"`);
    if (!passwordFile) io.out(`password: ${password}   (shown once)`);
    return 0;
  });
}

async function token(argv: string[], io: Output): Promise<number> {
  const args = parseArgs(argv, ['data', 'board', 'fg-email', 'label']);
  const slug = requiredOption(args, 'board', 'console token');
  const fgEmail = requiredOption(args, 'fg-email', 'console token');
  return withDatabase(existingStorage(args, 'console token'), async (database) => {
    const board = await findBoard(database.db, slug);
    if (!board) throw new CliError(`no board "${slug}"`);
    const user = await findUserByEmail(database.db, board.id, fgEmail);
    if (!user) throw new CliError(`board "${slug}" has no FG account ${fgEmail}`);
    const made = await createApiToken(database.db, user, option(args, 'label') ?? 'command line');
    io.out(`API token for ${user.email} on board "${slug}" (shown once):`);
    io.out(made);
    return 0;
  });
}

/** Tools from a YAML file or folder, a CSV export, or a signed register (verified when a key is given). */
async function readToolsFrom(source: string, publicKey: string | undefined): Promise<unknown[]> {
  if (/\.json$/i.test(source)) {
    const raw = parseJsonFile(source, 'register');
    if (!envelopeSchema.safeParse(raw).success) throw new CliError(`${source} is not a signed register (DSSE envelope)`);
    // a register from elsewhere becomes what this board signs: only after it is accepted exactly as
    // the extension and `verify` accept one (signature, strict JSON, schema), with the key it names
    if (!publicKey) throw new CliError(`${source} is a signed register: give --public-key BASE64 (the key that signed it, as in the extension's policy) so its signature is checked before its tools are imported`);
    const accepted = await acceptRegister(new TextEncoder().encode(readText(source, 'register')), { keys: await readPublicKeys([publicKey]), now: new Date(), checkIssuedAt: false });
    if (!accepted.ok) {
      const { code, detail } = accepted.error;
      throw new CliError(code === 'bad-signature' ? `${source}: the signature does not verify with that key` : `${source}: ${code}: ${detail}`);
    }
    return accepted.payload.tools;
  }
  if (/\.csv$/i.test(source)) return csvTools(source).map((t) => t.tool);
  return loadSource(source).tools;
}

async function importCommand(argv: string[], io: Output): Promise<number> {
  const args = parseArgs(argv, ['data', 'board', 'public-key', 'as']);
  const source = positional(args, 0, 'a SOURCE (YAML file or folder, CSV, or signed register .json)', 'console import');
  const slug = requiredOption(args, 'board', 'console import');
  const tools = await readToolsFrom(source, option(args, 'public-key'));
  return withDatabase(existingStorage(args, 'console import'), async (database) => {
    const board = await findBoard(database.db, slug);
    if (!board) throw new CliError(`no board "${slug}"`);
    const result = await importTools(database.db, board.id, tools, option(args, 'as') ?? 'console import', new Date(), source);
    if (!result.ok) {
      for (const line of formatProblems(result.errors)) io.err(line);
      io.err(`nothing imported: ${result.errors.length} error(s)`);
      return 1;
    }
    io.out(`imported ${result.added + result.replaced} tool(s) into board "${slug}" (${result.added} new, ${result.replaced} replaced; ${result.warnings.length} warning(s)); publish from the console to make them reach the extensions`);
    return 0;
  });
}

async function serve(argv: string[], io: Output): Promise<number> {
  const args = parseArgs(argv, ['data', 'port', 'host', 'public-url', 'retention-days', 'register-dir']);
  const port = Number(option(args, 'port') ?? process.env.PORT ?? DEFAULT_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError('--port must be a port number');
  const retentionDays = Number(option(args, 'retention-days') ?? 365);
  if (!Number.isInteger(retentionDays) || retentionDays < 1) throw new CliError('--retention-days must be a whole number of days (at least 1)');
  const where = storage(args, 'console');
  const publicUrl = publicUrlOf(args, port);
  let running;
  try {
    running = await startConsole({ ...where, port, host: option(args, 'host') ?? process.env.HOST ?? '127.0.0.1', publicUrl, settings: { retentionDays, registerDir: option(args, 'register-dir') ?? null } });
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    throw new CliError(e.code === 'EADDRINUSE' ? `port ${port} is in use; pick another with --port` : e.message);
  }
  io.out(`Bijsluiter console on ${running.url} (${running.database.kind === 'pglite' ? `embedded database in ${where.dataDir}` : 'PostgreSQL'}), public address ${publicUrl}`);
  if (!running.ctx.settings.smtpUrl) io.out('No SMTP_URL: no e-mail goes out (the webhook, if a board sets one, still does).');
  io.out('Ctrl+C stops.');
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await running.close();
  return 0;
}

export const CONSOLE_HELP = `  console --data DIR [--port 8080] [--public-url https://fg.example.nl]
                                       the FG console: requests, decisions, publishing
  console init --data DIR --board SLUG --name NAME --fg-email E [--password-file F] [--json]
  console token --data DIR --board SLUG --fg-email E     an API token for scripts
  console user --data DIR --board SLUG --email E [--role fg|viewer]   another account
  console import SOURCE --data DIR --board SLUG          tools from YAML, CSV or a signed register
  console sso --data DIR --board SLUG --issuer URL --client-id ID --client-secret-file F [--name N]
                                       single sign-on (OpenID Connect); prints the redirect URI
        (also --password-login on|off, --unlink EMAIL, --remove)
  console mfa --data DIR --board SLUG --require|--optional|--reset EMAIL   two-step verification
        (with DATABASE_URL set, the console uses PostgreSQL instead of --data)`;

const SUBCOMMANDS: Record<string, (argv: string[], io: Output) => Promise<number>> = { init, token, user, import: importCommand, sso, mfa };

export async function consoleCommand(argv: string[], io: Output): Promise<number> {
  const [first, ...rest] = argv;
  const sub = first ? SUBCOMMANDS[first] : undefined;
  return sub ? sub(rest, io) : serve(argv, io);
}


