/**
 * The FG console's figures: intake requests per second and latency (p50, p95) on the embedded
 * database and on PostgreSQL, each beside the baseline of bench/intake-baseline.ts on the same
 * database; and the time to publish a register of 500 tools, beside signing the same payload
 * with the CLI's code alone.
 *
 * The server runs in a child process and the load comes from this one, so the two share the
 * machine's two cores the way a server and its clients would not: figures are a floor. Each
 * round POSTs `perRound` requests from `concurrency` keep-alive connections; the first round is
 * a warm-up and dropped. A latency is one request's round trip (milliseconds, far above the
 * timer's resolution); requests per second is the round's count over its wall time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { lintPayload } from '../lib/register/lint';
import { schoolDay } from '../lib/dates';
import { signRegisterEnvelope } from '../lib/register/assemble';
import type { Tool } from '../lib/register/schema';
import { openDatabase } from '../console/db/open';
import { startConsole } from '../console/start';
import { boardSigningKey, createBoard } from '../console/store/boards';
import { importTools } from '../console/store/import';
import { candidatePayload, publish } from '../console/store/registers';
import { decodeBase64 } from '../lib/register/base64';
import { demoPayload } from '../harness/demo-register';
import { freshPostgres } from '../harness/postgres';
import { percentile } from './matcher';
import { addressPrinted, stopProcess } from '../harness/processes';

const SECRET = Buffer.alloc(32, 7).toString('base64');

export interface IntakeFigures {
  rps: number[];
  p50: number[];
  p95: number[];
  errors: number;
}

function body(i: number) {
  const id = randomUUID();
  return {
    id,
    text: JSON.stringify({
      id,
      createdAt: '2026-11-23T10:15:00Z',
      tool: { name: `Tool ${i % 50}`, url: `https://tool${i % 50}.example/`, host: `tool${i % 50}.example`, registerId: null },
      requester: { name: 'M. de Boer', email: `teacher${i}@school.example`, school: 'OBS De Linde' },
      use: { purpose: 'Oefenen met woordenschat', subject: 'Engels', groups: 'groep 7 en 8', studentCount: 52, studentAge: '10-12', personalData: ['voornaam', 'scores'], neededBy: '2026-12-15' },
      message: 'Graag voor de kerstvakantie.',
      client: { extensionVersion: '1.0.0', browser: 'chrome', registerSerial: 12 },
    }),
  };
}

function post(agent: Agent, url: URL, token: string | null, payload: { id: string; text: string }): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'idempotency-key': payload.id, 'content-length': Buffer.byteLength(payload.text), ...(token ? { authorization: `Bearer ${token}` } : {}) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(payload.text);
  });
}

async function load(url: string, token: string | null, rounds: number, perRound: number, concurrency: number): Promise<IntakeFigures> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const target = new URL(url);
  const figures: IntakeFigures = { rps: [], p50: [], p95: [], errors: 0 };
  let n = 0;
  for (let round = 0; round <= rounds; round++) {
    const latencies: number[] = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < perRound) {
          next += 1;
          const payload = body(n++);
          const t0 = performance.now();
          const status = await post(agent, target, token, payload);
          latencies.push(performance.now() - t0);
          if (status !== 201) figures.errors += 1;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    if (round === 0) continue; // warm-up: JIT, connection set-up, first pages of the table
    figures.rps.push(perRound / seconds);
    figures.p50.push(percentile(latencies, 50));
    figures.p95.push(percentile(latencies, 95));
  }
  agent.destroy();
  return figures;
}

/** Intake on one database kind: the console (CLI child process) and the baseline, same load. */
export async function intakeBench(kind: 'pglite' | 'postgres', rounds = 3, perRound = 1_000, concurrency = 16): Promise<{ console: IntakeFigures; baseline: IntakeFigures }> {
  const results: { console?: IntakeFigures; baseline?: IntakeFigures } = {};
  for (const which of ['console', 'baseline'] as const) {
    const dir = mkdtempSync(join(tmpdir(), 'bijsluiter-bench-'));
    const pgDb = kind === 'postgres' ? await freshPostgres() : null;
    const where = pgDb ? { databaseUrl: pgDb.url } : { dataDir: dir };
    const db = await openDatabase(where);
    const created = await createBoard(db.db, Buffer.from(SECRET, 'base64'), { slug: 'bench', name: 'Bench', fgEmail: 'fg@bench.example', password: 'correct horse battery staple' });
    await db.close();
    const env = { ...process.env, BIJSLUITER_SECRET: SECRET, BIJSLUITER_INTAKE_LIMIT: '100000000', BIJSLUITER_INTAKE_PER_PERSON: '100000000', SMTP_URL: '', ...(pgDb ? { DATABASE_URL: pgDb.url } : { DATABASE_URL: '' }) };
    const child =
      which === 'console'
        ? spawn(process.execPath, ['bin/bijsluiter.mjs', 'console', '--port', '0', ...(pgDb ? [] : ['--data', dir])], { env, stdio: ['ignore', 'pipe', 'pipe'] })
        : spawn(process.execPath, ['--import', 'tsx', 'bench/intake-baseline.ts', ...(pgDb ? ['--url', pgDb.url] : ['--data', dir]), String(created!.board.id)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const base = await addressPrinted(child, which === 'console' ? /console on (http:\/\/127\.0\.0\.1:\d+)/ : /baseline on (http:\/\/127\.0\.0\.1:\d+)/);
      const url = which === 'console' ? `${base}/b/bench/api/requests` : `${base}/`;
      results[which] = await load(url, which === 'console' ? created!.intakeToken : null, rounds, perRound, concurrency);
    } finally {
      await stopProcess(child);
      await pgDb?.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return { console: results.console!, baseline: results.baseline! };
}

/** 500 tools: the demo's 30, cloned with their own ids and sites (and no sign-in clients, which may name one tool only). */
export function tools500(): Tool[] {
  const demo = demoPayload().tools.filter((t) => t.alternatives.length === 0);
  return Array.from({ length: 500 }, (_, i) => {
    const { signIn: _unique, ...tool } = structuredClone(demo[i % demo.length]!);
    return { ...tool, id: `tool-${i}`, name: `${tool.name} ${i}`, match: [`tool-${i}.example`] };
  });
}

/** Time to publish 500 tools in the console (build, lint, sign, store in one transaction), and the CLI's lint + sign alone. */
export async function publishBench(rounds = 5): Promise<{ publishMs: number[]; baselineMs: number[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'bijsluiter-bench-publish-'));
  const running = await startConsole({ dataDir: dir, jobs: false, log: () => undefined, env: { BIJSLUITER_SECRET: SECRET }, publicUrl: 'https://fg.bench.example' });
  try {
    const created = await createBoard(running.ctx.db, running.ctx.master, { slug: 'bench', name: 'Bench', fgEmail: 'fg@bench.example', password: 'correct horse battery staple' });
    const board = created!.board;
    const imported = await importTools(running.ctx.db, board.id, tools500(), 'bench', new Date(), 'bench');
    if (!imported.ok) throw new Error(`bench import: ${imported.errors[0]?.message}`);
    const publishMs: number[] = [];
    const baselineMs: number[] = [];
    const key = await boardSigningKey(running.ctx.master, board);
    const publicRaw = decodeBase64(board.publicKey)!;
    for (let r = 0; r <= rounds; r++) {
      let t0 = performance.now();
      const result = await publish(running.ctx, board, 'bench');
      const ms = performance.now() - t0;
      if (!result.ok) throw new Error('bench publish refused');
      const payload = await candidatePayload(running.ctx, running.ctx.db, board, result.serial + 1, new Date());
      t0 = performance.now();
      lintPayload(payload, schoolDay(new Date()));
      await signRegisterEnvelope(payload, key, publicRaw);
      const base = performance.now() - t0;
      if (r === 0) continue;
      publishMs.push(ms);
      baselineMs.push(base);
    }
    return { publishMs, baselineMs };
  } finally {
    await running.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

// `node --import tsx bench/console.ts` prints the console's figures alone
if (import.meta.url === `file://${process.argv[1]}`) {
  const show = (name: string, values: number[]) => console.log(`${name.padEnd(34)} median ${percentile(values, 50).toFixed(1).padStart(8)}   spread ${Math.min(...values).toFixed(1)}–${Math.max(...values).toFixed(1)}`);
  for (const kind of ['pglite', 'postgres'] as const) {
    const { console: c, baseline: b } = await intakeBench(kind);
    show(`${kind} console rps`, c.rps);
    show(`${kind} console p50 ms`, c.p50);
    show(`${kind} console p95 ms`, c.p95);
    show(`${kind} baseline rps`, b.rps);
    show(`${kind} baseline p95 ms`, b.p95);
    console.log(`${kind} errors: console ${c.errors}, baseline ${b.errors}`);
  }
  const p = await publishBench();
  show('publish 500 tools ms', p.publishMs);
  show('lint + sign alone ms', p.baselineMs);
}
