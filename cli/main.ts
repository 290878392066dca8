/**
 * The register's commands of `bijsluiter`: build, check, sign, verify, compare, try out and
 * publish the register (the console's commands are console/command.ts; bin/main.ts joins both).
 * Every failure is one clear line and a non-zero exit; no command leaves a partial file.
 */
import type { Output } from '../node/io';
import { build } from './commands/build';
import { diff } from './commands/diff';
import { exportCommand } from './commands/export';
import { importCsv } from './commands/import-csv';
import { keygen } from './commands/keygen';
import { lint } from './commands/lint';
import { serve } from './commands/serve';
import { sign } from './commands/sign';
import { site } from './commands/site';
import { verify } from './commands/verify';

export const REGISTER_COMMANDS: Record<string, (argv: string[], io: Output) => Promise<number>> = { keygen, import: importCsv, build, lint, sign, verify, diff, export: exportCommand, serve, site };

export const REGISTER_HELP = `bijsluiter: build, check and sign your school board's register of digital learning tools

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
                                       docs/deploy/entra-app-consent.ps1`;
