/**
 * Benchmarks in real Chromium with the benchmark build (BIJSLUITER_BENCH=1): navigation
 * committed → badge set, measured inside the browser by the build's timing hooks, with the
 * service worker awake and right after it was stopped; popup opened → verdict visible (a
 * performance mark the popup sets); and the gzip size of every script the popup loads.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page, Worker } from 'playwright-core';
import { EXTENSION_ID, INSTRUMENTED_CHROME_BUILD, launchWithExtension, readBadge, removePolicy, waitFor, writePolicy } from '../harness/chromium';
import { datedDemoPayload, demoKey, demoPublicKey, signPayload } from '../harness/demo-register';
import { REGISTER_URL, startLocalInternet } from '../harness/server';


const SITES = ['wordwall.net', 'kahoot.com', 'quizlet.com', 'www.gimkit.com', 'www.tiktok.com', 'www.example.org', 'docs.google.com', 'www.baamboozle.com', 'nearpod.com', 'www.unknown-site.nl'];

interface Timing { url: string; committedAt: number; badgeSetAt?: number }

async function timingFor(worker: Worker, url: string): Promise<number | null> {
  const timings = await worker.evaluate(() => (globalThis as { __bijsluiterBench?: Timing[] }).__bijsluiterBench ?? []);
  const timing = timings.findLast((t) => t.url === url && t.badgeSetAt !== undefined);
  return timing ? timing.badgeSetAt! - timing.committedAt : null;
}

/** gzip size in KB of all JavaScript the popup loads (entry, preloads and their static imports). */
export function popupJsGzipKb(build = resolve('.output/chrome-mv3')): number {
  const html = readFileSync(join(build, 'popup.html'), 'utf8');
  const queue = [...html.matchAll(/(?:src|href)="([^"]+\.js)"/g)].map((m) => m[1]!.replace(/^\//, ''));
  const seen = new Set<string>();
  let total = 0;
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(join(build, file), 'utf8');
    total += gzipSync(code, { level: 9 }).length;
    const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '';
    for (const m of code.matchAll(/(?:from|import)\s*["']\.\/([^"']+\.js)["']/g)) queue.push(`${dir}${m[1]}`);
  }
  return total / 1024;
}

export interface BrowserFigures {
  badgeWarm: number[];
  badgeCold: number[];
  popupRender: number[];
}

/** Runs the browser benchmarks: `navigations` warm, `coldStarts` cold, `popups` popup opens. */
export async function browserBench(navigations = 50, coldStarts = 15, popups = 30): Promise<BrowserFigures> {
  const internet = await startLocalInternet(await signPayload(datedDemoPayload(1), await demoKey()));
  writePolicy({ registerUrl: REGISTER_URL, publicKeys: [demoPublicKey()], disableFirstRunPage: true });
  const browser = await launchWithExtension({ port: internet.port, extensionPath: INSTRUMENTED_CHROME_BUILD });
  try {
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
    await options.waitForFunction(() => document.querySelector('#register-serial')?.textContent === '1', undefined, { timeout: 30_000 });
    const page = await browser.context.newPage();
    const figures: BrowserFigures = { badgeWarm: [], badgeCold: [], popupRender: [] };

    for (let i = 0; i < navigations; i++) {
      const url = `https://${SITES[i % SITES.length]}/warm/${i}`;
      await page.goto(url);
      const worker = await browser.worker();
      const ms = await waitFor(() => timingFor(worker, url), (v) => v !== null, 10_000);
      if (ms !== null) figures.badgeWarm.push(ms);
    }

    const cdp = await browser.context.newCDPSession(page);
    for (let i = 0; i < coldStarts; i++) {
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await waitFor(async () => browser.context.serviceWorkers().length, (n) => n === 0, 5_000);
      const url = `https://${SITES[i % SITES.length]}/cold/${i}`;
      await page.goto(url);
      const worker = await browser.worker();
      const ms = await waitFor(() => timingFor(worker, url).catch(() => null), (v) => v !== null, 10_000);
      if (ms !== null) figures.badgeCold.push(ms);
    }

    const tabId = (await waitFor(async () => readBadge(await browser.worker(), 'https://wordwall.net/'), (b) => b !== null))?.tabId
      ?? (await (async () => { await page.goto('https://wordwall.net/'); return (await waitFor(async () => readBadge(await browser.worker(), 'https://wordwall.net/'), (b) => b !== null))!.tabId; })());
    // the first opens compile the popup's code; a teacher's later opens use the code cache
    const warmUp = Math.min(3, popups);
    for (let i = 0; i < popups + warmUp; i++) {
      const popup: Page = await browser.context.newPage();
      await popup.setViewportSize({ width: 320, height: 600 });
      await popup.goto(`chrome-extension://${EXTENSION_ID}/popup.html?tab=${tabId}`);
      const ms = await popup.waitForFunction(() => performance.getEntriesByName('bijsluiter-verdict-visible')[0]?.startTime, undefined, { timeout: 10_000 });
      if (i >= warmUp) figures.popupRender.push(Number(await ms.jsonValue()));
      await popup.close();
    }
    return figures;
  } finally {
    removePolicy();
    await browser.close();
    await internet.close();
  }
}
