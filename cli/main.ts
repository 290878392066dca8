/**
 * `bijsluiter`: the FG's tool to build, check, sign, verify, compare, try out and publish the register.
 * Every failure is one clear line and a non-zero exit; no command leaves a partial file.
 */
import { build } from './commands/build';
import { consoleCommand } from './commands/console';
import { diff } from './commands/diff';
import { exportCommand } from './commands/export';
import { importCsv } from './commands/import-csv';
import { keygen } from './commands/keygen';
import { lint } from './commands/lint';
import { serve } from './commands/serve';
import { sign } from './commands/sign';
import { site } from './commands/site';
import { verify } from './commands/verify';
import { CliError, consoleOutput, type Output } from './io';

const COMMANDS: Record<string, (argv: string[], io: Output) => Promise<number>> = { keygen, import: importCsv, build, lint, sign, verify, diff, export: exportCommand, serve, site, console: consoleCommand };

const HELP = `bijsluiter: build, check and sign your school board's register of digital learning tools

  keygen --out DIR                     make a signing key pair (private key stays with you)
  import TOOLS.csv --out DIR           first fill: a YAML source folder from a spreadsheet
  build SOURCE --out PAYLOAD.json      the register payload from YAML (file or folder) or CSV
        [--publisher FILE.yaml] [--previous REGISTER] [--serial N] [--valid-days 60]
  lint FILE [--json]                   every problem; errors exit 1, warnings do not
  sign PAYLOAD.json --key KEY.pem --out REGISTER.json
  verify REGISTER.json --public-key BASE64
  diff OLD NEW [--json]                what changed for teachers (important changes marked: art. 13.3, or art. 9.2 for the Intentieverklaring)
  serve REGISTER.json [--port 8080]    try a register on this machine (requests are not kept)
  site REGISTER --out DIR --public-key BASE64 [--lang nl,en] [--previous REGISTER]
        [--base-url https://…]         the public page for parents and teachers: static HTML
                                       (index, a page per tool with its privacy sheet, what
                                       changed, an Atom feed) and snippet.html for the school's
                                       own site; only a register that verifies is published
  export google-admin REGISTER [--public-key BASE64] [--org-unit /] [--out FILE.csv]
                                       approved tools' Google sign-in clients as Trusted,
                                       rejected ones as Blocked: the Google Admin bulk CSV
  export entra REGISTER [--public-key BASE64] [--out FILE.csv]
                                       the same for Microsoft app ids, for
                                       docs/deploy/entra-app-consent.ps1

  console --data DIR [--port 8080] [--public-url https://fg.example.nl]
                                       the FG console: requests, decisions, publishing
  console init --data DIR --board SLUG --name NAME --fg-email E [--password-file F] [--json]
  console token --data DIR --board SLUG --fg-email E     an API token for scripts
  console user --data DIR --board SLUG --email E [--role fg|viewer]   another account
  console import SOURCE --data DIR --board SLUG          tools from YAML, CSV or a signed register
  console sso --data DIR --board SLUG --issuer URL --client-id ID --client-secret-file F [--name N]
                                       single sign-on (OpenID Connect); prints the redirect URI
        (also --password-login on|off, --unlink EMAIL, --remove)
  console mfa --data DIR --board SLUG --require|--optional|--reset EMAIL   two-step verification
        (with DATABASE_URL set, the console uses PostgreSQL instead of --data)

The guide for FGs: docs/fg-guide.md (Nederlands), docs/fg-guide.en.md (English).`;

/** Runs one command; returns the exit code (0 ok, 1 failed or invalid, 2 usage). */
/**
 * Control characters (ESC sequences, carriage returns, backspaces, bidirectional overrides) from a
 * register or source would act on the FG's terminal: hide a line, recolour it, rewrite it. Every
 * line the tool prints shows them as visible escapes instead.
 */
export function visibleControls(line: string): string {
  return line.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export async function main(argv: string[], rawIo: Output = consoleOutput): Promise<number> {
  const io: Output = { out: (line) => rawIo.out(visibleControls(line)), err: (line) => rawIo.err(visibleControls(line)) };
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.out(HELP);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`unknown command "${name}"; run "bijsluiter help"`);
    return 2;
  }
  try {
    return await command(rest, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.err(`bijsluiter ${name}: ${error.message}`);
      return error.code;
    }
    io.err(`bijsluiter ${name}: unexpected error: ${(error as Error).stack ?? String(error)}`);
    return 1;
  }
}
