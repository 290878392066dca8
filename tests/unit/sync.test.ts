import { describe, expect, it } from 'vitest';
import { importPublicKey, type TrustedKey } from '../../lib/register/dsse';
import type { RegisterPayload } from '../../lib/register/schema';
import { loadStoredRegister, openDatabase, saveStoredRegister, type Database } from '../../lib/storage/db';
import type { SyncErrorCode } from '../../lib/sync/errors';
import { loadHeldRegister, syncRegister } from '../../lib/sync/sync-register';
import { makeKey, samplePayload, signRegister, type TestKey } from '../helpers/registers';

const URL_ = 'https://register.school.example/register.json';
const NOW = new Date('2026-11-23T10:00:00Z');

type Responder = (init: RequestInit) => Response | Promise<Response>;

/** A fetch that answers with `responder` and honours the abort signal like a real one. */
function fakeFetch(responder: Responder): typeof fetch {
  return ((_url: string, init: RequestInit) =>
    new Promise<Response>((resolve, reject) => {
      init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      Promise.resolve(responder(init)).then(resolve, reject);
    })) as typeof fetch;
}

const json = (text: string, headers: Record<string, string> = {}) => new Response(text, { status: 200, headers: { 'content-type': 'application/json', ...headers } });

async function setup() {
  const key = await makeKey();
  const imported = (await importPublicKey(key.publicBase64)) as TrustedKey;
  const db = await openDatabase();
  const good = await signRegister(samplePayload({}, NOW), key);
  const first = await syncRegister({ db, url: URL_, keys: [imported], now: NOW, fetchOptions: { fetchImpl: fakeFetch(() => json(good, { etag: '"v5"' })) } });
  expect(first.outcome).toBe('updated');
  return { key, keys: [imported], db, good };
}

async function heldSerial(db: Database): Promise<number | undefined> {
  return (await loadStoredRegister(db))?.serial;
}

async function signedWith(key: TestKey, change: (p: RegisterPayload) => void): Promise<string> {
  const payload = structuredClone(samplePayload({}, NOW));
  change(payload);
  return signRegister(payload, key);
}

describe('syncRegister', () => {
  it('stores a verified register and sends conditional headers next time', async () => {
    const { db, keys } = await setup();
    let seen: Headers | undefined;
    const result = await syncRegister({ db, url: URL_, keys, now: NOW, fetchOptions: { fetchImpl: fakeFetch((init) => { seen = new Headers(init.headers); return new Response(null, { status: 304 }); }) } });
    expect(result.outcome).toBe('unchanged');
    expect(seen?.get('if-none-match')).toBe('"v5"');
  });

  it('takes a newer serial', async () => {
    const { db, keys, key } = await setup();
    const newer = await signedWith(key, (p) => { p.serial = 6; });
    const result = await syncRegister({ db, url: URL_, keys, now: NOW, fetchOptions: { fetchImpl: fakeFetch(() => json(newer)) } });
    expect(result.outcome).toBe('updated');
    expect(await heldSerial(db)).toBe(6);
  });

  const refusals: [string, SyncErrorCode, (ctx: { key: TestKey; good: string }) => Promise<Responder> | Responder, string?][] = [
    ['not JSON', 'not-json', () => () => json('hello')],
    ['an HTML error page', 'html-page', () => () => new Response('<!doctype html><h1>Oops</h1>', { status: 200 })],
    ['a truncated body', 'truncated', ({ good }) => () => json(good.slice(0, good.length / 2))],
    ['HTTP 500', 'http-status', () => () => new Response('err', { status: 500, statusText: 'Internal Server Error' }), 'HTTP 500'],
    ['a missing signature', 'no-signatures', ({ good }) => () => json(JSON.stringify({ ...JSON.parse(good), signatures: [] }))],
    ['a bad signature', 'bad-signature', ({ good }) => () => { const e = JSON.parse(good); e.signatures[0].sig = e.signatures[0].sig.replace(/^./, (c: string) => (c === 'A' ? 'B' : 'A')); return json(JSON.stringify(e)); }],
    ['a signature by an unknown key', 'bad-signature', async () => { const other = await makeKey(); const text = await signRegister(samplePayload({ serial: 9 }, NOW), other); return () => json(text); }],
    ['a lower serial', 'rollback', async ({ key }) => { const text = await signedWith(key, (p) => { p.serial = 4; }); return () => json(text); }, 'serial 4 is lower than serial 5'],
    ['the same serial with other content', 'same-serial-different-content', async ({ key }) => { const text = await signedWith(key, (p) => { p.tools.pop(); }); return () => json(text); }],
    ['an unknown format version', 'unsupported-format', async ({ key }) => { const text = await signedWith(key, (p) => { (p as { format: string }).format = 'bijsluiter-register/v2'; p.serial = 7; }); return () => json(text); }],
    ['an invalid field', 'invalid-register', async ({ key }) => { const text = await signedWith(key, (p) => { p.serial = 7; p.tools[2]!.match = ['github.io']; }); return () => json(text); }, 'tools[2] (id "oldtool") → match[0]'],
    ['duplicate ids', 'invalid-register', async ({ key }) => { const text = await signedWith(key, (p) => { p.serial = 7; p.tools[1]!.id = 'wordwall'; }); return () => json(text); }, 'duplicate id "wordwall"'],
    ['a register dated more than a day ahead', 'future-dated', async ({ key }) => { const text = await signedWith(key, (p) => { p.serial = 7; p.issuedAt = '2026-11-26T10:00:00Z'; }); return () => json(text); }],
    ['a body over the size cap', 'too-large', () => () => json('x'.repeat(2048))],
    ['a declared length over the cap', 'too-large', () => () => json('{}', { 'content-length': String(10 * 1024 * 1024) })],
    ['no answer in time', 'timeout', () => () => new Promise<Response>(() => undefined)],
    ['a network failure', 'network', () => () => Promise.reject(new TypeError('Failed to fetch'))],
    ['a redirect to another host', 'redirect', ({ good }) => () => { const r = json(good); Object.defineProperty(r, 'redirected', { value: true }); Object.defineProperty(r, 'url', { value: 'https://evil.example/register.json' }); return r; }],
    ['a redirect to http', 'redirect', ({ good }) => () => { const r = json(good); Object.defineProperty(r, 'redirected', { value: true }); Object.defineProperty(r, 'url', { value: 'http://register.school.example/register.json' }); return r; }],
  ];

  it.each(refusals)('refuses %s and keeps the last good register', async (_name, code, make, detail) => {
    const ctx = await setup();
    const responder = await make(ctx);
    const small = code === 'too-large' ? { maxBytes: 1024 } : {};
    const result = await syncRegister({ db: ctx.db, url: URL_, keys: ctx.keys, now: NOW, fetchOptions: { fetchImpl: fakeFetch(responder), timeoutMs: 50, ...small } });
    expect(result).toMatchObject({ outcome: 'error', error: { code } });
    if (detail && result.outcome === 'error') expect(result.error.detail).toContain(detail);
    expect(await heldSerial(ctx.db)).toBe(5);
    const held = await loadHeldRegister(ctx.db, ctx.keys, NOW);
    expect(held.register?.payload.serial).toBe(5);
  });

  it('refuses without URL or keys, and a 304 with no copy held', async () => {
    const db = await openDatabase();
    expect(await syncRegister({ db, url: undefined, keys: [], now: NOW })).toMatchObject({ error: { code: 'not-configured' } });
    expect(await syncRegister({ db, url: URL_, keys: [], now: NOW })).toMatchObject({ error: { code: 'no-public-keys' } });
    const key = (await importPublicKey((await makeKey()).publicBase64)) as TrustedKey;
    const result = await syncRegister({ db, url: URL_, keys: [key], now: NOW, fetchOptions: { fetchImpl: fakeFetch(() => new Response(null, { status: 304 })) } });
    expect(result).toMatchObject({ error: { code: 'not-modified-without-copy' } });
  });

  it('refuses a plain http URL except on this machine', async () => {
    const { db, keys } = await setup();
    expect(await syncRegister({ db, url: 'http://register.school.example/r.json', keys, now: NOW })).toMatchObject({ error: { code: 'bad-url' } });
  });

  it('a stored register no longer signed by a configured key is not used', async () => {
    const { db } = await setup();
    const otherKey = (await importPublicKey((await makeKey()).publicBase64)) as TrustedKey;
    const held = await loadHeldRegister(db, [otherKey], NOW);
    expect(held.register).toBeNull();
  });

  it('a leaked key cannot lock schools out: once its key is removed, its max-serial register no longer blocks the new key', async () => {
    const { db, keys: [oldKey], key: leaked } = await setup();
    const fresh = await makeKey();
    const newKey = (await importPublicKey(fresh.publicBase64)) as TrustedKey;
    // the attacker signs serial 2^53−1 with the leaked key while both keys are in policy (rotation)
    const attack = await signedWith(leaked, (p) => { p.serial = Number.MAX_SAFE_INTEGER; p.tools[0]!.status = 'approved'; });
    expect((await syncRegister({ db, url: URL_, keys: [oldKey!, newKey], now: NOW, fetchOptions: { fetchImpl: fakeFetch(() => json(attack)) } })).outcome).toBe('updated');
    expect(await heldSerial(db)).toBe(Number.MAX_SAFE_INTEGER);
    // control: while the leaked key is trusted, the FG's serial 13 is refused as a rollback
    const recovery = await signedWith(fresh, (p) => { p.serial = 13; });
    const blocked = await syncRegister({ db, url: URL_, keys: [oldKey!, newKey], now: NOW, fetchOptions: { fetchImpl: fakeFetch(() => json(recovery)) } });
    expect(blocked).toMatchObject({ outcome: 'error', error: { code: 'rollback' } });
    // IT removes the leaked key: the held copy is dropped, with the reason in words...
    const held = await loadHeldRegister(db, [newKey], NOW);
    expect(held.register).toBeNull();
    expect(held).toMatchObject({ error: { code: 'key-no-longer-trusted' } });
    // ...and the new key's register is taken whatever its serial
    const taken = await syncRegister({ db, url: URL_, keys: [newKey], now: NOW, heldUnusable: true, fetchOptions: { fetchImpl: fakeFetch(() => json(recovery)) } });
    expect(taken.outcome).toBe('updated');
    expect(await heldSerial(db)).toBe(13);
    // and from then on the new key's serial is the one that counts
    const older = await signedWith(fresh, (p) => { p.serial = 12; });
    expect(await syncRegister({ db, url: URL_, keys: [newKey], now: NOW, fetchOptions: { fetchImpl: fakeFetch(() => json(older)) } })).toMatchObject({ outcome: 'error', error: { code: 'rollback' } });
  });

  it('a register from a new URL replaces the old one regardless of serial', async () => {
    const { db, keys, key } = await setup();
    const lower = await signedWith(key, (p) => { p.serial = 1; });
    const result = await syncRegister({ db, url: 'https://other.school.example/r.json', keys, now: NOW, fetchOptions: { fetchImpl: fakeFetch(() => json(lower)) } });
    expect(result.outcome).toBe('updated');
    expect(await heldSerial(db)).toBe(1);
  });
});

describe('the held copy at wake', () => {
  async function stored(acceptedBy: string) {
    const key = await makeKey();
    const keys = [(await importPublicKey(key.publicBase64)) as TrustedKey];
    const db = await openDatabase();
    const good = await signRegister(samplePayload({}, NOW), key);
    expect((await syncRegister({ db, url: URL_, keys, now: NOW, acceptedBy, fetchOptions: { fetchImpl: fakeFetch(() => json(good)) } })).outcome).toBe('updated');
    return { db, keys };
  }

  it('the build that accepted it reads its own payload after checking signature and digest; another build accepts it again in full', async () => {
    const { db, keys } = await stored('1.2.0');
    const record = (await loadStoredRegister(db))!;
    expect(record.accepted?.by).toBe('1.2.0');
    // mark the kept payload, to see which path was taken
    const marked = JSON.parse(record.accepted!.payloadJson);
    marked.publisher.name = 'kept copy';
    await saveStoredRegister(db, { ...record, accepted: { by: '1.2.0', payloadJson: JSON.stringify(marked) } });
    expect((await loadHeldRegister(db, keys, NOW, '1.2.0')).register?.payload.publisher.name).toBe('kept copy');
    // control: an update (another build) does not trust the kept copy
    expect((await loadHeldRegister(db, keys, NOW, '1.3.0')).register?.payload.publisher.name).not.toBe('kept copy');
  });

  it('a kept copy whose envelope no longer verifies with the keys in force is not used', async () => {
    const { db } = await stored('1.2.0');
    const other = [(await importPublicKey((await makeKey()).publicBase64)) as TrustedKey];
    expect(await loadHeldRegister(db, other, NOW, '1.2.0')).toMatchObject({ register: null, error: { code: 'key-no-longer-trusted' } });
  });

  it('a digest that does not match the envelope sends it through the full check', async () => {
    const { db, keys } = await stored('1.2.0');
    const record = (await loadStoredRegister(db))!;
    await saveStoredRegister(db, { ...record, payloadSha256: '00'.repeat(32), accepted: { by: '1.2.0', payloadJson: '{"not":"used"}' } });
    const held = await loadHeldRegister(db, keys, NOW, '1.2.0');
    expect(held.register?.payload.serial).toBe(5);
  });
});
