/**
 * `bijsluiter export google-admin|entra REGISTER [--public-key B64] [--out FILE]`: the register's
 * decisions about sign-in clients (`signIn`) for the identity provider's own app controls, so
 * that "approved" and "rejected" also hold where the extension is not installed.
 *
 * google-admin: the CSV of the Google Admin console's "Bulk update list" for third-party app
 *   access (Security > Access and data control > API controls > Manage Third-Party App Access):
 *   approved tools' Google client ids as Trusted, rejected tools' as Blocked. Pending and
 *   unvetted tools are left out (the file format has no comment lines; they are named on the
 *   terminal instead), so Google's own setting for unconfigured apps applies to them.
 * entra: approved and rejected tools' Microsoft application ids as CSV for
 *   docs/deploy/entra-app-consent.ps1, which allows or blocks them in Microsoft Entra ID.
 *
 * With --public-key the register is verified exactly as `verify` (and the extension) does, and an
 * invalid one is refused; without it the file is read as a payload or an unverified register.
 * Every cell goes through the console's CSV export: RFC 4180 quoting, and a name that starts with
 * = + - @ (at its start or after any separator-like character) gets a ' so a spreadsheet never
 * runs it as a formula.
 */
import { acceptRegister } from '../../lib/sync/accept-register';
import type { RegisterPayload, Tool } from '../../lib/register/schema';
import { toCsv } from '../../lib/csv-export';
import { option, parseArgs, positional } from '../../node/args';
import { CliError, readText, writeAtomic, type Output } from '../../node/io';
import { readValidPayload } from '../payload-file';
import { readPublicKeys } from '../../node/public-keys';

/** The columns Google's help names for the bulk update ("Type, Id, Access, and Org Unit"), after the app's name. */
export const GOOGLE_ADMIN_HEADER = ['Name', 'Type', 'Id', 'Access', 'Org Unit'] as const;
/** Google's app type for an OAuth web client (the Admin console's filter offers Web application, Android, iOS). */
export const GOOGLE_WEB_TYPE = 'Web application';
export const DEFAULT_ORG_UNIT = '/';

export const ENTRA_HEADER = ['AppId', 'Decision', 'ToolId', 'ToolName'] as const;

const USAGE = 'export needs a target and a REGISTER: export google-admin REGISTER [--public-key B64] [--org-unit /] [--out FILE], or export entra REGISTER [--public-key B64] [--out FILE]';

interface Row {
  cells: string[];
  tool: Tool;
}

/** CSV text: a header and rows, every cell neutralised and quoted as needed, lines ending in `eol`. */
export function csvText(header: readonly string[], rows: readonly (readonly string[])[], eol = '\r\n'): string {
  // Google's and Microsoft's tools read comma-separated files
  return toCsv(header, rows, { separator: ',', eol, quote: 'needed' });
}

/** The Google Admin rows: approved → Trusted, rejected → Blocked, one row per Google client id. */
export function googleAdminRows(payload: RegisterPayload, orgUnit = DEFAULT_ORG_UNIT): Row[] {
  const rows: Row[] = [];
  for (const tool of payload.tools) {
    const access = tool.status === 'approved' ? 'Trusted' : tool.status === 'rejected' ? 'Blocked' : null;
    if (!access) continue;
    for (const client of tool.signIn ?? []) {
      if (client.provider === 'google') rows.push({ tool, cells: [tool.name, GOOGLE_WEB_TYPE, client.clientId, access, orgUnit] });
    }
  }
  return rows;
}

/** The Entra rows: approved → allow, rejected → block, one row per Microsoft application id. */
export function entraRows(payload: RegisterPayload): Row[] {
  const rows: Row[] = [];
  for (const tool of payload.tools) {
    const decision = tool.status === 'approved' ? 'allow' : tool.status === 'rejected' ? 'block' : null;
    if (!decision) continue;
    for (const client of tool.signIn ?? []) {
      if (client.provider === 'microsoft') rows.push({ tool, cells: [client.clientId, decision, tool.id, tool.name] });
    }
  }
  return rows;
}

/** The payload of REGISTER: verified with the given keys, or (without keys) only validated. */
async function readRegister(file: string, keyTexts: readonly string[], io: Output): Promise<RegisterPayload> {
  if (keyTexts.length === 0) {
    const payload = readValidPayload(file);
    io.err(`note: ${file} was not verified (no --public-key given); give the board's public key to export only what the extension would accept`);
    return payload;
  }
  const keys = await readPublicKeys(keyTexts);
  const result = await acceptRegister(new TextEncoder().encode(readText(file, 'register')), { keys, now: new Date() });
  if (!result.ok) throw new CliError(`${file} does not verify, nothing exported: ${result.error.code}: ${result.error.detail}`);
  if (Date.parse(result.payload.expiresAt) < Date.now()) io.err(`note: this register expired on ${result.payload.expiresAt}; teachers see its approvals as unconfirmed`);
  return result.payload;
}

export async function exportCommand(argv: string[], io: Output): Promise<number> {
  const args = parseArgs(argv, ['public-key', 'out', 'org-unit']);
  const target = positional(args, 0, 'a target (google-admin or entra) and a REGISTER', 'export');
  if (target !== 'google-admin' && target !== 'entra') throw new CliError(`unknown export target "${target}"; ${USAGE}`, 2);
  const file = positional(args, 1, 'a REGISTER file (signed register or payload)', 'export');
  const orgUnit = option(args, 'org-unit');
  if (orgUnit !== undefined && target !== 'google-admin') throw new CliError('--org-unit is for export google-admin only', 2);
  if (orgUnit !== undefined && !orgUnit.startsWith('/')) throw new CliError(`--org-unit "${orgUnit}" must be an organisational unit path starting with / (/ is the whole organisation)`);
  const payload = await readRegister(file, args.options.get('public-key') ?? [], io);

  const google = target === 'google-admin';
  const provider = google ? 'google' : 'microsoft';
  const rows = google ? googleAdminRows(payload, orgUnit ?? DEFAULT_ORG_UNIT) : entraRows(payload);
  const header = google ? GOOGLE_ADMIN_HEADER : ENTRA_HEADER;
  const out = option(args, 'out');
  // the file gets CRLF as RFC 4180 says; on a terminal plain lines read better
  if (out) writeAtomic(out, csvText(header, rows.map((r) => r.cells)));
  else io.out(csvText(header, rows.map((r) => r.cells), '\n').replace(/\n$/, ''));

  const say = out ? io.out : io.err;
  const count = (status: string) => rows.filter((r) => r.tool.status === status).length;
  const [yes, no] = google ? ['Trusted', 'Blocked'] : ['allow', 'block'];
  say(`${out ? `wrote ${out}: ` : ''}${count('approved')} ${yes}, ${count('rejected')} ${no} (${google ? 'Google client ids' : 'Microsoft application ids'} of approved and rejected tools)`);
  const has = (tool: Tool) => (tool.signIn ?? []).some((c) => c.provider === provider);
  const leftOut = payload.tools.filter((t) => (t.status === 'pending' || t.status === 'unvetted') && has(t));
  if (leftOut.length) say(`left out, not decided yet: ${leftOut.map((t) => `${t.id} (${t.status})`).join(', ')}`);
  const without = payload.tools.filter((t) => (t.status === 'approved' || t.status === 'rejected') && !has(t));
  if (without.length) say(`${without.length} approved or rejected tool(s) name no ${google ? 'Google client id' : 'Microsoft application id'} in signIn: ${without.map((t) => t.id).join(', ')}`);
  const ended = rows.filter((r) => r.tool.status === 'approved' && r.tool.agreement?.validUntil && r.tool.agreement.validUntil < new Date().toISOString().slice(0, 10));
  if (ended.length) say(`check: the agreement of ${[...new Set(ended.map((r) => r.tool.id))].join(', ')} has ended, yet the tool is approved (exported as ${yes})`);
  return 0;
}
