// @vitest-environment node
// The shipped reference receiver has no fault API; the test harness's fault modes, wrapped around
// it, fire as the extension's delivery code meets them over real HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve } from '../../cli/commands/serve';
import { startFaultyReceiver, type FaultyReceiver } from '../../harness/faulty-receiver';
import { postRequest } from '../../lib/requests/deliver';
import type { VettingRequest } from '../../lib/requests/schema';
import * as shipped from '../../server/receiver';
import { createReceiver, startReceiver, type ReceiverOptions } from '../../server/receiver';

function request(n: number): VettingRequest {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    createdAt: '2026-11-23T10:15:00Z',
    tool: { name: `Tool ${n}`, url: `https://tool-${n}.example/`, host: `tool-${n}.example`, registerId: null },
    requester: { name: 'M. de Boer', email: 'm.deboer@school.example', school: 'OBS De Linde' },
    use: { purpose: 'Oefenen', subject: '', groups: '', studentCount: null, studentAge: '', personalData: [], neededBy: '' },
    message: '',
    client: { extensionVersion: '0.1.0', browser: 'chrome', registerSerial: 4 },
  };
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const FAULT_API = ['failNext', 'failRandomly', 'fault', 'slowMs', 'FailureMode'];

describe('the shipped reference receiver', () => {
  it('has no fault API: its module, its receiver objects and its options offer no way to fail', async () => {
    expect(Object.keys(shipped).sort()).toEqual(['CORS', 'createReceiver', 'idempotencyKeyOf', 'readBody', 'respond', 'startReceiver']);
    const core = createReceiver({ publicUrl: 'http://127.0.0.1:1' });
    expect(Object.keys(core).sort()).toEqual(['handle', 'inFlight', 'posts', 'receive', 'requests', 'setStatus']);
    const served = await startReceiver();
    try {
      for (const name of FAULT_API) expect(name in served, name).toBe(false);
    } finally {
      await served.close();
    }
  });

  it('fault options given anyway change nothing: the first request is stored and answered at once (control: the harness\'s receiver with the same options does fail)', async () => {
    const faults = { slowMs: 3_000, failNext: 2, failRandomly: 1, fault: 'reset' } as unknown as ReceiverOptions;
    const served = await startReceiver(faults);
    try {
      const started = Date.now();
      expect((await postRequest(served.endpoint, request(80))).kind).toBe('delivered');
      // a generous bound: the slow mode would take 3 s; an idle machine answers in milliseconds
      expect(Date.now() - started).toBeLessThan(2_500);
      expect(served.requests().map((r) => r.request.id)).toEqual([request(80).id]);
    } finally {
      await served.close();
    }
    const faulty = await startFaultyReceiver({ slowMs: 1_500 });
    try {
      faulty.failNext(1, 'slow');
      const started = Date.now();
      await postRequest(faulty.endpoint, request(81));
      expect(Date.now() - started).toBeGreaterThanOrEqual(1_400);
    } finally {
      await faulty.close();
    }
  });

  it('cannot be told to fail by `bijsluiter serve` or by the environment', async () => {
    const io = { out: () => undefined, err: () => undefined };
    for (const flag of ['--fail', '--fail-rate', '--slow-ms', '--faults']) {
      await expect(serve(['register.json', flag, '500'], io as never)).rejects.toThrow(`unknown option ${flag}`);
    }
    // every variable a fault switch could plausibly read, set to fail: the receiver still stores
    const names = ['BIJSLUITER_FAIL', 'BIJSLUITER_FAULTS', 'BIJSLUITER_FAIL_RATE', 'BIJSLUITER_SLOW_MS', 'FAIL', 'FAULTS', 'FAIL_RATE', 'SLOW_MS', 'FAIL_NEXT'];
    const saved = names.map((n) => [n, process.env[n]] as const);
    for (const n of names) process.env[n] = n.includes('MS') ? '3000' : '1';
    const served = await startReceiver();
    try {
      const started = Date.now();
      expect((await postRequest(served.endpoint, request(82))).kind).toBe('delivered');
      expect(Date.now() - started).toBeLessThan(2_500);
    } finally {
      await served.close();
      for (const [n, v] of saved) if (v === undefined) delete process.env[n]; else process.env[n] = v;
    }
  });

  it('stores a request once; the repeat is answered 409 with the statusUrl', async () => {
    const served = await startReceiver();
    try {
      const r = request(10);
      expect(await postRequest(served.endpoint, r)).toEqual({ kind: 'delivered', statusUrl: `${served.url}/api/requests/${r.id}/status` });
      expect(await postRequest(served.endpoint, r)).toEqual({ kind: 'delivered', statusUrl: `${served.url}/api/requests/${r.id}/status` });
      expect(served.posts).toEqual([{ id: r.id, result: 'stored' }, { id: r.id, result: 'duplicate' }]);
      expect(served.requests().map((s) => s.request.id)).toEqual([r.id]);
      expect(served.inFlight()).toBe(0);
      expect(await (await fetch(`${served.url}/api/requests/${r.id}/status`)).json()).toMatchObject({ status: 'received' });
    } finally {
      await served.close();
    }
  });
});

describe('the harness fault modes (harness/faulty-receiver.ts)', () => {
  let receiver: FaultyReceiver;
  beforeAll(async () => {
    receiver = await startFaultyReceiver({ slowMs: 400 });
  });
  afterAll(() => receiver.close());

  const postsOf = (id: string) => receiver.posts.filter((p) => p.id === id).map(({ fault, result }) => ({ fault, result }));
  const isStored = (id: string) => receiver.requests().some((s) => s.request.id === id);

  it('no fault asked for: the POST goes through as to the plain receiver', async () => {
    const r = request(1);
    expect((await postRequest(receiver.endpoint, r)).kind).toBe('delivered');
    expect(postsOf(r.id)).toEqual([{ fault: null, result: 'stored' }]);
  });

  it('500: the client retries with the message; nothing stored', async () => {
    const r = request(2);
    receiver.failNext(1, '500');
    expect(await postRequest(receiver.endpoint, r)).toEqual({ kind: 'retry', reason: 'HTTP 500: temporarily unavailable' });
    expect(isStored(r.id)).toBe(false);
    expect(postsOf(r.id)).toEqual([{ fault: '500', result: null }]);
    expect((await postRequest(receiver.endpoint, r)).kind).toBe('delivered');
    expect(postsOf(r.id)).toEqual([{ fault: '500', result: null }, { fault: null, result: 'stored' }]);
  });

  it('503: the client retries with the message; nothing stored', async () => {
    const r = request(3);
    receiver.failNext(1, '503');
    expect(await postRequest(receiver.endpoint, r)).toEqual({ kind: 'retry', reason: 'HTTP 503: temporarily unavailable' });
    expect(isStored(r.id)).toBe(false);
    expect(postsOf(r.id)).toEqual([{ fault: '503', result: null }]);
  });

  it('400 with a message: the client gives up with that message; nothing stored', async () => {
    const r = request(4);
    receiver.failNext(1, '400', 'Alleen aanvragen met een schoolmailadres');
    expect(await postRequest(receiver.endpoint, r)).toEqual({ kind: 'rejected', reason: 'Alleen aanvragen met een schoolmailadres' });
    expect(isStored(r.id)).toBe(false);
    expect(postsOf(r.id)).toEqual([{ fault: '400', result: null }]);
  });

  it('drop: the connection closes before storing; the client retries; nothing stored', async () => {
    const r = request(5);
    receiver.failNext(1, 'drop');
    expect(await postRequest(receiver.endpoint, r)).toMatchObject({ kind: 'retry', reason: expect.stringContaining('could not reach') });
    expect(isStored(r.id)).toBe(false);
    expect(postsOf(r.id)).toEqual([{ fault: 'drop', result: null }]);
    expect(receiver.inFlight()).toBe(0);
  });

  it('lost: the request is stored but the client hears nothing; the retry gets 409 and counts as delivered', async () => {
    const r = request(6);
    receiver.failNext(1, 'lost');
    expect(await postRequest(receiver.endpoint, r)).toMatchObject({ kind: 'retry', reason: expect.stringContaining('could not reach') });
    expect(isStored(r.id)).toBe(true);
    expect(await postRequest(receiver.endpoint, r)).toEqual({ kind: 'delivered', statusUrl: `${receiver.url}/api/requests/${r.id}/status` });
    expect(postsOf(r.id)).toEqual([{ fault: 'lost', result: 'stored' }, { fault: null, result: 'duplicate' }]);
    expect(receiver.requests().filter((s) => s.request.id === r.id)).toHaveLength(1);
  });

  it('slow: the client gives up, the receiver stores it late; nothing stays in flight', async () => {
    const r = request(7);
    receiver.failNext(1, 'slow');
    expect(await postRequest(receiver.endpoint, r, fetch, 100)).toEqual({ kind: 'retry', reason: 'no answer within 0 seconds' });
    expect(isStored(r.id)).toBe(false);
    await sleep(600);
    expect(isStored(r.id)).toBe(true);
    expect(postsOf(r.id)).toEqual([{ fault: 'slow', result: 'stored' }]);
    expect(receiver.inFlight()).toBe(0);
    expect((await postRequest(receiver.endpoint, r)).kind).toBe('delivered');
  });

  it('failNext queues faults in order; failRandomly draws them from the given random; rate 0 stops it', async () => {
    const a = request(8);
    receiver.failNext(1, 'drop');
    receiver.failNext(1, '503');
    expect((await postRequest(receiver.endpoint, a)).kind).toBe('retry');
    expect((await postRequest(receiver.endpoint, a)).kind).toBe('retry');
    expect((await postRequest(receiver.endpoint, a)).kind).toBe('delivered');
    expect(postsOf(a.id)).toEqual([{ fault: 'drop', result: null }, { fault: '503', result: null }, { fault: null, result: 'stored' }]);

    // draws: 0.1 < 0.5 fails, 0.9 picks modes[1]; 0.7 does not fail
    const draws = [0.1, 0.9, 0.7];
    receiver.failRandomly(0.5, ['500', '503'], () => draws.shift()!);
    const b = request(9);
    expect(await postRequest(receiver.endpoint, b)).toEqual({ kind: 'retry', reason: 'HTTP 503: temporarily unavailable' });
    expect((await postRequest(receiver.endpoint, b)).kind).toBe('delivered');
    receiver.failRandomly(0, []);
    expect((await postRequest(receiver.endpoint, b)).kind).toBe('delivered');
    expect(postsOf(b.id)).toEqual([{ fault: '503', result: null }, { fault: null, result: 'stored' }, { fault: null, result: 'duplicate' }]);
  });

  it('a body that is not JSON is never failed: the receiver refuses it', async () => {
    receiver.failNext(1, '500');
    const response = await fetch(receiver.endpoint, { method: 'POST', body: 'not json' });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ message: 'the body is not JSON' });
    expect(receiver.posts.at(-1)).toEqual({ id: null, fault: null, result: 'invalid' });
    // the queued fault is still there for the next POST
    const r = request(11);
    expect((await postRequest(receiver.endpoint, r)).kind).toBe('retry');
    expect(postsOf(r.id)).toEqual([{ fault: '500', result: null }]);
  });
});
