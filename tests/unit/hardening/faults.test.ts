// @vitest-environment node
/**
 * Network and storage faults against a real HTTP server on 127.0.0.1: each leaves the last good
 * register in place and records the right reason. Storage: a damaged or deleted database is
 * recovered from, and a full disk (quota) is reported, never a crash.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPublicKey, type TrustedKey } from '../../../lib/register/dsse';
import { loadStoredRegister, openDatabase, saveStoredRegister, type Database } from '../../../lib/storage/db';
import type { SyncErrorCode } from '../../../lib/sync/errors';
import { loadHeldRegister, syncRegister } from '../../../lib/sync/sync-register';
import { makeKey, samplePayload, signRegister } from '../../helpers/registers';

const NOW = new Date();
let server: Server;
let base: string;
let good: string;
let keys: TrustedKey[];

beforeAll(async () => {
  const key = await makeKey();
  keys = [(await importPublicKey(key.publicBase64)) as TrustedKey];
  good = await signRegister(samplePayload({}, NOW), key);
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    if (path === '/good') return void res.writeHead(200, { 'content-type': 'application/json' }).end(good);
    if (path === '/drip') {
      res.writeHead(200, { 'content-type': 'application/json' });
      const timer = setInterval(() => res.write('{'), 1000); // one byte a second
      res.on('close', () => clearInterval(timer));
      return;
    }
    if (path === '/hang') return;
    if (path === '/truncated') {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(good.length) });
      res.write(good.slice(0, 200));
      setTimeout(() => res.socket?.destroy(), 50);
      return;
    }
    if (path === '/redirect-host') return void res.writeHead(302, { location: `http://localhost:${(server.address() as AddressInfo).port}/good` }).end();
    if (path === '/not-modified') return void res.writeHead(304).end();
    if (path === '/html') return void res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Login</title><form>…</form>');
    if (path === '/big') {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = 'x'.repeat(64 * 1024);
      let sent = 0;
      const push = () => {
        while (sent < 6 * 1024 * 1024 && res.write(chunk)) sent += chunk.length;
        if (sent < 6 * 1024 * 1024) res.once('drain', push);
        else res.end();
      };
      res.on('error', () => undefined);
      return push();
    }
    if (path === '/500') return void res.writeHead(503).end('busy');
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }));

async function heldDb(url: string): Promise<Database> {
  globalThis.indexedDB = new IDBFactory();
  const db = await openDatabase();
  const first = await syncRegister({ db, url, keys, now: NOW, fetchOptions: { fetchImpl: (async () => new Response(good)) as unknown as typeof fetch } });
  expect(first.outcome).toBe('updated');
  return db;
}

describe('network faults against a real server', () => {
  it.each<[string, string, SyncErrorCode]>([
    ['slow drip, one byte a second', '/drip', 'timeout'],
    ['no answer at all', '/hang', 'timeout'],
    ['a body cut off mid-download', '/truncated', 'truncated'],
    ['a redirect to another host', '/redirect-host', 'redirect'],
    ['304 with no copy of this URL held', '/not-modified', 'not-modified-without-copy'],
    ['200 with an HTML page', '/html', 'html-page'],
    ['an endless body over the size cap', '/big', 'too-large'],
    ['HTTP 503', '/500', 'http-status'],
  ])('%s → %s, last good register kept', async (_name, path, code) => {
    const db = await heldDb(`${base}${path === '/not-modified' ? '/other' : path}`);
    const before = await loadStoredRegister(db);
    const result = await syncRegister({ db, url: `${base}${path}`, keys, now: NOW, fetchOptions: { timeoutMs: 2500 } });
    expect(result).toMatchObject({ outcome: 'error', error: { code } });
    expect(await loadStoredRegister(db)).toEqual(before);
  }, 15_000);

  it('a host that does not resolve → network, last good kept', async () => {
    const db = await heldDb('https://register.does-not-exist.invalid/r.json');
    const result = await syncRegister({ db, url: 'https://register.does-not-exist.invalid/r.json', keys, now: NOW, fetchOptions: { timeoutMs: 5000 } });
    expect(result).toMatchObject({ outcome: 'error', error: { code: expect.stringMatching(/network|timeout/) } });
    expect((await loadStoredRegister(db))?.serial).toBe(5);
  }, 15_000);
});

describe('storage faults', () => {
  it('a damaged stored register is not used, is reported, and the next sync repairs it', async () => {
    const db = await heldDb(`${base}/good`);
    const stored = (await loadStoredRegister(db))!;
    await saveStoredRegister(db, { ...stored, envelopeText: stored.envelopeText.slice(0, 100) });
    const held = await loadHeldRegister(db, keys, NOW);
    expect(held.register).toBeNull();
    expect('error' in held && held.error?.code).toBe('truncated');
    const repaired = await syncRegister({ db, url: `${base}/good`, keys, now: NOW });
    expect(repaired.outcome).toBe('updated');
    expect((await loadHeldRegister(db, keys, NOW)).register?.payload.serial).toBe(5);
  });

  it('a record of the wrong shape is reported as damaged, not a crash', async () => {
    const db = await heldDb(`${base}/good`);
    await db.put('register', { nonsense: true } as never, 'current');
    expect(await loadHeldRegister(db, keys, NOW)).toMatchObject({ register: null, error: { code: 'storage' } });
  });

  it('a deleted database starts empty and syncs again', async () => {
    const db = await heldDb(`${base}/good`);
    db.close();
    await new Promise<void>((resolve) => { const r = indexedDB.deleteDatabase('bijsluiter'); r.onsuccess = () => resolve(); r.onerror = () => resolve(); });
    const fresh = await openDatabase();
    expect(await loadHeldRegister(fresh, keys, NOW)).toEqual({ register: null, error: null });
    expect((await syncRegister({ db: fresh, url: `${base}/good`, keys, now: NOW })).outcome).toBe('updated');
  });

  it('a full disk (quota) is reported as a storage error and the old register stays', async () => {
    const db = await heldDb(`${base}/other-url`);
    const quotaDb = new Proxy(db, {
      get(target, prop, receiver) {
        if (prop === 'transaction') return () => { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };
        const value = Reflect.get(target, prop, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const result = await syncRegister({ db: quotaDb, url: `${base}/good`, keys, now: NOW });
    expect(result).toMatchObject({ outcome: 'error', error: { code: 'storage', detail: expect.stringContaining('quota') } });
    expect((await loadStoredRegister(db))?.url).toBe(`${base}/other-url`);
  });
});
