/**
 * End to end in real Firefox (firefox-esr over WebDriver BiDi): settings from policies.json, a
 * signed register over local HTTPS, real tool hosts tunnelled to it; badge text and title for an
 * approved, an unvetted and a rejected site, read through an extension page; the popup for a tab.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'puppeteer-core';
import { waitFor } from '../../harness/chromium';
import { datedDemoPayload, signPayload } from '../../harness/demo-register';
import { firefoxBadge, launchFirefox, openExtensionPage, removeFirefoxPolicy, waitInPage, writeFirefoxPolicy } from '../../harness/firefox';
import { startProxy, type LocalProxy } from '../../harness/proxy';
import { REGISTER_URL, startLocalInternet, type LocalInternet } from '../../harness/server';
import { googleConsentUrl } from '../../harness/sign-in-screens';
import { makeKey } from '../helpers/registers';

let internet: LocalInternet;
let proxy: LocalProxy;
let browser: Browser;
let extensionPage: Page;

beforeAll(async () => {
  const key = await makeKey();
  internet = await startLocalInternet(await signPayload(datedDemoPayload(9), key));
  proxy = await startProxy(internet.port);
  // the welcome page (first run) is the way into the extension's pages under WebDriver
  writeFirefoxPolicy({ registerUrl: REGISTER_URL, publicKeys: [key.publicBase64], schoolName: 'OBS De Linde' });
  browser = await launchFirefox(proxy.port);
  extensionPage = await openExtensionPage(browser, '/options.html?welcome=1');
  await waitInPage(extensionPage, () => document.querySelector('#register-serial')?.textContent, (serial) => serial === '9', 60_000);
});

afterAll(async () => {
  removeFirefoxPolicy();
  await browser?.close();
  await proxy?.close();
  await internet?.close();
});

describe('Firefox', () => {
  it('takes its settings from policies.json and shows them read-only', async () => {
    expect(await extensionPage.$eval('#register-url', (el) => (el as HTMLInputElement).value)).toBe(REGISTER_URL);
    expect(await extensionPage.$eval('#register-url', (el) => (el as HTMLInputElement).readOnly)).toBe(true);
  });

  it.each([
    ['https://wordwall.net/nl/create', '✓', 'Wordwall: approved'],
    ['https://www.gimkit.com/', '!', 'Gimkit: not vetted'],
    ['https://www.tiktok.com/', '✕', 'TikTok: rejected by your school'],
    // a sign-in screen in a normal tab: the verdict of the tool asking (the demo register names Gimkit's client id)
    [googleConsentUrl('100000000002-gimkitdemo.apps.googleusercontent.com', 'https://www.gimkit.com/auth/google/callback', ['openid', 'email']), '!', 'Gimkit wants to sign in with your school Google account: Not vetted'],
  ])('badge for %s', async (url, text, title) => {
    const page = await browser.newPage();
    await page.goto(url);
    const badge = await waitFor(() => firefoxBadge(extensionPage, url), (b) => b?.text === text, 20_000);
    expect(badge?.text).toBe(text);
    expect(badge?.title).toContain(title);
  });

  it('the popup for a tab shows the tool, the verdict, the conditions and non-EEA countries', async () => {
    const badge = await firefoxBadge(extensionPage, 'https://wordwall.net/');
    const popup = await openExtensionPage(browser, `/popup.html?tab=${badge!.tabId}`, extensionPage);
    await waitInPage(popup, () => document.querySelector('[data-verdict]')?.getAttribute('data-verdict'), (v) => v === 'approved');
    expect(await popup.$eval('h1', (el) => el.textContent)).toBe('Wordwall');
    expect(await popup.$eval('.verdict-words', (el) => el.textContent)).toBe('Approved');
    expect(await popup.$eval('.conditions', (el) => el.textContent)).toContain('pseudoniem');
    expect(await popup.$eval('#outside-eea', (el) => el.textContent)).toContain('United Kingdom');
  });
});
