/**
 * The FG's editable source of a register: a YAML file, a folder (register.yaml with the
 * publisher plus tools/*.yaml, one tool each), or a spreadsheet exported as CSV for the first
 * fill. Every value keeps where it came from, so a problem names the file and line (or row).
 */
import type { Framework } from '../lib/register/framework';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, LineCounter, parseDocument, type Document } from 'yaml';
import { parseCsv, type CsvRow } from './csv';
import { CliError, readText } from './io';
import { parseSignInList, SIGN_IN_FORMAT } from '../lib/register/sign-in-text';

/** A register source: publisher and tools as plain data, and how to say where a path came from. */
export interface RegisterSource {
  publisher: unknown;
  tools: unknown[];
  /** Days until expiresAt, when the source sets it. */
  validDays?: number;
  /** "file:line" for a path into the payload (e.g. ['tools', 3, 'match', 0]), when known. */
  locate(path: readonly PropertyKey[]): string | null;
}

interface YamlFile {
  file: string;
  doc: Document;
  lines: LineCounter;
}

function loadYaml(file: string): YamlFile {
  const lines = new LineCounter();
  const doc = parseDocument(readText(file, 'source file'), { lineCounter: lines, prettyErrors: true });
  const error = doc.errors[0];
  if (error) {
    const pos = error.linePos?.[0];
    throw new CliError(`${file}${pos ? `:${pos.line}:${pos.col}` : ''}: ${error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`);
  }
  return { file, doc, lines };
}

/**
 * The document as plain data. Aliases are capped (an "alias bomb" of nested anchors would expand
 * to gigabytes), and a refusal is one line naming the file, not a stack trace.
 */
function plain(yaml: YamlFile): unknown {
  try {
    return yaml.doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    const reason = /alias/i.test((error as Error).message) ? 'too many YAML aliases (*name) expanding anchors (&name); write the values out' : (error as Error).message.split('\n')[0];
    throw new CliError(`${yaml.file}: ${reason}`);
  }
}

function lineOf(yaml: YamlFile, path: readonly PropertyKey[]): string {
  for (let n = path.length; n >= 0; n--) {
    const node = yaml.doc.getIn(path.slice(0, n) as unknown[], true) as { range?: [number, number, number] } | undefined;
    if (node?.range) return `${yaml.file}:${yaml.lines.linePos(node.range[0]).line}`;
  }
  return yaml.file;
}

/** Loads a YAML file, a folder or a CSV file (CSV needs `publisherFile`). */
export function loadSource(path: string, publisherFile?: string): RegisterSource {
  if (!existsSync(path)) throw new CliError(`source not found: ${path}`);
  if (statSync(path).isDirectory()) return loadFolder(path);
  if (/\.csv$/i.test(path)) {
    if (!publisherFile) throw new CliError('a CSV source needs --publisher FILE.yaml (the publisher and FG details)');
    const publisher = loadYaml(publisherFile);
    const tools = csvTools(path);
    return {
      publisher: (plain(publisher) as { publisher?: unknown })?.publisher ?? plain(publisher),
      tools: tools.map((t) => t.tool),
      locate: (p) => (p[0] === 'tools' && typeof p[1] === 'number' ? `${path}: row ${tools[p[1]]?.line}` : p[0] === 'publisher' ? lineOf(publisher, p.slice(1)) : null),
    };
  }
  const yaml = loadYaml(path);
  const data = plain(yaml) as { publisher?: unknown; tools?: unknown; validDays?: unknown } | null;
  if (!data || typeof data !== 'object') throw new CliError(`${path}: expected a mapping with "publisher" and "tools"`);
  return {
    publisher: data.publisher,
    tools: Array.isArray(data.tools) ? data.tools : [],
    validDays: typeof data.validDays === 'number' ? data.validDays : undefined,
    locate: (p) => lineOf(yaml, p),
  };
}

function loadFolder(dir: string): RegisterSource {
  const main = join(dir, 'register.yaml');
  const head = loadYaml(main);
  const data = plain(head) as { publisher?: unknown; validDays?: unknown } | null;
  const toolsDir = join(dir, 'tools');
  const files = existsSync(toolsDir) ? readdirSync(toolsDir).filter((f) => /\.ya?ml$/.test(f)).sort() : [];
  const tools = files.map((f) => loadYaml(join(toolsDir, f)));
  for (const tool of tools) {
    if (!isMap(tool.doc.contents)) throw new CliError(`${tool.file}: expected one tool as a mapping (id, name, …)`);
  }
  return {
    publisher: data?.publisher,
    tools: tools.map((t) => plain(t)),
    validDays: typeof data?.validDays === 'number' ? data.validDays : undefined,
    locate: (p) => {
      if (p[0] === 'tools' && typeof p[1] === 'number' && tools[p[1]]) return lineOf(tools[p[1]]!, p.slice(2));
      return lineOf(head, p);
    },
  };
}

const COLUMNS: Record<string, string[]> = {
  id: ['id'],
  name: ['name', 'naam', 'tool'],
  supplier: ['supplier', 'vendor', 'leverancier'],
  country: ['supplier country', 'country', 'land'],
  category: ['category', 'categorie'],
  domains: ['domains', 'domeinen', 'match', 'website', 'websites'],
  status: ['status'],
  signedOn: ['signed on', 'getekend op', 'getekend'],
  validUntil: ['valid until', 'geldig tot'],
  reference: ['reference', 'kenmerk'],
  sheetUrl: ['sheet url', 'bijsluiter url', 'bijsluiter'],
  sheetVersion: ['sheet version', 'bijsluiter versie', 'bijsluiterversie'],
  framework: ['framework', 'kader'],
  conditions: ['conditions', 'voorwaarden'],
  reason: ['reason', 'reden'],
  alternatives: ['alternatives', 'alternatieven'],
  signIn: ['sign in', 'signin', 'inloggen', 'inloggen met', 'sign in clients'],
};

/** The `framework` / `kader` column: the agreement the sheet follows (lib/register/framework.ts). */
const FRAMEWORK: Record<string, Framework> = {
  'convenant-4.0': 'convenant-4.0', 'convenant 4.0': 'convenant-4.0', convenant: 'convenant-4.0',
  intentieverklaring: 'intentieverklaring', vlaams: 'intentieverklaring', vlaanderen: 'intentieverklaring',
};

const STATUS: Record<string, string> = {
  approved: 'approved', goedgekeurd: 'approved', akkoord: 'approved',
  pending: 'pending', 'in behandeling': 'pending', 'in beoordeling': 'pending',
  rejected: 'rejected', afgewezen: 'rejected',
  unvetted: 'unvetted', 'niet beoordeeld': 'unvetted', onbekend: 'unvetted',
};

/** Reads the tools of a spreadsheet export, one row per tool. */
export function csvTools(file: string): { line: number; tool: Record<string, unknown> }[] {
  const rows = parseCsv(readText(file, 'CSV file'), file);
  return rows.map((row) => ({ line: row.line, tool: rowToTool(row, file) }));
}

function rowToTool(row: CsvRow, file: string): Record<string, unknown> {
  const get = (key: string) => {
    for (const alias of COLUMNS[key]!) {
      for (const [header, value] of row.values) if (header.replace(/[\s_-]+/g, ' ') === alias) return value;
    }
    return '';
  };
  const where = (column: string) => `${file}: row ${row.line}, column "${column}"`;
  const name = get('name');
  if (!name) throw new CliError(`${where('name')}: the tool has no name`);
  const statusText = get('status').toLowerCase();
  const status = STATUS[statusText];
  if (!status) throw new CliError(`${where('status')}: "${get('status')}" is not a status (approved, pending, rejected, unvetted or goedgekeurd, in behandeling, afgewezen, niet beoordeeld)`);
  const date = (key: string, column: string) => {
    const value = get(key);
    if (!value) return undefined;
    const nl = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(value);
    const iso = nl ? `${nl[3]}-${nl[2]!.padStart(2, '0')}-${nl[1]!.padStart(2, '0')}` : value;
    const parsed = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T00:00:00Z`) : null;
    if (parsed && !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(iso)) return iso;
    throw new CliError(`${where(column)}: "${value}" is not a date (use 2025-03-01 or 1-3-2025)`);
  };
  const list = (value: string, split: RegExp) => value.split(split).map((s) => s.trim()).filter(Boolean);
  const signedOn = date('signedOn', 'signed on');
  const sheetVersion = get('sheetVersion') || undefined;
  const tool: Record<string, unknown> = {
    id: get('id') || slug(name),
    name,
    category: get('category').toLowerCase() || 'other',
    match: list(get('domains'), /[\s,;]+/).map((d) => d.replace(/^https?:\/\//i, '').replace(/\/+$/, '')),
    status,
    conditions: list(get('conditions'), /\n|\s\|\s/),
    alternatives: list(get('alternatives'), /[\s,;]+/),
  };
  const supplier = get('supplier');
  if (supplier) tool.vendor = { name: supplier, ...(get('country') ? { country: get('country').toUpperCase() } : {}) };
  if (signedOn) {
    tool.agreement = {
      type: 'model-verwerkersovereenkomst',
      signedOn,
      ...(date('validUntil', 'valid until') ? { validUntil: date('validUntil', 'valid until') } : {}),
      ...(get('reference') ? { reference: get('reference') } : {}),
      ...(sheetVersion ? { bijsluiterVersion: sheetVersion } : {}),
    };
  }
  if (get('reason')) tool.reason = get('reason');
  // "google:ID; microsoft:GUID; saml:URL; oauth:HOST CLIENT-ID", separated by ";" or new lines
  const signIn = parseSignInList(get('signIn'), /[;\n]/);
  const unnamed = signIn.find((c) => !c.provider);
  if (unnamed) throw new CliError(`${where('sign in')}: "${String(unnamed.clientId).slice(0, 80)}" does not say its provider (write ${SIGN_IN_FORMAT}, separated by ";")`);
  if (signIn.length) tool.signIn = signIn;
  const frameworkText = get('framework').toLowerCase().replace(/[\s_]+/g, ' ').trim();
  const framework = frameworkText ? FRAMEWORK[frameworkText] : undefined;
  if (frameworkText && !framework) throw new CliError(`${where('framework')}: "${get('framework').slice(0, 80)}" is not a framework (convenant-4.0 or intentieverklaring)`);
  if (sheetVersion || get('sheetUrl') || framework) {
    tool.bijsluiter = { ...(framework ? { framework } : {}), ...(sheetVersion ? { version: sheetVersion } : {}), ...(get('sheetUrl') ? { url: get('sheetUrl') } : {}) };
  }
  return tool;
}

/** A tool id from a name: lowercase letters, digits and hyphens. */
export function slug(name: string): string {
  return name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 64) || 'tool';
}
