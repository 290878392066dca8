/**
 * `bijsluiter site REGISTER --out DIR --public-key BASE64 [--lang nl,en] [--previous REGISTER]
 * [--base-url https://…]`: the public page of the board's tools for parents and teachers
 * (site/render.tsx), as static files any web host serves.
 *
 * The register is verified exactly as `verify` (and the extension) does; an invalid one is
 * refused and nothing is written. `--previous` is verified with the same keys and feeds the
 * "What changed" page and the Atom feed. Files are written only inside DIR, each through a
 * temporary file and a rename; files already in DIR are left alone, except the ones this command
 * wrote last time and no longer writes (a removed tool's page), which it lists in
 * DIR/.bijsluiter-site.json so it can remove them: a stale page would tell parents something the
 * register no longer says. The manifest is not trusted: only names this command generates are
 * removed, and only when no folder on the way (nor the file) is a symlink: a folder of DIR
 * replaced by a link to elsewhere must not carry a removal out of DIR.
 */
import { existsSync, lstatSync, mkdirSync, readFileSync, realpathSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { RegisterPayload } from '../../lib/register/schema';
import type { TrustedKey } from '../../lib/register/dsse';
import { acceptRegister } from '../../lib/sync/accept-register';
import { option, parseArgs, positional, requiredOption } from '../../node/args';
import { CliError, readText, writeAtomic, type Output } from '../../node/io';
import { checkLanguages, isGeneratedSitePath, SiteInputError } from '../../site/paths';
import { renderSite } from '../../site/render';
import { readPublicKeys } from '../../node/public-keys';

/** Where the command remembers which files it wrote, to remove its own stale pages next time. */
export const SITE_MANIFEST = '.bijsluiter-site.json';

async function verified(file: string, keys: readonly TrustedKey[], what: string): Promise<{ payload: RegisterPayload; keyId: string }> {
  const result = await acceptRegister(new TextEncoder().encode(readText(file, what)), { keys, now: new Date() });
  if (!result.ok) throw new CliError(`${file} does not verify, nothing written: ${result.error.code}: ${result.error.detail}`);
  return { payload: result.payload, keyId: result.keyId };
}

/** The absolute path of `path` inside `root`, or a CliError when it would land outside (also through a symlinked folder). */
export function insideDir(root: string, path: string): string {
  const target = resolve(root, path);
  if (!target.startsWith(root + sep)) throw new CliError(`refusing to write outside ${root}: ${path}`);
  return target;
}

/**
 * Null when every folder from `root` down to `path`'s own folder is a real folder (no symlink)
 * and its real path is where it should be; else the first part that is not. `root` is real.
 */
export function symlinkOnTheWay(root: string, path: string): string | null {
  const parts = path.split('/');
  let at = root;
  for (const part of parts.slice(0, -1)) {
    at = join(at, part);
    if (!existsSync(at)) return null; // nothing there yet: it will be made as a real folder
    const stat = lstatSync(at);
    if (stat.isSymbolicLink() || !stat.isDirectory()) return relative(root, at);
    if (realpathSync(at) !== at) return relative(root, at);
  }
  return lstatSafe(join(root, path)) && lstatSync(join(root, path)).isSymbolicLink() ? path : null;
}

function lstatSafe(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

function previousFiles(root: string): string[] {
  const file = join(root, SITE_MANIFEST);
  if (!existsSync(file)) return [];
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as { files?: unknown };
    return Array.isArray(data.files) ? data.files.filter((f): f is string => typeof f === 'string') : [];
  } catch {
    return [];
  }
}

export async function site(argv: string[], io: Output): Promise<number> {
  const args = parseArgs(argv, ['out', 'public-key', 'lang', 'previous', 'base-url']);
  const file = positional(args, 0, 'a REGISTER file (the signed register)', 'site');
  const out = requiredOption(args, 'out', 'site');
  const keyTexts = args.options.get('public-key') ?? [];
  if (keyTexts.length === 0) throw new CliError('site needs --public-key BASE64 (the board\'s public key, as for verify; repeat it for several keys): only a register that verifies is published');
  let languages;
  try {
    languages = checkLanguages((option(args, 'lang') ?? 'nl,en').split(',').map((l) => l.trim().toLowerCase()).filter(Boolean));
  } catch (error) {
    throw new CliError(`--lang: ${(error as Error).message}`, 2);
  }
  const keys = await readPublicKeys(keyTexts);
  const current = await verified(file, keys, 'register');
  const previousFile = option(args, 'previous');
  const previous = previousFile ? await verified(previousFile, keys, 'previous register') : undefined;
  if (previous && previous.payload.publisher.name !== current.payload.publisher.name) {
    io.err(`note: the previous register is published by "${previous.payload.publisher.name}", this one by "${current.payload.publisher.name}"`);
  }
  if (Date.parse(current.payload.expiresAt) < Date.now()) io.err(`note: this register expired on ${current.payload.expiresAt}; teachers' extensions treat its approvals as unconfirmed: publish a new one`);

  let files: Map<string, string>;
  try {
    files = renderSite({ payload: current.payload, keyFingerprint: current.keyId, languages, previous: previous?.payload, baseUrl: option(args, 'base-url') });
  } catch (error) {
    if (error instanceof SiteInputError) throw new CliError(error.message, 2);
    throw error;
  }

  const rootGiven = resolve(out);
  if (existsSync(rootGiven) && !statSync(rootGiven).isDirectory()) throw new CliError(`--out ${out} is a file, not a folder`);
  mkdirSync(rootGiven, { recursive: true });
  const root = realpathSync(rootGiven);
  const targets = [...files.keys()].map((path) => ({ path, target: insideDir(root, path) }));
  const stale = previousFiles(root).filter((path) => !files.has(path) && isGeneratedSitePath(path));
  // every path is checked before anything is written: a symlink anywhere on the way is refused
  for (const path of [...files.keys(), ...stale]) {
    insideDir(root, path);
    const link = symlinkOnTheWay(root, path);
    if (link) throw new CliError(`refusing to write outside ${root}: ${link} is a symlink (or not a folder); nothing written`);
  }
  for (const { target } of targets) {
    mkdirSync(dirname(target), { recursive: true });
    // a folder inside DIR that is a symlink to somewhere else would carry the write outside DIR
    const parent = realpathSync(dirname(target));
    if (parent !== root && !parent.startsWith(root + sep)) throw new CliError(`refusing to write outside ${root}: ${relative(root, target)} (a folder in it links to ${parent})`);
  }
  for (const { path, target } of targets) writeAtomic(target, files.get(path)!);

  const removed: string[] = [];
  for (const path of stale) {
    const target = insideDir(root, path);
    // checked again just before: the real path of its folder must be the folder under DIR
    if (symlinkOnTheWay(root, path) || realpathSync(dirname(target)) !== dirname(target)) continue;
    if (existsSync(target) && lstatSync(target).isFile()) {
      rmSync(target);
      removed.push(path);
    }
  }
  writeAtomic(join(root, SITE_MANIFEST), `${JSON.stringify({ files: [...files.keys()].sort() }, null, 2)}\n`);

  const { payload } = current;
  io.out(`verified: serial ${payload.serial} of ${payload.publisher.name}, signed by key ${current.keyId}`);
  io.out(`wrote ${files.size} files to ${root}${previous ? ` (changes since serial ${previous.payload.serial})` : ''}`);
  for (const lang of languages) io.out(`  ${lang}: ${join(root, lang === languages[0] ? '' : lang, 'index.html')}`);
  if (removed.length) io.out(`removed ${removed.length} page(s) this command wrote before and that the register no longer has: ${removed.join(', ')}`);
  io.out(`snippet for the school's "privacy waarborgen" page: ${join(root, 'snippet.html')}`);
  if (!option(args, 'base-url')) io.out('note: without --base-url the snippet and the feed use relative links; give --base-url https://… (where the folder will be served) for links that work when pasted elsewhere');
  return 0;
}
