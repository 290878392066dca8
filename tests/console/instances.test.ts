/**
 * Several console processes on one PostgreSQL, as a service provider runs them behind a load
 * balancer: nothing is kept in one process's memory that another needs. The same request POSTed
 * to both at once is stored once; 100 concurrent POSTs lose nothing; two publishes at once get
 * two serials.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, rows } from '../../console/db/open';
import { createApiToken, findUserByEmail } from '../../console/store/accounts';
import { createBoard } from '../../console/store/boards';
import { freshPostgres, TEST_SECRET, fgApi, postRequest, vettingRequest } from '../helpers/console';
import { addressPrinted, stopProcess } from '../../harness/processes';

interface Instance {
  url: string;
  process: ChildProcess;
}

async function startInstance(databaseUrl: string): Promise<Instance> {
  const child = spawn(process.execPath, ['bin/bijsluiter.mjs', 'console', '--port', '0'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, BIJSLUITER_SECRET: TEST_SECRET, SMTP_URL: '', BIJSLUITER_INTAKE_LIMIT: '1000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await addressPrinted(child, /console on (http:\/\/127\.0\.0\.1:\d+)/);
  return { url, process: child };
}

const stopInstance = (instance: Instance | undefined) => stopProcess(instance?.process);

describe('two console processes on one PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof freshPostgres>>;
  let a: Instance;
  let b: Instance;
  let intakeToken: string;
  let apiToken: string;
  const stored = async () => {
    const db = await openDatabase({ databaseUrl: database.url, poolSize: 1 });
    try {
      return rows<{ request_id: string }>(await db.db.execute(sql`SELECT request_id FROM requests`)).map((r) => r.request_id);
    } finally {
      await db.close();
    }
  };

  beforeAll(async () => {
    database = await freshPostgres();
    const db = await openDatabase({ databaseUrl: database.url, poolSize: 1 });
    const created = await createBoard(db.db, Buffer.from(TEST_SECRET, 'base64'), { slug: 'linde', name: 'Stichting De Linde', fgEmail: 'fg@linde.example', password: 'correct horse battery staple' });
    intakeToken = created!.intakeToken;
    apiToken = await createApiToken(db.db, (await findUserByEmail(db.db, created!.board.id, 'fg@linde.example'))!, 'tests');
    await db.close();
    // both start together: the migration lock makes one migrate and the other wait
    [a, b] = await Promise.all([startInstance(database.url), startInstance(database.url)]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([stopInstance(a), stopInstance(b)]);
    await database?.drop();
  });

  it('the same request POSTed to both at once is stored once, and both answer with the same statusUrl', async () => {
    const requests = Array.from({ length: 20 }, (_, i) => vettingRequest({ email: `teacher${i}@school.example` }));
    const answers = await Promise.all(requests.flatMap((r) => [postRequest(a.url, 'linde', r, intakeToken), postRequest(b.url, 'linde', r, intakeToken)]));
    expect(answers.map((r) => r.status)).toEqual(Array(40).fill(201));
    const bodies = await Promise.all(answers.map((r) => r.json() as Promise<{ statusUrl: string }>));
    for (let i = 0; i < 20; i++) expect(bodies[2 * i]!.statusUrl).toBe(bodies[2 * i + 1]!.statusUrl);
    const ids = await stored();
    for (const r of requests) expect(ids.filter((id) => id === r.id)).toHaveLength(1);
  });

  it('100 concurrent POSTs across both instances: every one stored, none twice', async () => {
    const before = (await stored()).length;
    const requests = Array.from({ length: 100 }, (_, i) => vettingRequest({ email: `many${i}@school.example` }));
    const answers = await Promise.all(requests.map((r, i) => postRequest(i % 2 ? a.url : b.url, 'linde', r, intakeToken)));
    expect(answers.filter((r) => r.status === 201)).toHaveLength(100);
    const ids = await stored();
    expect(ids.length - before).toBe(100);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('a rate limit counts the hits on both instances', async () => {
    // BIJSLUITER_INTAKE_PER_PERSON is the default 20 an hour: 12 on each instance make 24
    const answers = [];
    for (let i = 0; i < 12; i++) {
      answers.push((await postRequest(a.url, 'linde', vettingRequest({ email: 'same@school.example' }), intakeToken)).status);
      answers.push((await postRequest(b.url, 'linde', vettingRequest({ email: 'same@school.example' }), intakeToken)).status);
    }
    expect(answers.filter((s) => s === 201)).toHaveLength(20);
    expect(answers.slice(20)).toEqual([429, 429, 429, 429]);
  });

  it('a decision made on one instance holds on the other', async () => {
    const [first] = (await (await fgApi(a.url, 'linde', apiToken, 'requests')).json()).requests as { id: string }[];
    const decided = await fgApi(a.url, 'linde', apiToken, `requests/${first!.id}/decision`, { method: 'POST', body: { status: 'in-review', note: 'We kijken ernaar' } });
    expect(decided.status).toBe(200);
    const seen = await (await fgApi(b.url, 'linde', apiToken, `requests/${first!.id}`)).json();
    expect(seen).toMatchObject({ status: 'in-review', note: 'We kijken ernaar' });
  });

  it('two publishes at once on both instances get consecutive serials; the register served by either is the newest', async () => {
    const [x, y] = await Promise.all([fgApi(a.url, 'linde', apiToken, 'publish', { method: 'POST' }), fgApi(b.url, 'linde', apiToken, 'publish', { method: 'POST' })]);
    const serials = [(await x.json()).serial, (await y.json()).serial].sort();
    expect(serials).toEqual([1, 2]);
    const fromA = await (await fetch(`${a.url}/b/linde/register.json`)).text();
    const fromB = await (await fetch(`${b.url}/b/linde/register.json`)).text();
    expect(fromA).toBe(fromB);
    expect(JSON.parse(Buffer.from(JSON.parse(fromA).payload, 'base64').toString()).serial).toBe(2);
  });
});
