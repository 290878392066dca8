/**
 * What a teacher reads in the popup for a site of each verdict, the options page's search, axe
 * checks, and a register full of HTML and script payloads rendered inert; in real Chromium,
 * configured by policy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { seriousViolations } from '../../harness/axe';
import { EXTENSION_ID, type ExtensionBrowser } from '../../harness/chromium';
import { openOptionsAtSerial, openPopupFor, startPolicySession, type PolicySession } from '../../harness/session';
import { datedDemoPayload, signPayload } from '../../harness/demo-register';
import { REGISTER_URL, type LocalInternet } from '../../harness/server';
import { makeKey, type TestKey } from '../helpers/registers';

let key: TestKey;
let internet: LocalInternet;
let browser: ExtensionBrowser;
let session: PolicySession;

const popupFor = (url: string): Promise<Page> => openPopupFor(browser, url);

async function openOptions(): Promise<Page> {
  const options = await openOptionsAtSerial(browser, 2);
  await options.waitForSelector('#tool-results li');
  return options;
}

beforeAll(async () => {
  key = await makeKey();
  session = await startPolicySession(await signPayload(datedDemoPayload(2), key), { registerUrl: REGISTER_URL, publicKeys: [key.publicBase64], fgName: 'M. Visser (FG)', fgEmail: 'fg@bestuur.example', schoolName: 'OBS De Linde' });
  ({ internet, browser } = session);
  await openOptions();
});

afterAll(() => session?.close());

describe('popup, per verdict', () => {
  it('approved: tool, supplier, conditions, agreement, non-EEA countries and subprocessors', async () => {
    const popup = await popupFor('https://kahoot.com/');
    expect(await popup.textContent('h1')).toBe('Kahoot!');
    expect(await popup.textContent('.verdict-words')).toBe('Approved');
    expect(await popup.textContent('.verdict')).toContain('Supplier: Kahoot! ASA');
    expect(await popup.textContent('.conditions')).toContain('Laat leerlingen meedoen met een bijnaam');
    expect(await popup.textContent('#agreement-heading + dl, [aria-labelledby="agreement-heading"]')).toContain('VO-2024-112');
    expect(await popup.textContent('#outside-eea')).toContain('Data goes outside the EEA: United States');
    const subprocessors = await popup.textContent('.subprocessors');
    expect(subprocessors).toContain('Zendesk Inc.');
    expect(subprocessors).toContain('United States (US) ⚠ outside the EEA');
    expect(await popup.textContent('.fg')).toContain('fg@bestuur.example');
    const width = await popup.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(320);
  });

  it('changed: the sheet version now against the signed one', async () => {
    const popup = await popupFor('https://quizlet.com/');
    expect(await popup.textContent('.verdict-words')).toBe('Privacy sheet changed');
    expect(await popup.textContent('.advice')).toContain('now version 2.0; your school signed version 1.4');
  });

  it('expired: when it ended and what to do, with alternatives', async () => {
    const popup = await popupFor('https://nearpod.com/');
    expect(await popup.textContent('.advice')).toContain('ended on 31 July 2026');
    expect(await popup.locator('.alternatives li').count()).toBeGreaterThan(0);
  });

  it('pending: being vetted', async () => {
    const popup = await popupFor('https://www.blooket.com/');
    expect(await popup.textContent('.verdict-words')).toBe('Being vetted');
    expect(await popup.textContent('.alternatives')).toContain('Wordwall');
  });

  it('rejected: the reason, do-not-enter, and the register\'s alternatives', async () => {
    const popup = await popupFor('https://www.tiktok.com/');
    expect(await popup.textContent('.verdict-words')).toBe('Rejected');
    const advice = await popup.textContent('.advice');
    expect(advice).toContain('Geen verwerkersovereenkomst mogelijk');
    expect(advice).toContain("Do not enter pupils' data");
    expect(await popup.textContent('.alternatives')).toContain('LessonUp');
  });

  it('unvetted (catalogue only): approved tools of the same category as alternatives', async () => {
    const popup = await popupFor('https://www.baamboozle.com/');
    expect(await popup.textContent('h1')).toBe('Baamboozle');
    expect(await popup.textContent('.verdict-words')).toBe('Not vetted');
    expect(await popup.textContent('.alternatives')).toContain('Kahoot!');
    expect(await popup.locator('#request-slot').count()).toBe(1);
  });

  it('unknown: not in the register, ask the FG first', async () => {
    const popup = await popupFor('https://www.example.org/');
    expect(await popup.textContent('.advice')).toContain("not in your school's register");
  });

  it('axe: no serious or critical violations in the popup (English)', async () => {
    for (const url of ['https://kahoot.com/', 'https://www.tiktok.com/']) {
      const popup = await popupFor(url);
      await popup.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
      expect(await seriousViolations(popup), url).toEqual([]);
    }
  });
});

describe('options page', () => {
  it('search finds a tool by name and by web address, and opens the same details', async () => {
    const options = await openOptions();
    await options.fill('#tool-search', 'quizlet');
    await options.waitForFunction(() => document.querySelectorAll('#tool-results li').length === 1);
    expect(await options.getAttribute('#tool-results li', 'data-tool')).toBe('quizlet');

    await options.fill('#tool-search', 'https://classroom.google.com/c/123');
    await options.waitForFunction(() => document.querySelector('#tool-results li')?.getAttribute('data-tool') === 'google-workspace');

    await options.fill('#tool-search', 'kahoot.it');
    await options.waitForFunction(() => document.querySelectorAll('#tool-results li').length === 1);
    await options.click('#tool-results li button');
    await options.waitForSelector('#tool-panel [data-verdict="approved"]');
    expect(await options.textContent('#tool-panel')).toContain('Zendesk Inc.');
  });

  it('filters by verdict and category; catalogue sites the register does not list are included', async () => {
    const options = await openOptions();
    await options.selectOption('#tool-verdict', 'rejected');
    await options.waitForFunction(() => [...document.querySelectorAll('#tool-results li')].every((li) => li.textContent?.includes('Rejected')));
    const rejected = await options.$$eval('#tool-results li', (lis) => lis.map((li) => li.getAttribute('data-tool')));
    expect(rejected.sort()).toEqual(['character-ai', 'chatgpt', 'tiktok']);
    await options.selectOption('#tool-verdict', '');
    await options.fill('#tool-search', 'baamboozle');
    await options.waitForFunction(() => document.querySelector('#tool-results li')?.textContent?.includes('catalogue'));
  });

  it('axe: no serious or critical violations on the options page (English)', async () => {
    const options = await openOptions();
    expect(await seriousViolations(options)).toEqual([]);
    // the check itself can fail: an unlabelled image added on purpose is reported
    await options.evaluate(() => document.body.append(Object.assign(document.createElement('img'), { src: 'icons/16.png' })));
    expect((await seriousViolations(options)).map((v) => v.id)).toContain('image-alt');
  });
});

describe('hostile register strings', () => {
  it('HTML and script in every text field render inert in popup and options', async () => {
    const XSS = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script><svg onload="window.__pwned=1">`;
    const payload = datedDemoPayload(3);
    const tool = payload.tools.find((t) => t.id === 'tiktok')!;
    Object.assign(tool, {
      name: `TikTok ${XSS}`.slice(0, 200), reason: XSS, conditions: [XSS],
      bijsluiter: { version: XSS.slice(0, 40), url: 'https://x.example/sheet', product: { description: XSS, users: [XSS.slice(0, 200)] }, services: { core: [XSS], optional: [{ name: XSS, enabled: true }] }, personalData: { categories: [XSS.slice(0, 200)], special: [XSS.slice(0, 200)] }, subprocessors: [{ name: XSS.slice(0, 200), task: XSS, country: 'US' }], contact: { email: null, phone: null, url: null } },
    });
    internet.publish(await signPayload(payload, key));
    const options = await browser.context.newPage();
    const dialogs: string[] = [];
    options.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
    await options.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
    await options.click('#sync-now');
    await options.waitForFunction(() => document.querySelector('#register-serial')?.textContent === '3', undefined, { timeout: 30_000 });
    await options.reload();
    await options.fill('#tool-search', 'tiktok');
    await options.waitForSelector('#tool-results li[data-tool="tiktok"]');
    await options.click('#tool-results li[data-tool="tiktok"] button');
    await options.waitForSelector('#tool-panel');
    await options.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
    const popup = await popupFor('https://www.tiktok.com/');
    popup.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
    await popup.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
    for (const page of [options, popup]) {
      expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
      expect(await page.locator('img, script:not([src]), svg').count()).toBe(0);
      expect(await page.textContent('body')).toContain('<img src=x onerror=');
    }
    expect(dialogs).toEqual([]);
  });
});
