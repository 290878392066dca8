// @vitest-environment node
/**
 * Fuzzed registers through the sync pipeline (fast-check): random JSON, damaged envelope text,
 * and mutations of a valid payload that are then signed with the trusted key, so they get past
 * the signature and attack the schema. For every case: no exception escapes, and the register
 * held afterwards is either the last good one or a new one that verifies and validates.
 * `npm run test:long` (FUZZ_SCALE=10) multiplies the case counts and draws a new seed.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { importPublicKey, type TrustedKey } from '../../../lib/register/dsse';
import { registerPayloadSchema, type RegisterPayload } from '../../../lib/register/schema';
import { loadStoredRegister, openDatabase, type Database } from '../../../lib/storage/db';
import { loadHeldRegister, syncRegister } from '../../../lib/sync/sync-register';
import { makeKey, samplePayload, signRegister, type TestKey } from '../../helpers/registers';

const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
// a fixed seed keeps `npm test` reproducible; the long mode draws new cases every time
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : SCALE > 1 ? Date.now() : 20_261_123;
const URL_ = 'https://register.school.example/register.json';
const NOW = new Date('2026-11-23T10:00:00Z');
let key: TestKey;
let keys: TrustedKey[];
export const fuzzCounts = { randomJson: 0, damagedEnvelope: 0, mutatedPayload: 0 };

beforeAll(async () => {
  key = await makeKey();
  keys = [(await importPublicKey(key.publicBase64)) as TrustedKey];
});

async function freshDbWithGood(): Promise<Database> {
  globalThis.indexedDB = new IDBFactory();
  const db = await openDatabase();
  const good = await signRegister(samplePayload({}, NOW), key);
  const result = await syncRegister({ db, url: URL_, keys, now: NOW, fetchOptions: { fetchImpl: (async () => new Response(good)) as unknown as typeof fetch } });
  expect(result.outcome).toBe('updated');
  return db;
}

/**
 * Syncs `body`. Unless the sync reports a new register, the held one is byte for byte the one
 * before; either way what is held verifies and validates. Returns the outcome.
 */
async function attack(db: Database, body: string | Uint8Array): Promise<string> {
  const before = (await loadStoredRegister(db))?.payloadSha256;
  const result = await syncRegister({ db, url: URL_, keys, now: NOW, fetchOptions: { fetchImpl: (async () => new Response(body as BodyInit)) as unknown as typeof fetch } });
  expect(['updated', 'unchanged', 'error']).toContain(result.outcome);
  const held = await loadHeldRegister(db, keys, NOW);
  expect(held.register).not.toBeNull();
  expect(registerPayloadSchema.safeParse(held.register!.payload).success).toBe(true);
  if (result.outcome !== 'updated') expect((await loadStoredRegister(db))?.payloadSha256).toBe(before);
  return result.outcome;
}

const unicode = fc.constantFrom('\uD800', '\uDFFF', '\u202E', '\u200B', '\u0000', '🧑‍🏫', 'ı', 'İ', '\uFEFF', 'ﬀ', 'a\u0301');

/** Mutations of a payload: each returns a new object (the original is cloned first). */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('drop'), path: fc.constantFrom('format', 'serial', 'publisher', 'tools', 'issuedAt', 'tools.0.id', 'tools.0.match', 'tools.0.status', 'tools.0.agreement', 'publisher.fg.email') }),
  fc.record({ kind: fc.constant('rename'), path: fc.constantFrom('serial', 'tools', 'tools.0.match', 'publisher.fg'), to: fc.string({ maxLength: 8 }) }),
  fc.record({ kind: fc.constant('retype'), path: fc.constantFrom('serial', 'tools', 'tools.0.match', 'tools.0.name', 'tools.1.agreement.signedOn', 'expiresAt', 'tools.0.conditions'), value: fc.oneof(fc.integer(), fc.string(), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 3 }), fc.object({ maxDepth: 1 })) }),
  fc.record({ kind: fc.constant('huge'), path: fc.constantFrom('tools.0.name', 'tools.0.reason', 'publisher.name', 'tools.0.match.0'), size: fc.integer({ min: 1000, max: 300_000 }) }),
  fc.record({ kind: fc.constant('deep'), path: fc.constantFrom('tools.0.bijsluiter', 'publisher', 'tools.0.extra'), depth: fc.integer({ min: 10, max: 2000 }) }),
  fc.record({ kind: fc.constant('unicode'), path: fc.constantFrom('tools.0.name', 'tools.0.id', 'tools.0.match.0', 'publisher.fg.email', 'tools.2.reason'), text: fc.array(unicode, { minLength: 1, maxLength: 6 }).map((a) => a.join('')) }),
  fc.record({ kind: fc.constant('duplicate-id'), at: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ kind: fc.constant('pattern'), value: fc.constantFrom('com', 'github.io', 'netlify.app', '*.example.com', '10.0.0.1', 'https://x.example', 'a..b', '', '=', 'x.example:8080', 'ex ample.com', '=co.uk', 'xn--.example', '/path') }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

function setPath(target: Record<string, unknown>, path: string, update: (parent: Record<string, unknown>, key: string) => void): void {
  const parts = path.split('.');
  let node: unknown = target;
  for (const part of parts.slice(0, -1)) {
    if (node === null || typeof node !== 'object') return;
    node = (node as Record<string, unknown>)[part];
  }
  if (node !== null && typeof node === 'object') update(node as Record<string, unknown>, parts.at(-1)!);
}

function mutate(payload: RegisterPayload, m: Mutation): unknown {
  const copy = structuredClone(payload) as unknown as Record<string, unknown>;
  copy.serial = 6;
  switch (m.kind) {
    case 'drop': setPath(copy, m.path, (p, k) => { delete p[k]; }); break;
    case 'rename': setPath(copy, m.path, (p, k) => { p[m.to] = p[k]; delete p[k]; }); break;
    case 'retype': setPath(copy, m.path, (p, k) => { p[k] = m.value; }); break;
    case 'huge': setPath(copy, m.path, (p, k) => { p[k] = 'x'.repeat(m.size); }); break;
    case 'deep': setPath(copy, m.path, (p, k) => { let v: unknown = {}; for (let i = 0; i < m.depth; i++) v = { v }; p[k] = v; }); break;
    case 'unicode': setPath(copy, m.path, (p, k) => { p[k] = m.text; }); break;
    case 'duplicate-id': { const tools = copy.tools as { id: string }[] | undefined; if (Array.isArray(tools) && isObject(tools[m.at]) && isObject(tools[0])) tools[m.at]!.id = tools[0].id; break; }
    case 'pattern': { const tools = copy.tools as { match: string[] }[] | undefined; if (Array.isArray(tools) && isObject(tools[0])) tools[0].match = [m.value]; break; }
  }
  return copy;
}

describe('fuzzed registers through the sync pipeline', () => {
  it(`random JSON as the whole file (${2000 * SCALE} cases)`, { timeout: 600_000 }, async () => {
    const db = await freshDbWithGood();
    await fc.assert(fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), async (value) => {
      fuzzCounts.randomJson++;
      await attack(db, JSON.stringify(value));
    }), { numRuns: 2000 * SCALE, seed: SEED });
  });

  it(`damaged envelope text: flipped, cut and inserted characters (${2000 * SCALE} cases)`, { timeout: 600_000 }, async () => {
    const db = await freshDbWithGood();
    const good = await signRegister(samplePayload({ serial: 6 }, NOW), key);
    await fc.assert(fc.asyncProperty(fc.nat(good.length - 1), fc.integer({ min: 0, max: 3 }), fc.string({ maxLength: 3 }), async (at, op, text) => {
      fuzzCounts.damagedEnvelope++;
      const damaged = op === 0 ? good.slice(0, at) : op === 1 ? good.slice(0, at) + text + good.slice(at + 1) : op === 2 ? good.slice(0, at) + text + good.slice(at) : good.slice(at);
      await attack(db, damaged);
    }), { numRuns: 2000 * SCALE, seed: SEED });
  });

  it(`mutated payloads, signed with the trusted key (${6000 * SCALE} cases)`, { timeout: 600_000 }, async () => {
    let db = await freshDbWithGood();
    const base = samplePayload({}, NOW);
    await fc.assert(fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
      fuzzCounts.mutatedPayload++;
      let text: string;
      try {
        let payload: unknown = base;
        for (const m of mutations) payload = mutate(payload as RegisterPayload, m);
        text = JSON.stringify(payload);
      } catch (error) {
        if (error instanceof RangeError) return; // too deep to clone or serialise here: no file to publish
        throw error;
      }
      // a mutation the schema accepts (an optional field dropped) becomes the held register,
      // which is right; start the next case from the good one again
      if ((await attack(db, await signRegister(text, key))) === 'updated') {
        db.close();
        db = await freshDbWithGood();
      }
    }), { numRuns: 6000 * SCALE, seed: SEED });
    expect(fuzzCounts.randomJson + fuzzCounts.damagedEnvelope + fuzzCounts.mutatedPayload).toBeGreaterThanOrEqual(10_000 * SCALE);
  });
});
