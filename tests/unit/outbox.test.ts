import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { WxtBrowser } from 'wxt/browser';
import { defaultEffects } from '../../lib/background/default-effects';
import { OUTBOX_ALARM } from '../../lib/background/outbox-drainer';
import { createVettingRequests } from '../../lib/background/vetting-requests';
import { siteResolver } from '../../lib/verdict';
import { REQUEST_TIMEOUT_MS, serverMessage } from '../../lib/requests/deliver';
import { mailText, mailtoUrl } from '../../lib/requests/mailto';
import { afterAttempt, backoffDelay, BACKOFF_CAP_MS, classifyAnswer, isOpen, recoverInterrupted } from '../../lib/requests/outbox';
import type { OutboxRecord, RequestForm } from '../../lib/requests/schema';
import { putRecord, readOutbox } from '../../lib/requests/store';
import { openDatabase } from '../../lib/storage/db';
import { englishMessage } from './setup';

const NOW = new Date('2026-11-23T10:15:00Z');
const ENDPOINT = 'https://fg.voorbeeld.example/api/requests';

const FORM: RequestForm = {
  toolName: 'Blooket', pageUrl: 'https://www.blooket.com/play/secret-room?code=123', includeFullUrl: false, registerId: null, catalogId: 'blooket',
  name: 'M. de Boer', email: 'm.deboer@school.example', school: 'OBS De Linde', purpose: 'Oefenen met woordenschat', subject: 'Engels',
  groups: 'groep 7 en 8', studentCount: 52, studentAge: '10-12', personalData: ['voornaam', 'scores'], neededBy: '2026-12-15', message: '',
};

function service(answer: (init: RequestInit) => Response | Promise<Response>, options: { endpoint?: string | null; fgEmail?: string | null; token?: string | null; targetEndpoint?: () => string | null; dbPromise?: ReturnType<typeof openDatabase> } = {}) {
  const calls: RequestInit[] = [];
  const fetchImpl = vi.fn(async (_url: string, init: RequestInit) => {
    calls.push(init);
    return answer(init);
  });
  const onOpenRequestsChanged = vi.fn(async () => undefined);
  // a second service over the same database is the worker after a restart
  const dbPromise = options.dbPromise ?? openDatabase(new IDBFactory());
  const effects = defaultEffects(fakeBrowser as unknown as WxtBrowser, { now: () => NOW, random: () => 0.5, fetchImpl: fetchImpl as unknown as typeof fetch });
  const svc = createVettingRequests({
    ...effects,
    alarms: (fakeBrowser as unknown as WxtBrowser).alarms,
    db: () => dbPromise,
    resolveSite: async () => siteResolver(null, null),
    targets: async () => ({ endpoint: options.targetEndpoint ? options.targetEndpoint() : options.endpoint === undefined ? ENDPOINT : options.endpoint, token: options.token ?? null, fgEmail: options.fgEmail === undefined ? 'fg@voorbeeld.example' : options.fgEmail, registerSerial: 12 }),
    onOpenRequestsChanged,
  });
  return { svc, calls, dbPromise, onOpenRequestsChanged };
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('classifyAnswer: every answer class', () => {
  it.each([200, 201, 202, 204, 409])('%i → delivered', (status) => expect(classifyAnswer(status, '', null).kind).toBe('delivered'));
  it.each([400, 401, 403, 404, 413, 422])('%i → failed with the server message', (status) => {
    expect(classifyAnswer(status, 'Vul je schoolmail in', null)).toEqual({ kind: 'rejected', reason: 'Vul je schoolmail in' });
  });
  it.each([408, 429, 500, 502, 503, 504])('%i → retried', (status) => expect(classifyAnswer(status, '', null).kind).toBe('retry'));
  it('takes the message from JSON {message}, {error} or plain text, not from an HTML page', () => {
    expect(serverMessage('{"message":"Nope"}')).toBe('Nope');
    expect(serverMessage('{"error":"Bad"}')).toBe('Bad');
    expect(serverMessage('plain words')).toBe('plain words');
    expect(serverMessage('<html><body>500</body></html>')).toBe('');
  });
});

describe('backoff', () => {
  it('first retry within a minute; never above the six-hour cap; never below half the step', () => {
    expect(backoffDelay(1, 0)).toBe(30_000);
    expect(backoffDelay(1, 1)).toBe(60_000);
    for (let failures = 1; failures <= 40; failures++) {
      for (const random of [0, 0.25, 0.5, 0.999, 1, 7, -3]) {
        const delay = backoffDelay(failures, random);
        expect(delay).toBeLessThanOrEqual(BACKOFF_CAP_MS);
        expect(delay).toBeGreaterThanOrEqual(Math.min(BACKOFF_CAP_MS, 60_000 * 2 ** (failures - 1)) / 2);
      }
    }
    expect(backoffDelay(30, 1)).toBe(BACKOFF_CAP_MS);
  });
  it('grows with each failure', () => {
    expect(backoffDelay(2, 0.5)).toBeGreaterThan(backoffDelay(1, 0.5));
    expect(backoffDelay(5, 0.5)).toBeGreaterThan(backoffDelay(4, 0.5));
  });
});

describe('request service', () => {
  it('stores the request at once, delivers it with the contract and an Idempotency-Key, and sends only the origin', async () => {
    const { svc, calls } = service(() => json(201, { status: 'received', statusUrl: 'https://fg.voorbeeld.example/s/1' }));
    const result = await svc.submit(FORM);
    expect(result.kind).toBe('queued');
    await svc.drain();
    const [record] = (await svc.list()).records;
    expect(record).toMatchObject({ state: 'delivered', attempts: 1, statusUrl: 'https://fg.voorbeeld.example/s/1' });
    const sent = JSON.parse(String(calls[0]!.body));
    expect(new Headers(calls[0]!.headers).get('idempotency-key')).toBe(sent.id);
    expect(sent.tool).toEqual({ name: 'Blooket', url: 'https://www.blooket.com/', host: 'www.blooket.com', registerId: null });
    expect(sent.use).toMatchObject({ purpose: 'Oefenen met woordenschat', studentCount: 52, personalData: ['voornaam', 'scores'], neededBy: '2026-12-15' });
    expect(sent.client).toMatchObject({ registerSerial: 12 });
    expect(svc.openRequests()).toHaveLength(1);
  });

  it('sends the policy\'s requestToken as a bearer token, and never to an endpoint no longer in force', async () => {
    const { svc, calls } = service(() => json(201, { status: 'received' }), { token: 'bji_test-token-123' });
    await svc.submit(FORM);
    await svc.drain();
    expect(new Headers(calls[0]!.headers).get('authorization')).toBe('Bearer bji_test-token-123');
    // control: a request queued for the old endpoint after the policy moved on goes without the token
    let endpoint = ENDPOINT;
    const moved = service(() => json(503, {}), { token: 'bji_test-token-123', targetEndpoint: () => endpoint });
    await moved.svc.submit(FORM);
    endpoint = 'https://elsewhere.example/api/requests';
    await moved.svc.drain();
    expect(moved.calls.length).toBeGreaterThan(0);
    expect(new Headers(moved.calls.at(-1)!.headers).get('authorization')).toBeNull();
  });

  it('sends the full page URL only when the teacher ticked it', async () => {
    const { svc, calls } = service(() => json(201, {}));
    await svc.submit({ ...FORM, includeFullUrl: true });
    await svc.drain();
    expect(JSON.parse(String(calls[0]!.body)).tool.url).toBe(FORM.pageUrl);
  });

  it('5xx, timeout and network failure: kept, retried later with the same key, an alarm set', async () => {
    let answer: () => Response | Promise<Response> = () => json(503, { message: 'busy' });
    const { svc, calls } = service(() => answer());
    await svc.submit(FORM);
    await svc.drain();
    let [record] = (await svc.list()).records;
    expect(record).toMatchObject({ state: 'queued', attempts: 1, lastError: 'HTTP 503: busy' });
    expect(Date.parse(record!.nextAttemptAt!) - NOW.getTime()).toBe(45_000);
    expect(await fakeBrowser.alarms.get(OUTBOX_ALARM)).toMatchObject({ scheduledTime: Date.parse(record!.nextAttemptAt!), periodInMinutes: 0.75 });
    // not due yet: a drain does nothing
    await svc.drain();
    expect(calls).toHaveLength(1);
    // the teacher retries; a network failure, then success
    answer = () => Promise.reject(new TypeError('Failed to fetch'));
    await svc.retry(record!.id);
    [record] = (await svc.list()).records;
    expect(record).toMatchObject({ state: 'queued', attempts: 2 });
    expect(record!.lastError).toContain('could not reach');
    answer = () => json(409, { message: 'already received' });
    await svc.retry(record!.id);
    [record] = (await svc.list()).records;
    expect(record!.state).toBe('delivered');
    const keys = calls.map((c) => new Headers(c.headers).get('idempotency-key'));
    expect(new Set(keys)).toEqual(new Set([record!.id]));
    expect(keys).toHaveLength(3);
  });

  it('other 4xx: failed with the server message, not retried; can be cancelled', async () => {
    const { svc, calls } = service(() => json(400, { message: 'Alleen schoolmailadressen' }));
    await svc.submit(FORM);
    await svc.drain();
    const [record] = (await svc.list()).records;
    expect(record).toMatchObject({ state: 'failed', lastError: 'Alleen schoolmailadressen', nextAttemptAt: null });
    await svc.drain();
    expect(calls).toHaveLength(1);
    expect(svc.openRequests()).toHaveLength(0);
    await svc.cancel(record!.id);
    expect((await svc.list()).records[0]!.state).toBe('cancelled');
  });

  it('a redirect or a 2xx with a body that is not JSON are handled, never a crash', async () => {
    const redirect = service(() => new Response(null, { status: 302, headers: { location: 'https://evil.example/' } }));
    await redirect.svc.submit(FORM);
    await redirect.svc.drain();
    expect((await redirect.svc.list()).records[0]).toMatchObject({ state: 'failed', lastError: expect.stringContaining('redirects') });
    const html = service(() => new Response('<html>ok</html>', { status: 200 }));
    await html.svc.submit(FORM);
    await html.svc.drain();
    expect((await html.svc.list()).records[0]).toMatchObject({ state: 'delivered', statusUrl: null });
  });

  it('refuses a second open request for the same tool, and invalid forms with the fields to fix', async () => {
    const { svc } = service(() => json(201, {}));
    await svc.submit(FORM);
    expect((await svc.submit({ ...FORM, pageUrl: 'https://play.blooket.com/' })).kind).toBe('duplicate');
    expect(await svc.submit({ ...FORM, name: ' ', email: 'nope', purpose: '', studentCount: 1.5 })).toEqual({ kind: 'invalid', fields: ['name', 'email', 'purpose', 'studentCount'] });
    expect(await svc.submit({ ...FORM, message: 'x'.repeat(5000) })).toMatchObject({ kind: 'invalid', fields: ['message'] });
  });

  it('no endpoint: keeps the request (open, so the verdict turns pending) and gives a mailto', async () => {
    const { svc, calls } = service(() => json(201, {}), { endpoint: null });
    const result = await svc.submit(FORM);
    expect(result.kind).toBe('mailto');
    if (result.kind === 'mailto') expect(result.mailto).toMatch(/^mailto:fg@voorbeeld\.example\?subject=/);
    expect(calls).toHaveLength(0);
    expect(svc.openRequests()).toEqual([expect.objectContaining({ host: 'www.blooket.com', catalogId: 'blooket' })]);
  });

  it('the teacher may send by e-mail even when an endpoint exists (e.g. Firefox consent declined)', async () => {
    const { svc, calls } = service(() => json(201, {}));
    const result = await svc.submit({ ...FORM, sendByEmail: true });
    expect(result.kind).toBe('mailto');
    expect(calls).toHaveLength(0);
  });

  it('a record left "sending" by a stopped worker is sent again, with the same key', async () => {
    const { svc, calls, dbPromise } = service(() => json(201, {}));
    const queued = await svc.submit(FORM);
    const id = queued.kind === 'queued' ? queued.record.id : '';
    await svc.drain();
    const db = await dbPromise;
    const [record] = (await readOutbox(db)).records;
    // as if the worker had been stopped in the middle of the POST
    await putRecord(db, { ...record!, state: 'sending', attempts: 1, deliveredAt: null });
    const restarted = service(() => json(409, {}), { dbPromise });
    await restarted.svc.load();
    expect((await readOutbox(db)).records[0]!.state).toBe('queued');
    await restarted.svc.drain();
    expect((await readOutbox(db)).records[0]!.state).toBe('delivered');
    expect(calls).toHaveLength(1);
    expect(restarted.calls).toHaveLength(1);
    expect([...calls, ...restarted.calls].map((c) => new Headers(c.headers).get('idempotency-key')).every((k) => k === id)).toBe(true);
  });

  it('an alarm that wakes the worker drains only after the interrupted request is due again', async () => {
    const first = service(() => new Promise<Response>(() => undefined));
    const queued = await first.svc.submit(FORM);
    const db = await first.dbPromise;
    await vi.waitFor(async () => expect((await readOutbox(db)).records[0]!.state).toBe('sending'));
    // the watchdog alarm stands while the POST is under way
    // and repeats until a drain sets or clears it: firing does not spend it, so a worker stopped
    // right after it fired is woken again
    expect(await fakeBrowser.alarms.get(OUTBOX_ALARM)).toMatchObject({ scheduledTime: NOW.getTime() + REQUEST_TIMEOUT_MS * 1.5, periodInMinutes: (REQUEST_TIMEOUT_MS * 1.5) / 60_000 });
    // the worker is stopped; the alarm wakes a new one, whose first act is the alarm's drain
    const restarted = service(() => json(409, {}), { dbPromise: first.dbPromise });
    await restarted.svc.drain();
    expect((await readOutbox(db)).records[0]).toMatchObject({ id: queued.kind === 'queued' ? queued.record.id : '', state: 'delivered' });
    expect(await fakeBrowser.alarms.get(OUTBOX_ALARM)).toBeUndefined();
  });

  it('a request stored while a drain is finishing is sent by that drain, not left for the next wake', async () => {
    const { svc, calls } = service(() => json(201, {}));
    await svc.submit(FORM);
    const clear = fakeBrowser.alarms.clear.bind(fakeBrowser.alarms);
    let second: Promise<unknown> | null = null;
    const spy = vi.spyOn(fakeBrowser.alarms, 'clear').mockImplementation(async (name?: string) => {
      // a teacher submits just as the drain, finding nothing more, clears the alarm
      second ??= svc.submit({ ...FORM, pageUrl: 'https://prezi.com/', catalogId: 'prezi', toolName: 'Prezi' });
      await second;
      return clear(name);
    });
    await svc.drain();
    spy.mockRestore();
    expect(calls).toHaveLength(2);
    expect((await svc.list()).records.map((r) => r.state)).toEqual(['delivered', 'delivered']);
  });

  it('a damaged record is kept aside and reported, not deleted', async () => {
    const { svc, dbPromise } = service(() => json(201, {}));
    const db = await dbPromise;
    await db.put('outbox', { id: 'garbage', state: 'weird' }, 'garbage');
    await svc.submit(FORM);
    const list = await svc.list();
    expect(list.records).toHaveLength(1);
    expect(list.damaged).toEqual([{ key: 'garbage', reason: expect.any(String) }]);
    expect(await db.get('outbox', 'garbage')).toBeDefined();
  });

  it('refreshes the FG status of delivered requests; a decided request is no longer open', async () => {
    const { svc } = service((init) => (init.method === 'POST' ? json(201, { statusUrl: 'https://fg.voorbeeld.example/s/1' }) : json(200, { status: 'rejected', note: 'Gebruik Wordwall', updatedAt: '2026-11-24' })));
    await svc.submit(FORM);
    await svc.drain();
    await svc.refreshStatuses();
    const [record] = (await svc.list()).records;
    expect(record!.fgStatus).toMatchObject({ status: 'rejected', note: 'Gebruik Wordwall' });
    expect(isOpen(record!)).toBe(false);
  });
});

describe('state machine, pure', () => {
  const base = { state: 'sending', attempts: 2 } as OutboxRecord;
  it('recoverInterrupted only touches sending records', () => {
    expect(recoverInterrupted(base, NOW)).toMatchObject({ state: 'queued', nextAttemptAt: NOW.toISOString() });
    const delivered = { ...base, state: 'delivered' } as OutboxRecord;
    expect(recoverInterrupted(delivered, NOW)).toBe(delivered);
  });
  it('afterAttempt counts attempts and keeps the id', () => {
    const record = { ...base, id: 'x' } as OutboxRecord;
    expect(afterAttempt(record, { kind: 'retry', reason: 'r' }, NOW, 0)).toMatchObject({ id: 'x', attempts: 3, state: 'queued' });
  });
});

describe('mailto', () => {
  it('writes a readable e-mail in the teacher language', () => {
    const request = {
      id: '5d3f0a3e-6b8e-4c53-9a5f-3a8c8f1f2b11', createdAt: NOW.toISOString(),
      tool: { name: 'Blooket', url: 'https://www.blooket.com/', host: 'www.blooket.com', registerId: null },
      requester: { name: 'M. de Boer', email: 'm.deboer@school.example', school: 'OBS De Linde' },
      use: { purpose: 'Oefenen', subject: 'Engels', groups: 'groep 7', studentCount: 52, studentAge: '10-12', personalData: ['voornaam'], neededBy: '2026-12-15' },
      message: 'Graag voor de kerst', client: { extensionVersion: '0.1.0', browser: 'chrome', registerSerial: null },
    };
    const { subject, body } = mailText(request, englishMessage, (d) => `D(${d})`);
    expect(subject).toBe('Request to vet: Blooket');
    expect(body).toContain('I would like to use Blooket with pupils.');
    expect(body).toContain('Number of pupils: 52');
    expect(body).toContain('Needed by: D(2026-12-15)');
    expect(body).toContain('Graag voor de kerst');
    expect(body).toContain('M. de Boer\nm.deboer@school.example\nOBS De Linde');
    expect(body).not.toContain('Register id');
    const url = mailtoUrl('fg@voorbeeld.example', subject, body);
    expect(url.startsWith('mailto:fg@voorbeeld.example?subject=Request%20to%20vet%3A%20Blooket&body=')).toBe(true);
    expect(decodeURIComponent(url.split('body=')[1]!)).toContain('Number of pupils: 52\r\n');
  });
  it('shortens a very long message so the mailto URL stays usable', () => {
    const request = { id: 'x', createdAt: '', tool: { name: 'T', url: 'https://t.example/', host: 't.example', registerId: null }, requester: { name: 'A', email: 'a@b.example', school: '' },
      use: { purpose: 'p', subject: '', groups: '', studentCount: null, studentAge: '', personalData: [], neededBy: '' }, message: 'x'.repeat(5000), client: { extensionVersion: '', browser: '', registerSerial: null } };
    expect(mailText(request as never, englishMessage, String).body.length).toBeLessThanOrEqual(1800);
  });
});
