/**
 * Real Firefox (Debian's firefox-esr) with the built extension, driven by puppeteer-core over
 * WebDriver BiDi: settings from a policies.json (as an IT admin deploys them), all https hosts
 * tunnelled to the local server, and a fixed extension UUID so its pages have a known address.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { GECKO_ID } from '../build/ids';

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const FIREFOX_BUILD = resolve('.output/firefox-mv3');
/** Fixed through the extensions.webextensions.uuids preference. */
export const FIREFOX_EXTENSION_UUID = '5f1c2c8e-3d4b-4a51-9f0e-b1a5e1a7c0de';
export const FIREFOX_BASE = `moz-extension://${FIREFOX_EXTENSION_UUID}`;
const POLICY_DIR = '/usr/lib/firefox-esr/distribution';

/** Writes the extension's managed settings into Firefox's policies.json (needs root). */
export function writeFirefoxPolicy(settings: Record<string, unknown>): void {
  mkdirSync(POLICY_DIR, { recursive: true });
  writeFileSync(join(POLICY_DIR, 'policies.json'), JSON.stringify({ policies: { '3rdparty': { Extensions: { [GECKO_ID]: settings } } } }, null, 2));
}

export function removeFirefoxPolicy(): void {
  rmSync(join(POLICY_DIR, 'policies.json'), { force: true });
}

/** Launches headless Firefox through `proxyPort` and installs the Firefox build. */
export async function launchFirefox(proxyPort: number): Promise<Browser> {
  if (!existsSync(join(FIREFOX_BUILD, 'manifest.json'))) throw new Error('no build in .output/firefox-mv3: run `npm run build:firefox` first');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    acceptInsecureCerts: true,
    dumpio: process.env.BIJSLUITER_FIREFOX_LOG === '1',
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_EXTENSION_UUID }),
      'network.proxy.type': 1,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': proxyPort,
      'network.proxy.no_proxies_on': 'localhost, 127.0.0.1',
      'network.dns.disableIPv6': true,
      'intl.locale.requested': 'en-GB',
      'devtools.console.stdout.chrome': true,
      'devtools.console.stdout.content': true,
    },
  });
  await browser.installExtension(FIREFOX_BUILD);
  return browser;
}

/**
 * An extension page in a tab. WebDriver may not navigate to moz-extension: URLs, so the page is
 * opened by the extension itself: the welcome page it opens on install (`firstRun`), or a tab
 * that an already open extension page creates.
 */
export async function openExtensionPage(browser: Browser, path: string, from?: Page): Promise<Page> {
  const url = `${FIREFOX_BASE}${path}`;
  if (from) {
    await from.evaluate(async (target: string) => {
      await (globalThis as unknown as { browser: typeof chrome }).browser.tabs.create({ url: target });
    }, url);
  }
  // page.url() can still say about:blank for a tab the extension navigated: ask the page itself
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    for (const page of await browser.pages()) {
      const href = await page.evaluate(() => location.href).catch(() => '');
      if (href.startsWith(url)) return page;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no extension page ${url} opened`);
}

/**
 * Waits until `read`, run in the page, returns a value that `check` accepts, and returns it.
 * puppeteer's waitForFunction and waitForSelector build their predicate with `Function()` inside
 * the page, which an extension page's CSP forbids in Firefox; `evaluate` goes through BiDi
 * `script.callFunction`, which that CSP does not cover, so polling with it works everywhere.
 */
export async function waitInPage<T>(page: Page, read: () => T, check: (value: Awaited<T>) => boolean, timeoutMs = 15_000): Promise<Awaited<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = (await page.evaluate(read)) as Awaited<T>;
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms in ${page.url()}: last value ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Badge text and title of the tab showing `url`, read through an extension page. */
export async function firefoxBadge(page: Page, url: string): Promise<{ tabId: number; text: string; title: string } | null> {
  return page.evaluate(async (target: string) => {
    const api = (globalThis as unknown as { browser: typeof chrome }).browser;
    const tabs = await api.tabs.query({});
    const tab = tabs.find((t) => t.url?.startsWith(target));
    if (tab?.id === undefined) return null;
    const [text, title] = await Promise.all([api.action.getBadgeText({ tabId: tab.id }), api.action.getTitle({ tabId: tab.id })]);
    return { tabId: tab.id, text, title };
  }, url);
}
