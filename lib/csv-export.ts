/**
 * Requests and decisions as CSV for a spreadsheet (and the CLI's exports for Google and Entra).
 *
 * Formula injection (OWASP's CSV injection): a cell a spreadsheet reads as a formula runs it. A
 * cell's start is not the only start: Dutch and Flemish Excel split on `;`, English Excel on
 * `,`, and a program that ignores quotes splits inside them, so a teacher's message
 * `Zie bijlage;=1+1;` held a formula for one of them. So an apostrophe goes before `= + - @`
 * (and tab, CR) wherever a cell could start: at the beginning and after every separator-like
 * character (`,` `;` tab, line breaks, `|`, a quote), spaces between included. Then every cell
 * is quoted, as RFC 4180 says, whichever separator the file uses.
 */
const FORMULA_START = /(^|[,;\t\r\n|"])([ \u00a0]*)(?=[=+\-@\t\r\uff1d\uff0b\uff0d\uff20])/g;

export function neutraliseCell(text: string): string {
  return text.replace(FORMULA_START, "$1$2'");
}

/** One cell: neutralised, then quoted (always, or only where RFC 4180 needs it: for the CLI's exports, whose readers are Google's and Microsoft's importers). */
export function csvCell(value: unknown, quote: 'always' | 'needed' = 'always'): string {
  const text = neutraliseCell(value === null || value === undefined ? '' : String(value));
  const needs = quote === 'always' || /[",;\r\n]/.test(text) || text !== text.trim();
  return needs ? `"${text.replace(/"/g, '""')}"` : text;
}

/** `;` for Dutch and Flemish Excel (the console's boards), `,` where a tool's import wants it. */
export type CsvSeparator = ';' | ',';

export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[], options: { separator?: CsvSeparator; eol?: string; quote?: 'always' | 'needed' } = {}): string {
  const { separator = ';', eol = '\r\n', quote = 'always' } = options;
  return [header, ...rows].map((row) => row.map((cell) => csvCell(cell, quote)).join(separator)).join(eol) + eol;
}
