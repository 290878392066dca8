/**
 * End to end in real Chromium: the built extension, configured through a Chromium policy file
 * (managed storage) with a key made here, syncs a register served over local HTTPS; real tool
 * hosts are mapped to the local server. Checks the badge for every verdict, that a newer
 * register updates open tabs, that a tampered one changes nothing, and that the extension
 * fetched nothing but the register URL (every request it made, to any host, recorded; a control
 * fetches another address from the extension and shows the check catching it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { EXTENSION_ID, launchWithExtension, readBadge, removePolicy, waitFor, writePolicy, type BadgeState, type ExtensionBrowser } from '../../harness/chromium';
import { datedDemoPayload, signPayload } from '../../harness/demo-register';
import { REGISTER_URL, startLocalInternet, type LocalInternet } from '../../harness/server';
import type { RegisterPayload } from '../../lib/register/schema';
import { extensionRequestsAtServer, foreignUrls, recordExtensionRequests } from '../helpers/egress';
import { makeKey, type TestKey } from '../helpers/registers';

const GREEN = [26, 127, 55, 255];
const AMBER = [154, 91, 0, 255];
const RED = [198, 40, 40, 255];
const DAY = 86_400_000;

let key: TestKey;
let internet: LocalInternet;
let browser: ExtensionBrowser;
let options: Page;
/** Every request the extension made, seen in the browser. */
let fromExtension: string[];

function payload(serial: number, change: (p: RegisterPayload) => void = () => undefined, dates?: { issuedAt?: string; expiresAt?: string }): RegisterPayload {
  const p = datedDemoPayload(serial, new Date(), dates);
  p.tools.push({ id: 'spa-tool', name: 'SPA Tool', category: 'practice', match: ['spa.example.net/app'], status: 'approved', agreement: { type: 'other', signedOn: '2025-01-01' }, conditions: [], alternatives: [] });
  change(p);
  return p;
}

async function publish(p: RegisterPayload): Promise<void> {
  internet.publish(await signPayload(p, { privateKey: key.privateKey, publicRaw: key.publicRaw }));
}

async function syncNowAndWaitSerial(serial: string): Promise<void> {
  await options.reload();
  await options.click('#sync-now');
  await options.waitForFunction((s) => document.querySelector('#register-serial')?.textContent === s, serial, { timeout: 30_000 });
}

async function badgeOf(url: string, check: (b: BadgeState | null) => boolean = (b) => b !== null): Promise<BadgeState | null> {
  return waitFor(async () => readBadge(await browser.worker(), url), check, 15_000);
}

async function open(url: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(url);
  return page;
}

beforeAll(async () => {
  key = await makeKey();
  internet = await startLocalInternet();
  // First publication: already past its expiresAt, so approvals must show as stale.
  await publish(payload(1, undefined, { issuedAt: new Date(Date.now() - 90 * DAY).toISOString(), expiresAt: new Date(Date.now() - DAY).toISOString() }));
  writePolicy({ registerUrl: REGISTER_URL, publicKeys: [key.publicBase64], disableFirstRunPage: true, syncIntervalMinutes: 60 });
  browser = await launchWithExtension({ port: internet.port });
  fromExtension = recordExtensionRequests(browser.context);
  options = await browser.context.newPage();
  await options.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
});

afterAll(async () => {
  removePolicy();
  await browser?.close();
  await internet?.close();
});

describe('badge in real Chromium, configured by policy', () => {
  it('reads its settings from the policy file and shows them read-only', async () => {
    await options.waitForFunction(() => document.querySelector('#register-serial')?.textContent === '1', undefined, { timeout: 30_000 });
    expect(await options.inputValue('#register-url')).toBe(REGISTER_URL);
    expect(await options.getAttribute('#register-url', 'readonly')).not.toBeNull();
    expect(await options.textContent('#managed-note')).toContain('Set by your school');
  });

  it('stale: an approved tool in an expired register shows ? in amber', async () => {
    await open('https://wordwall.net/nl/create');
    const badge = await badgeOf('https://wordwall.net/', (b) => b?.text === '?');
    expect(badge).toMatchObject({ text: '?', color: AMBER });
    expect(badge?.title).toContain("Wordwall: approved, but your school's register is out of date");
  });

  it('after a newer register: every verdict has its text, colour and title, and open tabs update', async () => {
    await publish(payload(2));
    await syncNowAndWaitSerial('2');
    // the tab opened before the sync updated without a reload
    expect(await badgeOf('https://wordwall.net/', (b) => b?.text === '✓')).toMatchObject({ text: '✓', color: GREEN });

    const cases: [string, string, number[] | null, string][] = [
      ['https://classroom.google.com/c/1', '✓', GREEN, 'Google Workspace for Education: approved'],
      ['https://quizlet.com/', '!', AMBER, 'Quizlet: the privacy sheet (bijsluiter) changed'],
      ['https://nearpod.com/', '!', AMBER, "Nearpod: the school's agreement has expired"],
      ['https://www.blooket.com/', '…', AMBER, 'Blooket: being vetted by the FG'],
      ['https://www.gimkit.com/', '!', RED, 'Gimkit: not vetted'],
      ['https://www.baamboozle.com/', '!', RED, 'Baamboozle: not vetted'],
      ['https://www.tiktok.com/', '✕', RED, 'TikTok: rejected by your school'],
      ['https://www.example.org/', '', null, "this site is not in your school's register"],
    ];
    for (const [url, text, color, title] of cases) {
      await open(url);
      const badge = await badgeOf(url, (b) => b !== null && b.title.includes(title));
      expect(badge?.text, url).toBe(text);
      if (color) expect(badge?.color, url).toEqual(color);
      expect(badge?.title, url).toContain(title);
    }
  });

  it('none: a page that is not http(s) has no badge', async () => {
    const page = await browser.context.newPage();
    await page.goto('about:blank');
    const badge = await waitFor(async () => (await browser.worker()).evaluate(async () => {
      const [tab] = await chrome.tabs.query({ url: 'about:blank' });
      return tab?.id === undefined ? null : chrome.action.getBadgeText({ tabId: tab.id });
    }), (v) => v !== null);
    expect(badge).toBe('');
  });

  it('a single-page app that changes its path gets a new badge (history.pushState)', async () => {
    const page = await open('https://spa.example.net/');
    expect((await badgeOf('https://spa.example.net/'))?.text).toBe('');
    await page.evaluate(() => history.pushState({}, '', '/app/lesson/1'));
    const badge = await badgeOf('https://spa.example.net/app', (b) => b?.text === '✓');
    expect(badge?.title).toContain('SPA Tool: approved');
  });

  it('a newer register changes open tabs; a tampered one changes nothing', async () => {
    await publish(payload(3, (p) => {
      const tool = p.tools.find((t) => t.id === 'wordwall')!;
      tool.status = 'rejected';
      tool.reason = 'Test: withdrawn';
    }));
    await syncNowAndWaitSerial('3');
    expect(await badgeOf('https://wordwall.net/', (b) => b?.text === '✕')).toMatchObject({ text: '✕', color: RED });

    // serial 4 that approves TikTok, but with the payload altered after signing
    const signed = JSON.parse(await signPayload(payload(4), { privateKey: key.privateKey, publicRaw: key.publicRaw })) as { payload: string };
    const body = JSON.parse(Buffer.from(signed.payload, 'base64').toString('utf8')) as RegisterPayload;
    const tiktok = body.tools.find((t) => t.id === 'tiktok')!;
    Object.assign(tiktok, { status: 'approved', agreement: { type: 'other', signedOn: '2025-01-01' } });
    internet.publish(JSON.stringify({ ...signed, payload: Buffer.from(JSON.stringify(body)).toString('base64') }));
    await options.reload();
    await options.click('#sync-now');
    await options.waitForFunction(() => document.querySelector('#last-error')?.textContent?.includes('signature'), undefined, { timeout: 30_000 });
    expect(await options.textContent('#register-serial')).toBe('3');
    expect((await badgeOf('https://www.tiktok.com/'))?.text).toBe('✕');
    expect((await badgeOf('https://wordwall.net/'))?.text).toBe('✕');
  });

  it('fetched nothing but the register URL, from any host', () => {
    const atServer = extensionRequestsAtServer(internet);
    // both recorders saw the extension at work (the syncs above), so their silence means something
    expect(fromExtension).toContain(REGISTER_URL);
    expect(atServer).toContain(REGISTER_URL);
    expect(foreignUrls([...fromExtension, ...atServer], [REGISTER_URL])).toEqual([]);
  });

  it('control: a request from the extension to another address is caught, with or without an Origin header', async () => {
    const worker = await browser.worker();
    await worker.evaluate(async () => {
      await fetch('https://www.example.org/leak?site=wordwall.net').catch(() => undefined);
      await fetch('https://register.voorbeeld.example/register.json?site=wordwall.net', { mode: 'no-cors' }).catch(() => undefined);
    });
    const leaks = ['https://www.example.org/leak?site=wordwall.net', 'https://register.voorbeeld.example/register.json?site=wordwall.net'];
    await waitFor(async () => fromExtension.length, () => leaks.every((l) => fromExtension.includes(l)), 10_000);
    expect(foreignUrls(fromExtension, [REGISTER_URL])).toEqual(leaks);
    // the server's record catches the CORS request by its Origin
    expect(foreignUrls(extensionRequestsAtServer(internet), [REGISTER_URL])).toContain(leaks[0]);
  });
});
