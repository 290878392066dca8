/**
 * Opens the console's database: PGlite (PostgreSQL in WebAssembly, files in DIR/db) by default,
 * or a real PostgreSQL when `DATABASE_URL` is set; both behind one Drizzle query layer over the
 * same schema, migrated at open.
 */
import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { MIGRATIONS } from './migrations';
import * as schema from './schema';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres://… for a real PostgreSQL; else the embedded database in `dataDir`. */
  databaseUrl?: string;
  /** Folder of the embedded database; omitted (with no URL) means in memory, for tests. */
  dataDir?: string;
  /** Connections per instance on PostgreSQL. */
  poolSize?: number;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  let database: Database;
  if (options.databaseUrl) {
    const { default: pg } = await import('pg');
    const { drizzle } = await import('drizzle-orm/node-postgres');
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10, connectionTimeoutMillis: 5_000, statement_timeout: 15_000 });
    // an idle client that loses its server must not crash the process; the next query reports it
    pool.on('error', () => undefined);
    database = { db: drizzle(pool, { schema }) as unknown as Db, kind: 'postgres', close: () => pool.end() };
  } else {
    const { PGlite } = await import('@electric-sql/pglite');
    const { drizzle } = await import('drizzle-orm/pglite');
    let client;
    if (options.dataDir) {
      mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
      client = await PGlite.create(join(options.dataDir, 'db'));
      // teachers' personal data: only the account that runs the console may read the files
      chmodSync(join(options.dataDir, 'db'), 0o700);
    } else client = await PGlite.create();
    database = { db: drizzle(client, { schema }) as unknown as Db, kind: 'pglite', close: () => client.close() };
  }
  try {
    await migrate(database.db);
  } catch (error) {
    await database.close().catch(() => undefined);
    throw error;
  }
  return database;
}

/** Applies the migrations not yet applied; returns the versions it applied. */
export async function migrate(db: Db): Promise<number[]> {
  return db.transaction(async (tx) => {
    // one instance migrates at a time; the others wait here and then find nothing to do
    await tx.execute(sql`SELECT pg_advisory_xact_lock(727274101)`);
    await tx.execute(sql`CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = await tx.execute(sql`SELECT version FROM schema_migrations`);
    const applied = new Set(rows<{ version: number }>(done).map((r) => Number(r.version)));
    const newest = Math.max(0, ...applied);
    const latest = MIGRATIONS.at(-1)?.version ?? 0;
    if (newest > latest) throw new Error(`the database has schema version ${newest}, newer than this console knows (${latest}): run the newer console`);
    const ran: number[] = [];
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      for (const statement of migration.statements) await tx.execute(sql.raw(statement));
      await tx.execute(sql`INSERT INTO schema_migrations (version, name) VALUES (${migration.version}, ${migration.name})`);
      ran.push(migration.version);
    }
    return ran;
  });
}

/** The rows of an `execute` result: node-postgres and PGlite both answer `{ rows }`. */
export function rows<T>(result: unknown): T[] {
  return ((result as { rows?: T[] }).rows ?? (result as T[])) as T[];
}
