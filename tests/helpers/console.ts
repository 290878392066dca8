/**
 * Consoles for tests, on either database: the embedded PGlite (in memory) or a fresh database on
 * the machine's PostgreSQL (made per test file, dropped after). The PostgreSQL server comes from
 * TEST_DATABASE_URL or scripts/ensure-postgres.mjs, which starts the machine's cluster.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { startConsole, type RunningConsole, type StartOptions } from '../../console/start';
import { createBoard } from '../../console/store/boards';
import { createApiToken, findUserByEmail } from '../../console/store/accounts';
import type { VettingRequest } from '../../lib/requests/schema';

export type DbKind = 'pglite' | 'postgres';
export const DB_KINDS: DbKind[] = ['pglite', 'postgres'];

export { freshPostgres, postgresAdminUrl } from '../../harness/postgres';
import { freshPostgres } from '../../harness/postgres';

export const TEST_SECRET = randomBytes(32).toString('base64');

export interface TestConsole extends RunningConsole {
  kind: DbKind;
  slug: string;
  intakeToken: string;
  fgEmail: string;
  password: string;
  apiToken: string;
  /** Adds another board; returns its slug, intake token and an API token of its FG. */
  addBoard(slug: string): Promise<{ slug: string; intakeToken: string; apiToken: string; fgEmail: string }>;
  stop(): Promise<void>;
}

/** Starts a console with one board `linde` (or `slug`), its FG account and an API token. */
export async function startTestConsole(kind: DbKind, options: StartOptions & { databaseUrl?: string } = {}): Promise<TestConsole> {
  const database = kind === 'postgres' && !options.databaseUrl ? await freshPostgres() : null;
  const running = await startConsole({ jobs: false, log: () => undefined, env: { BIJSLUITER_SECRET: TEST_SECRET }, ...options, databaseUrl: database?.url ?? options.databaseUrl });
  const password = 'correct horse battery staple';
  const addBoard = async (slug: string) => {
    const fgEmail = `fg@${slug}.example`;
    const created = await createBoard(running.ctx.db, running.ctx.master, { slug, name: `Stichting ${slug}`, fgEmail, fgName: 'A. Jansen', password });
    if (!created) throw new Error(`board ${slug} exists`);
    const user = await findUserByEmail(running.ctx.db, created.board.id, fgEmail);
    return { slug, intakeToken: created.intakeToken, apiToken: await createApiToken(running.ctx.db, user!, 'tests'), fgEmail };
  };
  const first = await addBoard('linde');
  return {
    ...running,
    kind,
    slug: first.slug,
    intakeToken: first.intakeToken,
    fgEmail: first.fgEmail,
    password,
    apiToken: first.apiToken,
    addBoard,
    async stop() {
      await running.close();
      await database?.drop();
    },
  };
}

/** A valid vetting request as the extension sends it. */
export function vettingRequest(overrides: Partial<VettingRequest> & { email?: string; host?: string } = {}): VettingRequest {
  const host = overrides.host ?? 'www.blooket.com';
  const { email, host: _host, ...rest } = overrides;
  return {
    id: randomUUID(),
    createdAt: '2026-11-23T10:15:00Z',
    tool: { name: 'Blooket', url: `https://${host}/`, host, registerId: null },
    requester: { name: 'M. de Boer', email: email ?? 'm.deboer@school.example', school: 'OBS De Linde' },
    use: { purpose: 'Oefenen met woordenschat', subject: 'Engels', groups: 'groep 7 en 8', studentCount: 52, studentAge: '10-12', personalData: ['voornaam', 'scores'], neededBy: '2026-12-15' },
    message: '',
    client: { extensionVersion: '1.0.0', browser: 'chrome', registerSerial: 12 },
    ...rest,
  };
}

/** POSTs a request to the board's intake as the extension does. */
export function postRequest(base: string, slug: string, body: unknown, token: string | null, headers: Record<string, string> = {}): Promise<Response> {
  const id = (body as { id?: string })?.id ?? randomUUID();
  return fetch(`${base}/b/${slug}/api/requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': id, ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** Calls the FG API. */
export function fgApi(base: string, slug: string, token: string, path: string, init: { method?: string; body?: unknown } = {}): Promise<Response> {
  return fetch(`${base}/b/${slug}/api/fg/${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${token}`, ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
}

/** Counts a table's rows straight from the database (what is stored, not what an answer says). */
export async function countRows(c: RunningConsole, table: 'requests' | 'registers' | 'tools' | 'audit_log' | 'outbox'): Promise<number> {
  const { sql } = await import('drizzle-orm');
  const { rows } = await import('../../console/db/open');
  const result = await c.ctx.db.execute(sql.raw(`SELECT count(*)::int AS n FROM ${table}`));
  return Number(rows<{ n: number }>(result)[0]?.n);
}

export { randomUUID };
