// @vitest-environment node
/**
 * Fuzzed registers through the sync pipeline (fast-check): random JSON, damaged envelope text,
 * and mutations of a valid payload that are then signed with the trusted key, so they get past
 * the signature and attack the schema. For every case: no exception escapes, the register held
 * afterwards is either the last good one or a new one that verifies and validates, and the
 * outcome is the one an oracle written here predicts for that input (accepted, or refused with
 * which reason), not merely one of the possible outcomes. Controls run the same checks against
 * deliberately broken pipelines and assert that they fail.
 * `npm run test:long` (FUZZ_SCALE=10) multiplies the case counts and draws a new seed.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { importPublicKey, type TrustedKey } from '../../../lib/register/dsse';
import { REGISTER_FORMAT, REGISTER_PAYLOAD_TYPE, registerPayloadSchema, type RegisterPayload } from '../../../lib/register/schema';
import { syncError, type SyncErrorCode } from '../../../lib/sync/errors';
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

type Sync = typeof syncRegister;
/** What a sync did, as the oracle predicts it: taken, or refused with a reason. */
type Outcome = 'accepted' | SyncErrorCode;
/** What the oracle allows for one input; null when it cannot tell (then only the invariants hold). */
type Expected = readonly Outcome[] | null;

/**
 * Syncs `body` with `sync`. Unless the sync reports a new register, the held one is byte for byte
 * the one before; either way what is held verifies and validates. Returns the outcome.
 */
async function attack(db: Database, body: string | Uint8Array, sync: Sync = syncRegister): Promise<Outcome> {
  const before = (await loadStoredRegister(db))?.payloadSha256;
  const result = await sync({ db, url: URL_, keys, now: NOW, fetchOptions: { fetchImpl: (async () => new Response(body as BodyInit)) as unknown as typeof fetch } });
  expect(['updated', 'unchanged', 'error']).toContain(result.outcome);
  const held = await loadHeldRegister(db, keys, NOW);
  expect(held.register).not.toBeNull();
  expect(registerPayloadSchema.safeParse(held.register!.payload).success).toBe(true);
  if (result.outcome !== 'updated') expect((await loadStoredRegister(db))?.payloadSha256).toBe(before);
  return result.outcome === 'error' ? result.error.code : 'accepted';
}

/** Asserts the outcome is one the oracle allows and counts it; `input` names the case on failure. */
function judge(tally: Tally, expected: Expected, got: Outcome, input: () => string): void {
  if (expected === null) tally.undetermined++;
  else {
    if (!expected.includes(got)) expect.fail(`${got}, expected ${expected.join(' or ')}, for ${input().slice(0, 300)}`);
    tally.checked++;
  }
  tally.outcomes.set(got, (tally.outcomes.get(got) ?? 0) + 1);
}

interface Tally { checked: number; undetermined: number; outcomes: Map<Outcome, number> }
const newTally = (): Tally => ({ checked: 0, undetermined: 0, outcomes: new Map() });
const count = (tally: Tally, outcome: Outcome) => tally.outcomes.get(outcome) ?? 0;

// ---- the oracle, written apart from the pipeline (it does not call acceptRegister or the DSSE code)

const NOT_JSON: Outcome[] = ['not-json', 'truncated', 'html-page'];

/** Standard padded base64 decoded by Node's Buffer; null when the text is not that. */
function strictBase64(text: string): Buffer | null {
  return text.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(text) ? Buffer.from(text, 'base64') : null;
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * What envelope text gets, given the one good envelope it may be a damaged copy of: only text
 * whose payloadType, payload bytes and one signature's bytes are the good ones is taken (the
 * keyid is a hint, unknown fields are ignored, whitespace is JSON's).
 */
function expectedForEnvelope(text: string, good: { payload: Buffer; sig: Buffer }): Expected {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(new TextEncoder().encode(text)));
  } catch {
    return NOT_JSON;
  }
  const signatures = isRecord(value) ? value.signatures : undefined;
  const shaped = isRecord(value) && typeof value.payloadType === 'string' && value.payloadType.length <= 200
    && typeof value.payload === 'string' && value.payload.length > 0 && Array.isArray(signatures) && signatures.length <= 16
    && signatures.every((s) => isRecord(s) && typeof s.sig === 'string' && s.sig.length > 0 && s.sig.length <= 200 && (s.keyid === undefined || (typeof s.keyid === 'string' && s.keyid.length <= 200)));
  if (!shaped) return ['bad-envelope'];
  const envelope = value as { payloadType: string; payload: string; signatures: { sig: string }[] };
  if (envelope.payloadType !== REGISTER_PAYLOAD_TYPE) return ['wrong-payload-type'];
  const payload = strictBase64(envelope.payload);
  if (!payload) return ['bad-base64'];
  if (envelope.signatures.length === 0) return ['no-signatures'];
  const signed = payload.equals(good.payload) && envelope.signatures.some((s) => strictBase64(s.sig)?.equals(good.sig));
  return signed ? ['accepted'] : ['bad-signature'];
}

/** How deeply objects and arrays nest in `value` (a bare object: 1). */
function nesting(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  let deepest = 0;
  for (const child of Object.values(value)) deepest = Math.max(deepest, nesting(child));
  return 1 + deepest;
}

/**
 * What a signed payload gets, by the rules the pipeline documents: plain JSON at most 32 deep,
 * the format, the schema, then anti-rollback against the held serial 5 (the same content again
 * is no change). The schema is the rule book here; the table below checks it independently.
 */
function expectedForPayload(payload: unknown, text: string, heldText: string): Expected {
  if (nesting(payload) > 32) return ['invalid-register'];
  if (!isRecord(payload)) return ['payload-not-json'];
  if (payload.format !== REGISTER_FORMAT) return ['unsupported-format'];
  if (!registerPayloadSchema.safeParse(payload).success) return ['invalid-register'];
  const serial = payload.serial as number;
  if (serial < 5) return ['rollback'];
  if (serial === 5) return text === heldText ? ['accepted'] : ['same-serial-different-content'];
  return ['accepted'];
}

const trimmedLength = (v: unknown) => (typeof v === 'string' ? v.trim().length : -1);

/**
 * One mutation of the sample payload, judged by hand from the spec's rules (not by the schema):
 * which are refused and why, which are taken; null where the rule needs the pattern grammar or a
 * date parser to tell.
 */
function expectedForOne(m: Mutation): Outcome | null {
  const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);
  switch (m.kind) {
    case 'drop': return m.path === 'format' ? 'unsupported-format' : 'invalid-register'; // every one of these is required
    case 'rename': return m.to === 'format' && !m.path.includes('.') ? 'unsupported-format' : 'invalid-register'; // the field is gone (renamed onto itself: deleted)
    case 'retype':
      switch (m.path) {
        case 'serial': return !isInt(m.value) || m.value < 1 ? 'invalid-register' : m.value > 5 ? 'accepted' : m.value === 5 ? 'accepted' : 'rollback';
        case 'tools': return Array.isArray(m.value) && m.value.length === 0 ? 'accepted' : 'invalid-register'; // an empty register is a register
        case 'tools.0.match': return 'invalid-register'; // never a non-empty list of patterns
        case 'tools.0.name': return trimmedLength(m.value) >= 1 && trimmedLength(m.value) <= 200 ? 'accepted' : 'invalid-register';
        case 'tools.0.conditions': return Array.isArray(m.value) && m.value.length === 0 ? 'accepted' : 'invalid-register';
        default: return typeof m.value === 'string' && /^\d{4}-/.test(m.value) ? null : 'invalid-register'; // dates
      }
    case 'huge': return m.path === 'tools.0.reason' && m.size <= 4000 ? 'accepted' : 'invalid-register';
    case 'deep': return m.path !== 'publisher' && m.depth + 4 <= 32 ? 'accepted' : 'invalid-register'; // unknown keys are dropped
    case 'unicode':
      switch (m.path) {
        case 'tools.0.name': return m.text.trim().length >= 1 ? 'accepted' : 'invalid-register';
        case 'tools.2.reason': return 'accepted';
        case 'tools.0.match.0': return null;
        default: return 'invalid-register'; // not an id, not an e-mail address
      }
    case 'duplicate-id': return 'invalid-register';
    case 'pattern': return m.value === 'xn--.example' ? null : 'invalid-register'; // public suffixes, wildcards, IPs, schemes, ports, spaces, no host
  }
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

/** Keeps the pipeline honest about one input: the invariants, then the oracle's outcome. */
async function randomJsonCase(db: Database, value: unknown, good: GoodEnvelope, tally: Tally, sync?: Sync): Promise<void> {
  const text = JSON.stringify(value);
  judge(tally, expectedForEnvelope(text, good), await attack(db, text, sync), () => text);
}

async function damagedCase(db: Database, damaged: string, good: GoodEnvelope, tally: Tally, sync?: Sync): Promise<void> {
  judge(tally, expectedForEnvelope(damaged, good), await attack(db, damaged, sync), () => damaged);
}

/** Returns true when the case replaced the held register (the caller starts again from the good one). */
async function mutatedCase(db: Database, mutations: Mutation[], tally: Tally, tableTally: Tally, sync?: Sync): Promise<boolean> {
  let payload: unknown = base;
  let text: string;
  try {
    for (const m of mutations) payload = mutate(payload as RegisterPayload, m);
    text = JSON.stringify(payload);
  } catch (error) {
    if (error instanceof RangeError) return false; // too deep to clone or serialise here: no file to publish
    throw error;
  }
  const got = await attack(db, await signRegister(text, key), sync);
  const expected = expectedForPayload(payload, text, baseText);
  judge(tally, expected, got, () => `${JSON.stringify(mutations).slice(0, 200)} → ${text}`);
  // a single mutation is judged a second time by the hand-written table
  if (mutations.length === 1) {
    const one = expectedForOne(mutations[0]!);
    judge(tableTally, one === null ? null : [one], got, () => JSON.stringify(mutations));
  }
  return got === 'accepted' && text !== baseText;
}

interface GoodEnvelope { text: string; payload: Buffer; sig: Buffer }
async function goodEnvelope(): Promise<GoodEnvelope> {
  const text = await signRegister(samplePayload({ serial: 6 }, NOW), key);
  const parsed = JSON.parse(text) as { payload: string; signatures: { sig: string }[] };
  return { text, payload: Buffer.from(parsed.payload, 'base64'), sig: Buffer.from(parsed.signatures[0]!.sig, 'base64') };
}

let base: RegisterPayload;
let baseText: string;
beforeAll(() => {
  base = samplePayload({}, NOW);
  baseText = JSON.stringify(base);
});

const damage = fc.tuple(fc.nat(), fc.integer({ min: 0, max: 3 }), fc.string({ maxLength: 3 }));
function damaged(good: string, [n, op, text]: [number, number, string]): string {
  const at = n % good.length;
  return op === 0 ? good.slice(0, at) : op === 1 ? good.slice(0, at) + text + good.slice(at + 1) : op === 2 ? good.slice(0, at) + text + good.slice(at) : good.slice(at);
}

/** The outcomes seen, for the report when a distribution check fails. */
const seen = (tally: Tally) => JSON.stringify(Object.fromEntries(tally.outcomes));

describe('fuzzed registers through the sync pipeline', () => {
  it(`random JSON as the whole file (${2000 * SCALE} cases): each refused as no envelope`, { timeout: 600_000 }, async () => {
    const db = await freshDbWithGood();
    const good = await goodEnvelope();
    const tally = newTally();
    await fc.assert(fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), (value) => randomJsonCase(db, value, good, tally)), { numRuns: 2000 * SCALE, seed: SEED });
    expect(tally.checked).toBe(2000 * SCALE);
    expect(count(tally, 'bad-envelope'), seen(tally)).toBe(2000 * SCALE);
  });

  it(`damaged envelope text: flipped, cut and inserted characters (${2000 * SCALE} cases): each taken or refused as predicted`, { timeout: 600_000 }, async () => {
    const db = await freshDbWithGood();
    const good = await goodEnvelope();
    const tally = newTally();
    await fc.assert(fc.asyncProperty(damage, async (d) => damagedCase(db, damaged(good.text, d), good, tally)), { numRuns: 2000 * SCALE, seed: SEED });
    expect(tally.checked).toBe(2000 * SCALE);
    // the damage reaches every layer: JSON, envelope, base64, signature; and some leaves it intact
    for (const outcome of ['accepted', 'bad-envelope', 'bad-base64', 'bad-signature'] as const) expect(count(tally, outcome), `${outcome} in ${seen(tally)}`).toBeGreaterThan(0);
    expect(NOT_JSON.reduce((n, o) => n + count(tally, o), 0), seen(tally)).toBeGreaterThan(200 * SCALE);
  });

  it(`mutated payloads, signed with the trusted key (${6000 * SCALE} cases): each taken or refused as predicted`, { timeout: 600_000 }, async () => {
    let db = await freshDbWithGood();
    const tally = newTally();
    const table = newTally();
    await fc.assert(fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
      // a mutation the schema accepts (an optional field dropped) becomes the held register,
      // which is right; start the next case from the good one again
      if (await mutatedCase(db, mutations, tally, table)) {
        db.close();
        db = await freshDbWithGood();
      }
    }), { numRuns: 6000 * SCALE, seed: SEED });
    // every case was judged, both ways occur, and the hand-written table judged most single mutations
    expect(tally.undetermined).toBe(0);
    expect(tally.checked, seen(tally)).toBeGreaterThan(5900 * SCALE); // the rest were too deep to serialise
    expect(count(tally, 'accepted'), seen(tally)).toBeGreaterThan(100 * SCALE);
    expect(count(tally, 'invalid-register'), seen(tally)).toBeGreaterThan(3000 * SCALE);
    expect(count(tally, 'unsupported-format'), seen(tally)).toBeGreaterThan(0);
    if (process.env.FUZZ_REPORT) console.log(seen(tally), seen(table), table.checked, table.undetermined);
    expect(table.checked, seen(table)).toBeGreaterThan(1500 * SCALE);
    expect(table.undetermined, seen(table)).toBeLessThan(table.checked / 10);
  });
});

describe('controls: the same checks fail against broken pipelines', () => {
  const refuseAll: Sync = async () => ({ outcome: 'error', error: syncError('network', 'stub: refuses everything') });
  /** Trusts any envelope: re-signs whatever payload it carries with the trusted key first. */
  const signatureBlind: Sync = async (input) => {
    const fetched = await input.fetchOptions!.fetchImpl!(input.url!);
    const text = await fetched.text();
    let body = text;
    try {
      const envelope = JSON.parse(text) as { payload: string };
      const bytes = strictBase64(envelope.payload);
      if (bytes) body = await signRegister(bytes.toString('utf8'), key);
    } catch { /* not JSON: passed on as it is */ }
    return syncRegister({ ...input, fetchOptions: { ...input.fetchOptions, fetchImpl: (async () => new Response(body)) as unknown as typeof fetch } });
  };
  /** Gives the wrong reason for a file that is not JSON (calls it a bad envelope). */
  const ignoresNotJson: Sync = async (input) => {
    const result = await syncRegister(input);
    return result.outcome === 'error' && NOT_JSON.includes(result.error.code) ? { outcome: 'error', error: syncError('bad-envelope', 'stub') } : result;
  };
  const fails = async (property: fc.IAsyncProperty<never>) => (await fc.check(property, { numRuns: 300, seed: SEED, endOnFailure: true })).failed;

  it('random JSON: a pipeline that calls everything a network error is caught', async () => {
    const db = await freshDbWithGood();
    const good = await goodEnvelope();
    expect(await fails(fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), (v) => randomJsonCase(db, v, good, newTally(), refuseAll)) as never)).toBe(true);
    // and the real pipeline passes the very same run
    expect(await fails(fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), (v) => randomJsonCase(db, v, good, newTally())) as never)).toBe(false);
  });

  it('damaged envelopes: a pipeline that skips the signature check, or mislabels unreadable files, is caught', async () => {
    const good = await goodEnvelope();
    for (const broken of [signatureBlind, ignoresNotJson, refuseAll]) {
      const db = await freshDbWithGood();
      expect(await fails(fc.asyncProperty(damage, (d) => damagedCase(db, damaged(good.text, d), good, newTally(), broken)) as never)).toBe(true);
    }
  });

  it('mutated payloads: a pipeline that refuses everything (which the old invariants let pass) is caught', async () => {
    const db = await freshDbWithGood();
    expect(await fails(fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), (ms) => mutatedCase(db, ms, newTally(), newTally(), refuseAll)) as never)).toBe(true);
  });

});
