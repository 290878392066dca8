/** `bijsluiter console sso` and `console mfa`: how a board's FGs sign in. */
import { defaultSettings } from './context';
import { findUserByEmail } from './store/accounts';
import { findBoard } from './store/boards';
import { resetSecondFactor } from './store/second-factor';
import { boardSso, setBoardSso, setMfaRequired, setPasswordLogin, ssoInputProblem, ssoRedirectUri, unlinkSsoSubject } from './store/sso';
import { option, parseArgs, requiredOption } from '../node/args';
import { CliError, readText, type Output } from '../node/io';
import { DEFAULT_PORT, existingStorage, publicUrlOf, withDatabase } from './command-storage';

/**
 * Single sign-on for a board: prints the redirect URI to register at the provider. The provider
 * is not asked here (the console may not reach it from this machine); the login page is the test.
 */
export async function sso(argv: string[], io: Output): Promise<number> {
  const args = parseArgs(argv, ['data', 'board', 'issuer', 'client-id', 'client-secret-file', 'name', 'password-login', 'public-url', 'unlink'], ['remove']);
  const slug = requiredOption(args, 'board', 'console sso');
  const passwordLogin = option(args, 'password-login');
  if (passwordLogin !== undefined && passwordLogin !== 'on' && passwordLogin !== 'off') throw new CliError('--password-login is on or off');
  const issuer = option(args, 'issuer');
  let input = null;
  if (issuer !== undefined) {
    const secretFile = requiredOption(args, 'client-secret-file', 'console sso --issuer');
    input = {
      issuer: issuer.trim().replace(/\/+$/, ''),
      clientId: requiredOption(args, 'client-id', 'console sso --issuer').trim(),
      clientSecret: readText(secretFile, 'client secret file').replace(/\r?\n$/, ''),
      name: (option(args, 'name') ?? 'SSO').trim(),
    };
    const problem = ssoInputProblem(input);
    if (problem) throw new CliError(`console sso: ${problem}`);
  }
  const unlink = option(args, 'unlink');
  if (!input && !args.flags.has('remove') && passwordLogin === undefined && unlink === undefined) throw new CliError('console sso needs --issuer URL --client-id ID --client-secret-file FILE [--name NAME], or --password-login on|off, --unlink EMAIL or --remove');
  const publicUrl = publicUrlOf(args, DEFAULT_PORT);
  return withDatabase(existingStorage(args, 'console sso'), async (database, master) => {
    let board = await findBoard(database.db, slug);
    if (!board) throw new CliError(`no board "${slug}"`);
    if (input || args.flags.has('remove')) {
      await setBoardSso(master, database.db, board, input, 'console sso');
      board = (await findBoard(database.db, slug))!;
      io.out(input ? `single sign-on for board "${slug}": ${input.issuer} (client ${input.clientId}); the login page offers "Inloggen met ${input.name}"` : `single sign-on removed for board "${slug}"; passwords work again`);
    }
    if (unlink !== undefined) {
      if (!(await unlinkSsoSubject(database.db, board.id, unlink, 'console sso'))) throw new CliError(`board "${slug}" has no account ${unlink}`);
      io.out(`${unlink.trim().toLowerCase()} is no longer linked to a single sign-on account; the next one to sign in as that address is linked`);
    }
    if (passwordLogin !== undefined) {
      if (passwordLogin === 'off' && !boardSso({ master }, board)) throw new CliError(`board "${slug}" has no single sign-on: set it up (and log in with it once) before turning passwords off`);
      await setPasswordLogin(database.db, board, passwordLogin === 'on', 'console sso');
      io.out(`passwords ${passwordLogin === 'on' ? 'on' : 'off'} for board "${slug}"${passwordLogin === 'off' ? ' (password sessions ended)' : ''}`);
    }
    if (input) {
      io.out('Register this redirect URI at the provider (a web application, authorization code flow, scopes openid email profile):');
      io.out(ssoRedirectUri(publicUrl, board));
    }
    return 0;
  });
}

/** The second factor: compulsory or optional for a board's password accounts, or removed from one account that lost it. */
export async function mfa(argv: string[], io: Output): Promise<number> {
  const args = parseArgs(argv, ['data', 'board', 'reset'], ['require', 'optional']);
  const slug = requiredOption(args, 'board', 'console mfa');
  const reset = option(args, 'reset');
  const chosen = [args.flags.has('require'), args.flags.has('optional'), reset !== undefined].filter(Boolean).length;
  if (chosen !== 1) throw new CliError('console mfa needs one of --require, --optional or --reset EMAIL');
  return withDatabase(existingStorage(args, 'console mfa'), async (database) => {
    const board = await findBoard(database.db, slug);
    if (!board) throw new CliError(`no board "${slug}"`);
    if (reset !== undefined) {
      const account = await findUserByEmail(database.db, board.id, reset);
      if (!account) throw new CliError(`board "${slug}" has no account ${reset}`);
      // the account hears of it by e-mail when the console sends e-mail (SMTP_URL), from the running console's outbox
      await resetSecondFactor({ settings: { ...defaultSettings(process.env.PUBLIC_URL ?? `http://127.0.0.1:${DEFAULT_PORT}`), smtpUrl: process.env.SMTP_URL || null } }, database.db, account, 'console mfa');
      io.out(`second factor of ${account.email} removed; ${board.mfaRequired ? 'the board requires one, so it sets up a new one at its next login' : 'it can set up a new one under Settings'}`);
      return 0;
    }
    await setMfaRequired(database.db, board, args.flags.has('require'), 'console mfa');
    io.out(args.flags.has('require') ? `board "${slug}": every password account must set up two-step verification before it can do anything else (single sign-on accounts are not asked)` : `board "${slug}": two-step verification is optional`);
    return 0;
  });
}
