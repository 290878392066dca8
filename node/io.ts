/**
 * File handling for the FG's tool: clear one-line errors for missing or unreadable files, and
 * writes that never leave a partial file (write a temporary file beside it, then rename).
 */
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** An error meant for the person at the terminal: printed as is, exit code 1 (or `code`). */
export class CliError extends Error {
  constructor(message: string, readonly code = 1) {
    super(message);
  }
}

/** Where the commands print; tests capture it. */
export interface Output {
  out(line: string): void;
  err(line: string): void;
}

export const consoleOutput: Output = { out: (l) => console.log(l), err: (l) => console.error(l) };

/** Reads a UTF-8 file or throws a CliError naming it. */
export function readText(path: string, what = 'file'): string {
  if (!existsSync(path)) throw new CliError(`${what} not found: ${path}`);
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/** Writes `content` to `path` through a temporary file and a rename. */
export function writeAtomic(path: string, content: string, mode = 0o644): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, content, { mode, flag: 'wx' });
    renameSync(tmp, path);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw new CliError(`cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/** Parses JSON or throws a CliError with the file name and the parser's position. */
export function parseJsonFile(path: string, what = 'file'): unknown {
  const text = readText(path, what);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(`${path} is not valid JSON (${(error as Error).message})`);
  }
}
