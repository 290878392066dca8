/**
 * The usual end-to-end setup in one place: the stand-in internet serving a register, Chromium
 * configured by a policy file, and helpers to open the options page and the popup for a tab.
 */
import type { Page } from 'playwright-core';
import { EXTENSION_ID, launchWithExtension, readBadge, removePolicy, waitFor, writePolicy, type ExtensionBrowser, type LaunchOptions } from './chromium';
import { startLocalInternet, type LocalInternet } from './server';

export interface PolicySession {
  internet: LocalInternet;
  browser: ExtensionBrowser;
  /** Removes the policy file and stops the browser and the server. */
  close(): Promise<void>;
}

/** Serves `register`, writes `settings` as policy and launches Chromium with the extension. */
export async function startPolicySession(register: string, settings: Record<string, unknown>, launch: Partial<LaunchOptions> = {}): Promise<PolicySession> {
  const internet = await startLocalInternet(register);
  writePolicy({ disableFirstRunPage: true, ...settings });
  const browser = await launchWithExtension({ port: internet.port, ...launch });
  return {
    internet,
    browser,
    async close() {
      removePolicy();
      await browser.close();
      await internet.close();
    },
  };
}

/** Opens the options page and waits until it shows register serial `serial`. */
export async function openOptionsAtSerial(browser: ExtensionBrowser, serial: number): Promise<Page> {
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
  await options.waitForFunction((s) => document.querySelector('#register-serial')?.textContent === s, String(serial), { timeout: 30_000 });
  return options;
}

/** Opens `url` in a tab, waits for its badge, and opens the popup for that tab (320 px wide). */
export async function openPopupFor(browser: ExtensionBrowser, url: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(url);
  const badge = await waitFor(async () => readBadge(await browser.worker(), url), (b) => b !== null && b.title !== 'Bijsluiter' && b.title !== '');
  const popup = await browser.context.newPage();
  await popup.setViewportSize({ width: 320, height: 600 });
  await popup.goto(`chrome-extension://${EXTENSION_ID}/popup.html?tab=${badge!.tabId}`);
  await popup.waitForSelector('[data-verdict]');
  return popup;
}
