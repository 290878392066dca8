/**
 * Attack 4 of the security review: a teacher's message `Zie bijlage;=1+1;` became a formula cell
 * when Dutch Excel (which splits on `;`) opened the comma-separated export. The export is parsed
 * here as every reader would: RFC 4180 with `;`, RFC 4180 with `,`, and a naive split on either
 * that ignores quotes. No field of any reading may start a formula. The control runs the old
 * cell writer through the same readers and must be caught.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCsv } from '../../lib/csv-export';
import { fgApi, postRequest, startTestConsole, vettingRequest, type TestConsole } from '../helpers/console';

const HOSTILE = [
  'Zie bijlage;=1+1;',
  'a,=1+1,b',
  'regel\n=HYPERLINK("http://evil.example","klik")',
  'tab\t+31 6 1234',
  'pipe|@SUM(A1)',
  'spatie; =cmd|\' /C calc\'!A0',
  'quote"=1+1',
  '-2+3',
  '＝1+1', // a full-width equals sign, which some spreadsheets read as =
];

/**
 * RFC 4180 with a chosen separator, read as Excel reads it: a quote opens a quoted field only at
 * the field's start (elsewhere it is a character), and a quoted field may hold separators,
 * doubled quotes and line breaks.
 */
function parseRfc4180(text: string, separator: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i += 1; } else if (ch === '"') quoted = false; else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === separator) { row.push(field); field = ''; } else if (ch === '\n') { row.push(field.replace(/\r$/, '')); rows.push(row); row = []; field = ''; } else field += ch;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}

/** A reader that ignores quotes altogether. */
function naiveSplit(text: string, separator: string): string[] {
  return text.split(/\r?\n/).flatMap((line) => line.split(separator));
}

const formulaFields = (fields: string[]) => fields.map((f) => f.replace(/^[\s"\uFEFF]+/, '')).filter((f) => /^[=+\-@\uff1d\uff0b\uff0d\uff20]/.test(f));

/** The export's cell writer before the fix: only the cell's start neutralised, quoted only where needed, `,` between cells. */
function oldCsv(rows: string[][]): string {
  const cell = (value: string) => {
    let text = value;
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[",\r\n;]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return rows.map((r) => r.map(cell).join(',')).join('\r\n');
}

function readings(text: string): Record<string, string[]> {
  return {
    'RFC 4180 with ;': parseRfc4180(text, ';').flat(),
    'RFC 4180 with ,': parseRfc4180(text, ',').flat(),
    'split on ;': naiveSplit(text, ';'),
    'split on ,': naiveSplit(text, ','),
  };
}

describe('CSV export: no reading of it starts a formula', () => {
  let c: TestConsole;
  beforeAll(async () => {
    c = await startTestConsole('pglite');
    for (const [i, message] of HOSTILE.entries()) {
      const answer = await postRequest(c.url, c.slug, vettingRequest({ message, email: `t${i}@school.example`, host: `tool${i}.example` }), c.intakeToken);
      expect(answer.status, message).toBe(201);
    }
  });
  afterAll(() => c.stop());

  it('the console\'s export, read four ways', async () => {
    const response = await fgApi(c.url, c.slug, c.apiToken, 'export.csv');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 with BOM, as Excel wants it
    const text = new TextDecoder().decode(bytes);
    for (const [reader, fields] of Object.entries(readings(text))) expect(formulaFields(fields), reader).toEqual([]);
    // the messages are all there, each in one cell, with only the apostrophes added
    const cells = parseRfc4180(text, ';').flat();
    for (const message of HOSTILE) expect(cells.map((cell) => cell.replace(/'(?=[=+\-@\t\uff1d])/g, '')), message).toContain(message);
  });

  it('the same cells through toCsv with , (the CLI\'s separator), read four ways', () => {
    const text = toCsv(['message'], HOSTILE.map((m) => [m]), { separator: ',', quote: 'needed' });
    for (const [reader, fields] of Object.entries(readings(text))) expect(formulaFields(fields), reader).toEqual([]);
  });

  it('control: the old writer is caught by the Dutch-Excel reading', () => {
    const found = readings(oldCsv(HOSTILE.map((m) => ['id', m])));
    expect(formulaFields(found['RFC 4180 with ;']!)).toContain('=1+1');
    expect(formulaFields(found['split on ,']!).length).toBeGreaterThan(0);
  });
});
