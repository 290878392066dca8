/**
 * CSV as spreadsheets export it: comma or semicolon separated (Dutch Excel uses ';'), quoted
 * fields with doubled quotes and line breaks, a header row. Errors name the row and column.
 */
import { CliError } from './io';

/** One data row: values by lowercase header, and its line number in the file. */
export interface CsvRow {
  line: number;
  values: Map<string, string>;
}

/** Parses CSV text with a header row. */
export function parseCsv(text: string, file: string): CsvRow[] {
  const source = text.replace(/^\uFEFF/, '');
  const firstLine = source.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let fieldStartedQuoted = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (quoted) {
      if (c === '"') {
        if (source[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"') {
      if (field !== '' && !fieldStartedQuoted) throw new CliError(`${file}: row ${line}, column ${fields.length + 1}: a quote inside an unquoted field`);
      quoted = true;
      fieldStartedQuoted = true;
    } else if (c === delimiter) {
      fields.push(field);
      field = '';
      fieldStartedQuoted = false;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && source[i + 1] === '\n') i++;
      fields.push(field);
      records.push({ line: recordLine, fields });
      fields = [];
      field = '';
      fieldStartedQuoted = false;
      line++;
      recordLine = line;
    } else field += c;
  }
  if (quoted) throw new CliError(`${file}: row ${recordLine}: a quoted field is not closed`);
  if (field !== '' || fields.length > 0) records.push({ line: recordLine, fields: [...fields, field] });
  const nonEmpty = records.filter((r) => r.fields.some((f) => f.trim() !== ''));
  const header = nonEmpty.shift();
  if (!header) throw new CliError(`${file}: no header row`);
  const names = header.fields.map((h) => h.trim().toLowerCase());
  return nonEmpty.map((record) => {
    if (record.fields.length > names.length) {
      throw new CliError(`${file}: row ${record.line}, column ${names.length + 1}: more fields than the header has columns (${names.length})`);
    }
    return { line: record.line, values: new Map(names.map((name, i) => [name, (record.fields[i] ?? '').trim()])) };
  });
}
