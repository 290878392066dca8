/**
 * Requests and decisions as CSV for a spreadsheet. A cell that starts with =, +, -, @ (or a tab
 * or carriage return) is prefixed with an apostrophe so the spreadsheet shows it as text instead
 * of running it as a formula (OWASP's CSV injection advice), then quoted as RFC 4180 says.
 */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n;]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
