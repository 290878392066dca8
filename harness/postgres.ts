/**
 * Fresh databases on the machine's PostgreSQL for tests and benchmarks: the server comes from
 * TEST_DATABASE_URL or scripts/ensure-postgres.mjs (which starts the machine's cluster); each
 * caller gets a database of its own, dropped after.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

let adminUrl: string | null = null;

/** The PostgreSQL server's URL for a role that may create databases. */
export function postgresAdminUrl(): string {
  if (!adminUrl) {
    adminUrl = process.env.TEST_DATABASE_URL ?? execFileSync('node', ['scripts/ensure-postgres.mjs'], { encoding: 'utf8' }).trim().split('\n').at(-1)!;
  }
  return adminUrl;
}

/** A new empty database; returns its URL and how to drop it. */
export async function freshPostgres(): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = postgresAdminUrl();
  const name = `bijsluiter_t_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      // processes that used it may take a moment to hang up; FORCE would need rights over every
      // role connected (autovacuum included), which the test role does not have
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      try {
        for (let attempt = 0; ; attempt++) {
          try {
            await c.query(`DROP DATABASE IF EXISTS ${name}`);
            return;
          } catch (error) {
            if (attempt >= 50) throw error;
            await new Promise((r) => setTimeout(r, 100));
          }
        }
      } finally {
        await c.end();
      }
    },
  };
}
