/**
 * Real Chromium with the built extension: launch (headless unless asked), write and remove a
 * managed policy file (as an IT admin's policy would arrive), and read what the toolbar shows
 * for a tab by asking the extension's service worker.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import { CHROME_EXTENSION_ID } from '../build/ids';

/** The fixed id of unpacked builds (from the manifest key in wxt.config.ts). */
export const EXTENSION_ID = CHROME_EXTENSION_ID;
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROME_BUILD = resolve('.output/chrome-mv3');
/** The instrumented build (`BIJSLUITER_BENCH=1 wxt build`): badge timings, fast outbox clock. */
export const INSTRUMENTED_CHROME_BUILD = resolve('.output-bench/chrome-mv3');
const POLICY_DIR = '/etc/chromium/policies/managed';
const POLICY_FILE = join(POLICY_DIR, 'bijsluiter-test.json');

export interface LaunchOptions {
  /** Port of the local HTTPS server every host is mapped to. */
  port: number;
  headless?: boolean;
  userDataDir?: string;
  locale?: string;
  /** The unpacked build to load (default: .output/chrome-mv3). */
  extensionPath?: string;
}

export interface ExtensionBrowser {
  context: BrowserContext;
  userDataDir: string;
  worker(): Promise<Worker>;
  close(): Promise<void>;
}

/** Writes the extension's managed settings as a Chromium policy file (needs root). */
export function writePolicy(settings: Record<string, unknown>): void {
  mkdirSync(POLICY_DIR, { recursive: true });
  writeFileSync(POLICY_FILE, JSON.stringify({ '3rdparty': { extensions: { [EXTENSION_ID]: settings } } }, null, 2));
}

/** Removes the policy file written by writePolicy. */
export function removePolicy(): void {
  rmSync(POLICY_FILE, { force: true });
}

/** Launches Chromium with the built extension loaded. */
export async function launchWithExtension(options: LaunchOptions): Promise<ExtensionBrowser> {
  const extension = options.extensionPath ?? CHROME_BUILD;
  if (!existsSync(join(extension, 'manifest.json'))) throw new Error(`no build in ${extension}: run \`npm run build\` first`);
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'bijsluiter-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: options.headless ?? true,
    locale: options.locale ?? 'en-GB',
    ignoreHTTPSErrors: true,
    args: [
      `--disable-extensions-except=${extension}`,
      `--load-extension=${extension}`,
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
      '--ignore-certificate-errors',
      `--host-resolver-rules=MAP * 127.0.0.1:${options.port}, EXCLUDE localhost, EXCLUDE 127.0.0.1`,
      ...(options.locale ? [`--lang=${options.locale}`] : []),
    ],
  });
  const worker = async (): Promise<Worker> => {
    const found = context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${EXTENSION_ID}/`));
    if (found) return found;
    return context.waitForEvent('serviceworker', { predicate: (w) => w.url().startsWith(`chrome-extension://${EXTENSION_ID}/`), timeout: 30_000 });
  };
  return {
    context,
    userDataDir,
    worker,
    async close() {
      await context.close();
      if (!options.userDataDir) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** What the toolbar shows for a tab. */
export interface BadgeState {
  tabId: number;
  text: string;
  color: [number, number, number, number];
  title: string;
}

/** Reads the badge of the tab showing `url` (first match), via the service worker. */
export async function readBadge(worker: Worker, url: string): Promise<BadgeState | null> {
  return worker.evaluate(async (target: string) => {
    const tabs = await chrome.tabs.query({});
    const tab = tabs.find((t) => t.url === target || t.url?.startsWith(target));
    if (tab?.id === undefined) return null;
    const tabId = tab.id;
    const [text, color, title] = await Promise.all([
      chrome.action.getBadgeText({ tabId }),
      chrome.action.getBadgeBackgroundColor({ tabId }),
      chrome.action.getTitle({ tabId }),
    ]);
    return { tabId, text, color: color as [number, number, number, number], title };
  }, url);
}

/** Polls until `check` passes or `timeoutMs` runs out; returns the last value either way. */
export async function waitFor<T>(read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!check(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    value = await read();
  }
  return value;
}

/** Types the register URL and key on the options page, saves, and waits for `serial` to load. */
export async function configureOnOptionsPage(browser: ExtensionBrowser, registerUrl: string, publicKey: string, serial: number): Promise<void> {
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
  await options.fill('#register-url', registerUrl);
  await options.fill('#public-keys', publicKey);
  await options.click('button[type=submit]');
  await options.waitForFunction((s) => document.querySelector('#register-serial')?.textContent === s, String(serial), { timeout: 30_000 });
}
