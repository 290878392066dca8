import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { WxtBrowser } from 'wxt/browser';
import { createBackground, SYNC_ALARM } from '../../lib/background/background';
import { defaultEffects } from '../../lib/background/default-effects';
import { TabSequencer } from '../../lib/background/toolbar-badge';
import { buildMatchIndex } from '../../lib/matcher';
import { readSyncStatus } from '../../lib/storage/items';
import { makeKey, samplePayload, signRegister, type TestKey } from '../helpers/registers';

const NOW = new Date('2026-11-23T10:00:00Z');
const REGISTER_URL = 'https://register.school.example/register.json';
const catalog = buildMatchIndex([{ id: 'kahoot', name: 'Kahoot!', category: 'quiz', match: ['kahoot.com'] }]);

let key: TestKey;
let served: string;
const fetchImpl = vi.fn(async () => new Response(served, { status: 200 }));

function controller(managedTimeoutMs = 50) {
  return createBackground(defaultEffects(fakeBrowser as unknown as WxtBrowser, { now: () => NOW, loadCatalog: async () => catalog, fetchImpl: fetchImpl as unknown as typeof fetch, managedTimeoutMs }));
}

async function badge(tabId: number) {
  return {
    text: await fakeBrowser.action.getBadgeText({ tabId }),
    title: await fakeBrowser.action.getTitle({ tabId }),
  };
}

beforeEach(async () => {
  key = await makeKey();
  served = await signRegister(samplePayload({}, NOW), key);
  fetchImpl.mockClear();
});

describe('background', () => {
  it('without a register: catalogue sites get "not vetted", others nothing', async () => {
    const c = controller();
    await c.updateTab(1, 'https://kahoot.com/join');
    await c.updateTab(2, 'https://example.com/');
    expect(await badge(1)).toEqual({ text: '!', title: expect.stringContaining('Kahoot!: not vetted') });
    expect((await badge(2)).text).toBe('');
    const status = await c.statusView();
    expect(status.configured).toBe(false);
  });

  it('syncs from policy (managed storage), badges open tabs and records success', async () => {
    await fakeBrowser.storage.managed.set({ registerUrl: REGISTER_URL, publicKeys: [key.publicBase64], syncIntervalMinutes: 60 });
    const tab = await fakeBrowser.tabs.create({ url: 'https://wordwall.net/play' });
    const c = controller();
    // the first wake of a browser session syncs at once and badges the open tabs
    await c.wake();
    expect(await badge(tab.id!)).toEqual({ text: '✓', title: expect.stringContaining('Wordwall: approved') });
    expect(fetchImpl).toHaveBeenCalledTimes(1);
    // a later wake in the same session (worker restarted) does not download again
    await controller().wake();
    expect(fetchImpl).toHaveBeenCalledTimes(1);
    expect((await c.sync()).outcome).toBe('unchanged');
    const status = await readSyncStatus();
    expect(status.lastOutcome).toBe('unchanged');
    expect(status.lastSuccessAt).toBe(NOW.toISOString());
    expect((await fakeBrowser.alarms.get(SYNC_ALARM))?.periodInMinutes).toBe(60);
  });

  it('a failed sync keeps the register and records the exact reason and URL', async () => {
    await fakeBrowser.storage.managed.set({ registerUrl: REGISTER_URL, publicKeys: [key.publicBase64] });
    const c = controller();
    await c.sync();
    served = '<html>maintenance</html>';
    const result = await c.sync();
    expect(result).toMatchObject({ outcome: 'error', error: { code: 'html-page' } });
    const status = await c.statusView();
    expect(status.register?.serial).toBe(5);
    expect(status.sync.lastError).toMatchObject({ code: 'html-page', url: REGISTER_URL, at: NOW.toISOString() });
  });

  it('never waits on a slow policy read for the first badges; applies policy when it arrives', async () => {
    let release!: (values: Record<string, unknown>) => void;
    const slow = new Promise<Record<string, unknown>>((resolve) => { release = resolve; });
    const spy = vi.spyOn(fakeBrowser.storage.managed, 'get').mockReturnValue(slow as never);
    const tab = await fakeBrowser.tabs.create({ url: 'https://wordwall.net/' });
    const c = controller(30);
    const started = Date.now();
    await c.updateTab(tab.id!, 'https://wordwall.net/');
    expect(Date.now() - started).toBeLessThan(1000);
    expect((await badge(tab.id!)).title).toContain("not in your school's register"); // no register yet
    expect((await c.statusView()).problems[0]?.reason).toContain('policy was not readable within 30 ms');
    release({ registerUrl: REGISTER_URL, publicKeys: [key.publicBase64] });
    await vi.waitFor(async () => expect((await badge(tab.id!)).text).toBe('✓'));
    expect((await c.statusView()).sources.registerUrl).toBe('managed');
    spy.mockRestore();
  });

  it('a managed value of the wrong type is ignored with a reason, not a crash', async () => {
    await fakeBrowser.storage.managed.set({ registerUrl: 42, publicKeys: 'not-a-list' });
    const status = await controller().statusView();
    expect(status.configured).toBe(false);
    expect(status.problems.map((p) => p.key)).toEqual(['registerUrl', 'publicKeys']);
  });

  it('a tab sequencer marks older work on the same tab as stale', () => {
    const sequencer = new TabSequencer();
    const first = sequencer.begin(7);
    const other = sequencer.begin(8);
    const second = sequencer.begin(7);
    expect([first(), second(), other()]).toEqual([false, true, true]);
    sequencer.forget(7);
    expect(second()).toBe(false);
  });

  it('answers messages only from its own pages, and validates them', async () => {
    const c = controller();
    const own = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') };
    expect(await c.onMessage({ type: 'getStatus' }, { id: 'other-extension', url: 'https://evil.example/' })).toMatchObject({ ok: false });
    expect(await c.onMessage({ type: 'getStatus' }, { id: fakeBrowser.runtime.id, url: 'https://evil.example/' })).toMatchObject({ ok: false });
    expect(await c.onMessage({ type: 'nope' }, own)).toMatchObject({ ok: false, error: expect.stringContaining('invalid message') });
    expect(await c.onMessage({ type: 'getStatus' }, own)).toMatchObject({ ok: true });
  });

  it('settings saved on the options page apply at once and trigger a sync', async () => {
    const c = controller();
    const own = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/options.html') };
    const reply = await c.onMessage({ type: 'saveSettings', settings: { registerUrl: REGISTER_URL, publicKeys: [key.publicBase64] } }, own);
    expect(reply).toMatchObject({ ok: true, data: { configured: true, register: { serial: 5 } } });
    expect(fetchImpl).toHaveBeenCalledTimes(1);
  });

  it('test connection reports a wrong key without storing anything', async () => {
    const c = controller();
    const own = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/options.html') };
    const other = await makeKey();
    const reply = await c.onMessage({ type: 'testConnection', settings: { registerUrl: REGISTER_URL, publicKeys: [other.publicBase64] } }, own);
    expect(reply).toMatchObject({ ok: true, data: { ok: false, error: { code: 'bad-signature' } } });
    const good = await c.onMessage({ type: 'testConnection', settings: { registerUrl: REGISTER_URL, publicKeys: [key.publicBase64] } }, own);
    expect(good).toMatchObject({ ok: true, data: { ok: true, serial: 5, toolCount: 6 } });
    expect((await c.statusView()).register).toBeNull();
  });
});

describe('sign-in screens in the background', () => {
  const consent = `https://accounts.google.com/o/oauth2/v2/auth?client_id=1-a.apps.googleusercontent.com&redirect_uri=${encodeURIComponent('https://www.tiktok.com/auth')}&scope=email`;

  it('the badge and title give the tool asking\'s verdict, and a notification says it, unless policy turns that off', async () => {
    await fakeBrowser.storage.managed.set({ registerUrl: REGISTER_URL, publicKeys: [key.publicBase64] });
    const notify = vi.fn(async () => undefined);
    const c = createBackground(defaultEffects(fakeBrowser as unknown as WxtBrowser, { now: () => NOW, loadCatalog: async () => catalog, fetchImpl: fetchImpl as unknown as typeof fetch, managedTimeoutMs: 50, notify }));
    await c.sync();
    const tab = await fakeBrowser.tabs.create({ url: consent });
    await c.updateTab(tab.id!, consent);
    expect(await badge(tab.id!)).toEqual({ text: '✕', title: 'TikTok wants to sign in with your school Google account: Rejected' });
    expect(notify).toHaveBeenCalledTimes(1);
    expect((notify.mock.calls[0] as unknown[])[1]).toBe('TikTok: Rejected');

    await fakeBrowser.storage.managed.set({ registerUrl: REGISTER_URL, publicKeys: [key.publicBase64], signInNotifications: false });
    await c.reloadConfig();
    const second = await fakeBrowser.tabs.create({ url: consent });
    await c.updateTab(second.id!, consent);
    expect((await badge(second.id!)).text).toBe('✕');
    expect(notify).toHaveBeenCalledTimes(1);
  });
});
