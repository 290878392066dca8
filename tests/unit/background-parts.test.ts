/**
 * The background's parts, each alone, with plain objects for their effects (no fake browser):
 * the message router, the state store, the sync service.
 */
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import type { Alarms, StoredValue } from '../../lib/background/effects';
import { createMessageHandlers } from '../../lib/background/message-handlers';
import { routeMessage, type Handlers } from '../../lib/background/message-router';
import { createStateStore } from '../../lib/background/state';
import { createSignInWarnings } from '../../lib/background/sign-in-warnings';
import { createSyncService, nextSyncStatus, SYNC_ALARM } from '../../lib/background/sync-service';
import { mergeSettings } from '../../lib/config/settings';
import { messageSchema } from '../../lib/messages';
import { buildMatchIndex } from '../../lib/matcher';
import { loadStoredRegister, openDatabase, saveStoredRegister } from '../../lib/storage/db';
import { EMPTY_SYNC_STATUS, type SyncStatus } from '../../lib/storage/items';
import { makeKey, samplePayload, signRegister } from '../helpers/registers';

const NOW = new Date('2026-11-23T10:00:00Z');
const OWN = { extensionId: 'ext', baseUrl: 'chrome-extension://ext/' };
const FLAGS = { browserName: 'chrome' as const, extensionVersion: '9.9.9' };
const URL_ = 'https://register.school.example/register.json';

function memory<T>(initial: T): StoredValue<T> & { value: T } {
  const box = { value: initial, read: async () => box.value, write: async (v: T) => { box.value = v; } };
  return box;
}

function memoryAlarms(): Alarms & { created: string[] } {
  const alarms = new Map<string, { name: string; periodInMinutes?: number; scheduledTime: number }>();
  const created: string[] = [];
  return {
    created,
    get: (async (name: string) => alarms.get(name)) as Alarms['get'],
    create: (async (name: string, info: { periodInMinutes?: number; when?: number }) => {
      created.push(name);
      alarms.set(name, { name, periodInMinutes: info.periodInMinutes, scheduledTime: info.when ?? 0 });
    }) as Alarms['create'],
    clear: (async (name: string) => alarms.delete(name)) as Alarms['clear'],
  };
}

describe('message router', () => {
  const handlers = { getStatus: async () => ({ configured: true }), syncNow: async () => { throw new Error('the register server did not answer'); } } as unknown as Handlers;

  it('hears only its own pages', async () => {
    expect(await routeMessage(handlers, { type: 'getStatus' }, { id: 'other', url: 'chrome-extension://ext/popup.html' }, OWN)).toMatchObject({ ok: false, error: expect.stringContaining('own pages') });
    expect(await routeMessage(handlers, { type: 'getStatus' }, { id: 'ext', url: 'https://evil.example/' }, OWN)).toMatchObject({ ok: false });
    expect(await routeMessage(handlers, { type: 'getStatus' }, { id: 'ext', url: 'chrome-extension://ext/popup.html' }, OWN)).toEqual({ ok: true, data: { configured: true } });
  });

  it('refuses a message outside the schema, naming what was wrong, and passes a handler\'s reason on', async () => {
    const page = { id: 'ext', url: 'chrome-extension://ext/options.html' };
    expect(await routeMessage(handlers, { type: 'getTabView', tabId: -1 }, page, OWN)).toMatchObject({ ok: false, error: expect.stringMatching(/^invalid message: .+/) });
    expect(await routeMessage(handlers, { type: 'syncNow' }, page, OWN)).toEqual({ ok: false, error: 'the register server did not answer' });
  });
});

describe('state store', () => {
  function store(loadCatalog: () => Promise<ReturnType<typeof buildMatchIndex> | null>) {
    const dbPromise = openDatabase(new IDBFactory());
    return createStateStore({ now: () => NOW, flags: FLAGS, db: () => dbPromise, loadCatalog: loadCatalog as never, readConfig: async () => ({ config: mergeSettings({}, { registerUrl: URL_ }) }), onLatePolicy: () => undefined, loadAlongside: async () => undefined, onKeptCopyReplaced: async () => undefined });
  }

  it('loads once, and reload hands over the state before and after', async () => {
    const loadCatalog = vi.fn(async () => buildMatchIndex([{ id: 'kahoot', name: 'Kahoot!', category: 'quiz', match: ['kahoot.com'] }]));
    const s = store(loadCatalog);
    const first = await s.get();
    expect(await s.get()).toBe(first);
    const { previous, next } = await s.reload();
    expect(previous).toBe(first);
    expect(next).not.toBe(first);
    expect(next.config.values.registerUrl).toBe(URL_);
    expect(loadCatalog).toHaveBeenCalledTimes(1); // a good catalogue is kept
  });

  it('a catalogue that failed to load is tried again at the next load', async () => {
    const loadCatalog = vi.fn(async () => null);
    const s = store(loadCatalog);
    await s.get();
    await s.reload();
    expect(loadCatalog).toHaveBeenCalledTimes(2);
  });
});

describe('sync service', () => {
  async function setup(served: () => string | Promise<string>) {
    const key = await makeKey();
    const dbPromise = openDatabase(new IDBFactory());
    const state = createStateStore({ now: () => NOW, flags: FLAGS, db: () => dbPromise, loadCatalog: async () => null, readConfig: async () => ({ config: mergeSettings({}, { registerUrl: URL_, publicKeys: [key.publicBase64] }) }), onLatePolicy: () => undefined, loadAlongside: async () => undefined, onKeptCopyReplaced: async () => undefined });
    const fetchImpl = vi.fn(async () => new Response(await served(), { status: 200 }));
    const syncStatus = memory<SyncStatus>(EMPTY_SYNC_STATUS);
    const onRegisterChanged = vi.fn(async () => undefined);
    const alarms = memoryAlarms();
    const service = createSyncService({ now: () => NOW, flags: FLAGS, fetchImpl: fetchImpl as unknown as typeof fetch, state, db: () => dbPromise, alarms, syncStatus, onRegisterChanged });
    return { key, service, state, fetchImpl, syncStatus, onRegisterChanged, alarms, dbPromise };
  }

  it('runs one sync at a time, swaps the register in and says so once', async () => {
    let text = '';
    const s = await setup(() => text);
    text = await signRegister(samplePayload({}, NOW), s.key);
    const [a, b] = await Promise.all([s.service.sync(), s.service.sync()]);
    expect(a).toBe(b);
    expect(s.fetchImpl).toHaveBeenCalledTimes(1);
    expect((await s.state.get()).register?.payload.serial).toBe(5);
    expect(s.onRegisterChanged).toHaveBeenCalledTimes(1);
    expect(s.syncStatus.value).toMatchObject({ lastOutcome: 'updated', lastSuccessAt: NOW.toISOString() });
  });

  it('a failed sync records the reason and keeps the time of the last success', () => {
    const ok = nextSyncStatus(EMPTY_SYNC_STATUS, { outcome: 'unchanged' }, '2026-11-23T09:00:00.000Z', URL_);
    const failed = nextSyncStatus(ok, { outcome: 'error', error: { code: 'timeout', detail: 'no complete answer within 30 seconds' } }, '2026-11-23T10:00:00.000Z', URL_);
    expect(failed).toEqual({ lastAttemptAt: '2026-11-23T10:00:00.000Z', lastSuccessAt: '2026-11-23T09:00:00.000Z', lastOutcome: 'error', lastError: { code: 'timeout', detail: 'no complete answer within 30 seconds', at: '2026-11-23T10:00:00.000Z', url: URL_ } });
  });

  it('a kept copy altered in storage is used for the first badges only: the full check of the envelope replaces it', async () => {
    let text = '';
    const s = await setup(() => text);
    text = await signRegister(samplePayload({}, NOW), s.key);
    await s.service.sync();
    const record = (await loadStoredRegister(await s.dbPromise))!;
    expect(record.accepted?.by).toBe(FLAGS.extensionVersion);
    const wake = async () => {
      let check: (() => void) | null = null;
      const replaced = vi.fn(async () => undefined);
      const state = createStateStore({ now: () => NOW, flags: FLAGS, db: () => s.dbPromise, loadCatalog: async () => null, readConfig: async () => ({ config: mergeSettings({}, { registerUrl: URL_, publicKeys: [s.key.publicBase64] }) }), onLatePolicy: () => undefined, loadAlongside: async () => undefined, onKeptCopyReplaced: replaced, later: (run) => { check = run; } });
      const first = (await state.get()).register?.payload.tools.find((t) => t.id === 'tiktok')?.status;
      (check as (() => void) | null)?.();
      return { state, replaced, first };
    };
    // control: the copy as written is confirmed, nothing replaced
    const honest = await wake();
    await new Promise((r) => setTimeout(r, 200));
    expect(honest.replaced).not.toHaveBeenCalled();
    // someone with access to the extension's storage approves the rejected tool in the kept payload
    const altered = JSON.parse(record.accepted!.payloadJson);
    altered.tools.find((t: { id: string }) => t.id === 'tiktok').status = 'approved';
    altered.tools.find((t: { id: string }) => t.id === 'tiktok').agreement = { type: 'other', signedOn: '2025-01-01' };
    await saveStoredRegister(await s.dbPromise, { ...record, accepted: { by: FLAGS.extensionVersion, payloadJson: JSON.stringify(altered) } });
    const tampered = await wake();
    expect(tampered.first).toBe('approved');
    await vi.waitFor(() => expect(tampered.replaced).toHaveBeenCalledTimes(1));
    expect((await tampered.state.get()).register?.payload.tools.find((t) => t.id === 'tiktok')?.status).toBe('rejected');
  });

  it('sets the alarm only when its period changes', async () => {
    const s = await setup(() => '');
    await s.service.ensureAlarm(60);
    await s.service.ensureAlarm(60);
    await s.service.ensureAlarm(30);
    expect(s.alarms.created).toEqual([SYNC_ALARM, SYNC_ALARM]);
  });

  it('test connection runs the sync\'s own checks and stores nothing', async () => {
    let text = '';
    const s = await setup(() => text);
    text = await signRegister(samplePayload({}, NOW), s.key);
    expect(await s.service.testConnection({ publicKeys: [(await makeKey()).publicBase64] })).toMatchObject({ ok: false, error: { code: 'bad-signature' } });
    expect(await s.service.testConnection({})).toEqual({ ok: true, publisherName: expect.any(String), serial: 5, toolCount: 6 });
    text = '<html>maintenance</html>';
    expect(await s.service.testConnection({})).toMatchObject({ ok: false, error: { code: 'html-page' } });
    expect((await s.state.get()).register).toBeNull();
    expect(s.syncStatus.value).toEqual(EMPTY_SYNC_STATUS);
  });
});

describe('message handlers', () => {
  it('has one handler for every message type', () => {
    const handlers = createMessageHandlers({} as never);
    const types = messageSchema.options.map((option) => option.shape.type.value as string);
    expect(types.length).toBeGreaterThan(10);
    expect(Object.keys(handlers).sort()).toEqual(types.sort());
  });
});

describe('sign-in warnings', () => {
  const verdict = (kind: 'approved' | 'unvetted' | 'rejected', client = 'c1') => ({ kind, location: null, tool: { name: 'Blooket' }, catalogEntry: null, request: null, signIn: { provider: 'google', idpHost: 'accounts.google.com', client, returnHost: 'www.blooket.com', scopes: [], identifiedBy: 'signIn' } }) as never;

  it('notifies once per tab and tool asking, never for an approved tool, again after the tab closed', async () => {
    const notify = vi.fn(async () => undefined);
    const warnings = createSignInWarnings({ notify, t: (key, ...subs) => [key, ...subs].join('|') });
    await warnings.warn(1, verdict('unvetted'));
    await warnings.warn(1, verdict('unvetted'));
    await warnings.warn(2, verdict('approved'));
    await warnings.warn(1, verdict('rejected', 'c2'));
    warnings.forget(1);
    await warnings.warn(1, verdict('rejected', 'c2'));
    expect(notify.mock.calls.map((c) => (c as unknown[])[0])).toEqual(['bijsluiter-signin-1', 'bijsluiter-signin-1', 'bijsluiter-signin-1']);
    expect((notify.mock.calls[0] as unknown[])[2]).toBe('notify_signIn_message|Blooket|Google|signIn_advice_unvetted');
  });
});
