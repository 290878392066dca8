/**
 * Where the console's commands find the console: `--data DIR` (the embedded database) or
 * DATABASE_URL (PostgreSQL), opened with the master key for the duration of one command; and the
 * public address the printed values are built from.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { option, type ParsedArgs } from '../node/args';
import { CliError } from '../node/io';
import { openDatabase, type Database } from './db/open';
import { loadMasterKey } from './master-key';
import { checkPublicUrl } from './start';

export const DEFAULT_PORT = 8080;

export interface Storage {
  dataDir?: string;
  databaseUrl?: string;
}

export function storage(args: ParsedArgs, command: string): Storage {
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const dataDir = option(args, 'data');
  if (!databaseUrl && !dataDir) throw new CliError(`${command} needs --data DIR (the embedded database's folder) or DATABASE_URL`);
  return databaseUrl ? { databaseUrl } : { dataDir };
}

/** For commands that need a console made before: a mistyped --data must not make a new, empty one. */
export function existingStorage(args: ParsedArgs, command: string): Storage {
  const where = storage(args, command);
  if (where.dataDir && !existsSync(join(where.dataDir, 'db'))) throw new CliError(`no console database in ${where.dataDir}; make one with "bijsluiter console init --data ${where.dataDir} …"`);
  return where;
}

export async function withDatabase<T>(where: Storage, work: (database: Database, master: Buffer) => Promise<T>): Promise<T> {
  let master: Buffer;
  try {
    master = loadMasterKey({ env: process.env, ...where });
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  const database = await openDatabase(where).catch((error: Error) => {
    throw new CliError(`cannot open the database: ${error.message}`);
  });
  try {
    return await work(database, master);
  } finally {
    await database.close();
  }
}

export function publicUrlOf(args: ParsedArgs, port: number): string {
  const url = (option(args, 'public-url') ?? process.env.PUBLIC_URL ?? `http://127.0.0.1:${port}`).replace(/\/+$/, '');
  try {
    checkPublicUrl(url);
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  return url;
}
