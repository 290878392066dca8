/**
 * Benchmarks in real Chromium with the benchmark build (BIJSLUITER_BENCH=1): navigation
 * committed → badge set, measured inside the browser by the build's timing hooks, with the
 * service worker awake and right after it was stopped; popup opened → verdict visible (a
 * performance mark the popup sets); and the gzip size of every script the popup loads.
 *
 * `npm run bench` runs several rounds, each in a fresh browser, so the spread between rounds is
 * real. Nothing is dropped silently: a sample that times out is listed with its reason, and
 * bench/run.ts fails the figure it belongs to.
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

/** One kind of sample from one round: the values measured and the samples lost. */
export interface Samples {
  values: number[];
  /** Samples that did not arrive in time (a navigation whose badge was never set, say): each is a failure. */
  dropped: { what: string; reason: string }[];
  /** Samples measured and discarded on purpose before the counted ones (code-cache warm-up). */
  warmup: number;
}

export interface BrowserFigures {
  badgeWarm: Samples;
  badgeCold: Samples;
  popupRender: Samples;
  /** Bytes of the signed register the round ran with. */
  registerBytes: number;
  /** Cold samples where Chromium had begun restarting the stopped worker before the navigation. */
  restartedEarly: number;
}

export interface BrowserRound {
  /** The signed register (envelope text) to serve; default: the demo register. */
  register?: string;
  /** Page URLs to navigate to (cycled); default: demo sites, hits and misses. */
  sites?: readonly string[];
  navigations?: number;
  coldStarts?: number;
  popups?: number;
  /** How long one sample may take before it is dropped (and reported). */
  sampleTimeoutMs?: number;
}

/** One figure from the same kind of samples over rounds: what bench/run.ts prints and keeps. */
export interface BrowserFigure {
  /** The p-th percentile of all samples of all rounds (NaN when there are none). */
  value: number;
  /** The lowest and highest per-round p-th percentile. */
  spread: [number, number];
  rounds: number;
  samples: number;
  dropped: number;
  warmup: number;
  /** Why the figure fails: samples were dropped, or none arrived. */
  failed?: string;
}

/** Summarises rounds of samples at percentile `p`; any dropped sample fails the figure. */
export function summarize(perRound: readonly Samples[], p: number): BrowserFigure {
  const at = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))]!;
  const values = perRound.flatMap((s) => s.values);
  const dropped = perRound.flatMap((s) => s.dropped);
  const perRoundValues = perRound.filter((s) => s.values.length > 0).map((s) => at(s.values));
  const figure: BrowserFigure = {
    value: values.length ? at(values) : Number.NaN,
    spread: perRoundValues.length ? [Math.min(...perRoundValues), Math.max(...perRoundValues)] : [Number.NaN, Number.NaN],
    rounds: perRound.length,
    samples: values.length,
    dropped: dropped.length,
    warmup: perRound.reduce((n, s) => n + s.warmup, 0),
  };
  if (dropped.length) figure.failed = `${dropped.length} dropped: ${dropped.slice(0, 3).map((d) => `${d.what} (${d.reason})`).join('; ')}${dropped.length > 3 ? '; …' : ''}`;
  else if (!values.length) figure.failed = 'no samples';
  return figure;
}

const DEMO_SITES = SITES.map((host) => `https://${host}/`);
const samples = (): Samples => ({ values: [], dropped: [], warmup: 0 });

/**
 * One round in a fresh browser profile: the register is served, the options page waits for it
 * to load, then `navigations` warm navigations, `coldStarts` navigations each right after the
 * service worker was stopped, and `popups` popup opens (after up to 3 warm-up opens). A sample
 * that does not arrive within `sampleTimeoutMs` is recorded in `dropped` with its reason.
 */
export async function browserBench(round: BrowserRound = {}): Promise<BrowserFigures> {
  const { navigations = 20, coldStarts = 8, popups = 6, sampleTimeoutMs = 10_000 } = round;
  const sites = round.sites ?? DEMO_SITES;
  const register = round.register ?? (await signPayload(datedDemoPayload(1), await demoKey()));
  const serial = String((JSON.parse(new TextDecoder().decode(Buffer.from(JSON.parse(register).payload, 'base64'))) as { serial: number }).serial);
  const internet = await startLocalInternet(register);
  writePolicy({ registerUrl: REGISTER_URL, publicKeys: [demoPublicKey()], disableFirstRunPage: true });
  const browser = await launchWithExtension({ port: internet.port, extensionPath: INSTRUMENTED_CHROME_BUILD });
  try {
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
    await options.waitForFunction((want) => document.querySelector('#register-serial')?.textContent === want, serial, { timeout: 60_000 });
    await options.close();
    const page = await browser.context.newPage();
    const figures: BrowserFigures = { badgeWarm: samples(), badgeCold: samples(), popupRender: samples(), registerBytes: register.length, restartedEarly: 0 };
    const at = (i: number, kind: string) => `${sites[i % sites.length]!.replace(/\/$/, '')}/${kind}/${i}`;

    for (let i = 0; i < navigations; i++) {
      const url = at(i, 'warm');
      await page.goto(url);
      const worker = await browser.worker();
      const ms = await waitFor(() => timingFor(worker, url), (v) => v !== null, sampleTimeoutMs);
      if (ms !== null) figures.badgeWarm.values.push(ms);
      else figures.badgeWarm.dropped.push({ what: url, reason: `no badge within ${sampleTimeoutMs} ms` });
    }

    // Cold: stop the worker, wait until DevTools reports it stopped, navigate at once. Chromium
    // sometimes starts the worker again on its own right after the stop; such a navigation
    // still counts (the worker is waking when it arrives) and is reported in `restartedEarly`.
    const cdp = await browser.context.newCDPSession(page);
    const statuses: string[] = [];
    cdp.on('ServiceWorker.workerVersionUpdated', (event: { versions: { scriptURL: string; runningStatus: string }[] }) => {
      for (const version of event.versions) if (version.scriptURL.startsWith(`chrome-extension://${EXTENSION_ID}/`)) statuses.push(version.runningStatus);
    });
    await cdp.send('ServiceWorker.enable');
    for (let i = 0; i < coldStarts; i++) {
      const url = at(i, 'cold');
      statuses.length = 0;
      await cdp.send('ServiceWorker.stopAllWorkers');
      const deadline = Date.now() + 5_000;
      while (!statuses.includes('stopped') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
      const stopped = statuses.lastIndexOf('stopped');
      if (stopped === -1) {
        figures.badgeCold.dropped.push({ what: url, reason: 'DevTools did not report the service worker stopped within 5 s' });
        continue;
      }
      if (statuses.slice(stopped + 1).some((s) => s === 'starting' || s === 'running')) figures.restartedEarly++;
      await page.goto(url);
      const worker = await browser.worker();
      const ms = await waitFor(() => timingFor(worker, url).catch(() => null), (v) => v !== null, sampleTimeoutMs);
      if (ms !== null) figures.badgeCold.values.push(ms);
      else figures.badgeCold.dropped.push({ what: url, reason: `no badge within ${sampleTimeoutMs} ms of the navigation` });
    }

    if (popups > 0) {
      const first = at(0, 'popup');
      await page.goto(first);
      const badge = await waitFor(async () => readBadge(await browser.worker(), first), (b) => b !== null, sampleTimeoutMs);
      if (!badge) {
        figures.popupRender.dropped.push({ what: first, reason: 'no tab with a badge to open the popup for' });
        return figures;
      }
      // the first opens compile the popup's code; a teacher's later opens use the code cache
      const warmUp = Math.min(3, popups);
      for (let i = 0; i < popups + warmUp; i++) {
        const popup: Page = await browser.context.newPage();
        await popup.setViewportSize({ width: 320, height: 600 });
        await popup.goto(`chrome-extension://${EXTENSION_ID}/popup.html?tab=${badge.tabId}`);
        const ms = await popup
          .waitForFunction(() => performance.getEntriesByName('bijsluiter-verdict-visible')[0]?.startTime, undefined, { timeout: sampleTimeoutMs })
          .then(async (handle) => Number(await handle.jsonValue()))
          .catch(() => null);
        if (i < warmUp) figures.popupRender.warmup++;
        else if (ms !== null) figures.popupRender.values.push(ms);
        else figures.popupRender.dropped.push({ what: `popup open ${i - warmUp + 1}`, reason: `verdict not visible within ${sampleTimeoutMs} ms` });
        await popup.close();
      }
    }
    return figures;
  } finally {
    removePolicy();
    await browser.close();
    await internet.close();
  }
}
