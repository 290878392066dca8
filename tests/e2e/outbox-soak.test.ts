/**
 * Outbox soak in real Chromium (issue 8, item 6). 200 vetting requests (`npm run test:long`:
 * 1,000) go in through the extension's message protocol, as the popup sends them, while the
 * reference receiver, wrapped in the harness's fault injection (harness/faulty-receiver.ts), fails
 * half of all POSTs at random (HTTP 500 and 503, the connection dropped before storing, the answer
 * lost after storing, an answer slower than the timeout) and the
 * service worker is stopped at random moments, through the DevTools protocol, from the first
 * submission to the last delivery. Once the submissions are in, nothing but the extension's own
 * alarms wakes the worker: the test only watches the receiver and reads the outbox from a page
 * that sends no messages.
 *
 * Every request must arrive exactly once (the receiver stores each idempotency key once and
 * nothing else), none lost (every outbox record ends delivered, with its statusUrl), and each
 * stored request is the one submitted under that key.
 *
 * It runs on the instrumented build, whose outbox clock is fast (backoff from 250 ms, capped at
 * 4 s; a 2 s timeout), so a CI run takes a few minutes; alarms of an unpacked extension are not
 * held to Chrome's 30 s minimum.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CDPSession, Page } from 'playwright-core';
import { seededRandom } from '../../bench/synthetic';
import { EXTENSION_ID, INSTRUMENTED_CHROME_BUILD } from '../../harness/chromium';
import { datedDemoPayload, signPayload } from '../../harness/demo-register';
import { startFaultyReceiver, type FailureMode, type FaultyPostRecord, type FaultyReceiver } from '../../harness/faulty-receiver';
import { REGISTER_URL } from '../../harness/server';
import { openOptionsAtSerial, startPolicySession, type PolicySession } from '../../harness/session';
import type { RequestForm, OutboxRecord } from '../../lib/requests/schema';
import { makeKey } from '../helpers/registers';

const SCALE = Number(process.env.SOAK_SCALE ?? 1);
const REQUESTS = 200 * SCALE;
// a fixed seed keeps `npm test` reproducible in what it injects; the long mode draws anew
const SEED = Number(process.env.SOAK_SEED ?? (SCALE > 1 ? Date.now() % 2 ** 31 : 20261123));
const FAILURE_RATE = 0.5;
// slow answers cost a whole timeout each, so they are one failure in nine
const FAILURE_MODES: FailureMode[] = ['500', '503', 'drop', 'lost', '500', '503', 'drop', 'lost', 'slow'];
/** Time between worker stops: 0.2 to 2.5 s. */
const STOP_EVERY_MS: [number, number] = [200, 2_500];
const DEADLINE_MS = 12 * 60_000 * SCALE;

let session: PolicySession;
let receiver: FaultyReceiver;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function formFor(i: number): RequestForm {
  return {
    toolName: `Soak tool ${i}`, pageUrl: `https://tool-${i}.soak.example/lesson?pupil=${i}`, includeFullUrl: false, registerId: null, catalogId: null,
    name: 'M. de Boer', email: 'm.deboer@school.example', school: 'OBS De Linde', purpose: `Soak request ${i}`, subject: '', groups: '',
    studentCount: null, studentAge: '', personalData: [], neededBy: '', message: '', sendByEmail: false,
  };
}

/** Submits one form from an extension page; the record id, or why no answer came. */
function submitOnce(page: Page, form: RequestForm): Promise<{ id: string; kind: string } | { error: string }> {
  return page.evaluate(async (f) => {
    try {
      const reply = await Promise.race([
        chrome.runtime.sendMessage({ type: 'submitRequest', form: f }),
        new Promise((resolve) => setTimeout(() => resolve(undefined), 10_000)),
      ]) as { ok: true; data: { kind: string; record?: { id: string } } } | { ok: false; error: string } | undefined;
      if (!reply) return { error: 'no answer' };
      if (!reply.ok) return { error: reply.error };
      return reply.data.record ? { id: reply.data.record.id, kind: reply.data.kind } : { error: `answer ${reply.data.kind}` };
    } catch (error) {
      return { error: String(error) };
    }
  }, form);
}

/** Reads the outbox straight from IndexedDB in a page of the extension's origin that runs none of its scripts. */
function readOutboxDirectly(page: Page): Promise<OutboxRecord[]> {
  return page.evaluate(() => new Promise<OutboxRecord[]>((resolve, reject) => {
    const open = indexedDB.open('bijsluiter');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const get = db.transaction('outbox', 'readonly').objectStore('outbox').getAll();
      get.onsuccess = () => {
        db.close();
        resolve(get.result as OutboxRecord[]);
      };
      get.onerror = () => reject(get.error);
    };
  }));
}

/** Stops the service worker at random moments until told to stop; counts stops and stops during a POST. */
function startWorkerStopper(cdp: CDPSession, random: () => number) {
  let running = true;
  const figures = { stops: 0, stopsDuringPost: 0 };
  const done = (async () => {
    await cdp.send('ServiceWorker.enable');
    while (running) {
      await sleep(STOP_EVERY_MS[0] + random() * (STOP_EVERY_MS[1] - STOP_EVERY_MS[0]));
      if (!running) break;
      if (receiver.inFlight() > 0) figures.stopsDuringPost += 1;
      await cdp.send('ServiceWorker.stopAllWorkers');
      figures.stops += 1;
    }
  })();
  return { figures, stop: async () => { running = false; await done; } };
}

beforeAll(async () => {
  const key = await makeKey();
  receiver = await startFaultyReceiver({ slowMs: 3_000 });
  session = await startPolicySession(await signPayload(datedDemoPayload(4), key), {
    registerUrl: REGISTER_URL, publicKeys: [key.publicBase64], requestEndpoint: receiver.endpoint, schoolName: 'OBS De Linde',
  }, { extensionPath: INSTRUMENTED_CHROME_BUILD });
});

afterAll(async () => {
  await session?.close();
  await receiver?.close();
});

describe('outbox soak', () => {
  it(`${REQUESTS} requests, half of all POSTs failing, the worker stopped at random: each arrives exactly once`, async () => {
    const started = Date.now();
    const options = await openOptionsAtSerial(session.browser, 4);
    // a page of the extension's origin that runs none of its scripts: it stops the worker and,
    // later, reads the outbox without waking the worker
    const observer = await session.browser.context.newPage();
    await observer.goto(`chrome-extension://${EXTENSION_ID}/manifest.json`);
    receiver.failRandomly(FAILURE_RATE, FAILURE_MODES, seededRandom(SEED));
    const stopper = startWorkerStopper(await session.browser.context.newCDPSession(observer), seededRandom(SEED + 1));

    // submit every request; a submission cut off by a stop is sent again, and then either
    // stores it or finds it already stored (a second request for the same site is refused)
    const idOf = new Map<string, number>();
    let resubmissions = 0;
    let foundStored = 0;
    for (let i = 0; i < REQUESTS; i++) {
      for (let attempt = 0; ; attempt++) {
        const outcome = await submitOnce(options, formFor(i));
        if ('id' in outcome) {
          if (outcome.kind === 'duplicate') foundStored += 1;
          else expect(outcome.kind).toBe('queued');
          idOf.set(outcome.id, i);
          break;
        }
        resubmissions += 1;
        expect(attempt, `request ${i}: ${outcome.error}`).toBeLessThan(20);
        await sleep(100);
      }
    }
    const submittedMs = Date.now() - started;
    expect(idOf.size).toBe(REQUESTS);

    // from here on only the extension's alarms wake the worker
    await options.close();
    let records: OutboxRecord[] = [];
    while (Date.now() - started < DEADLINE_MS) {
      records = await readOutboxDirectly(observer);
      if (records.length === REQUESTS && records.every((r) => r.state === 'delivered')) break;
      await sleep(1_000);
    }
    await stopper.stop();
    const deliveredMs = Date.now() - started;

    const count = (test: (post: FaultyPostRecord) => boolean) => receiver.posts.filter(test).length;
    const figures = {
      seed: SEED, requests: REQUESTS, posts: receiver.posts.length,
      failed: Object.fromEntries(['500', '503', 'drop', 'lost', 'slow'].map((mode) => [mode, count((p) => p.fault === mode)])),
      stored: count((p) => p.result === 'stored'), duplicateAnswers: count((p) => p.result === 'duplicate'), invalid: count((p) => p.result === 'invalid'),
      workerStops: stopper.figures.stops, stopsDuringPost: stopper.figures.stopsDuringPost, resubmissions, foundStored,
      maxAttempts: Math.max(...records.map((r) => r.attempts)), submittedSeconds: Math.round(submittedMs / 1000), deliveredSeconds: Math.round(deliveredMs / 1000),
    };
    console.log(`outbox soak: ${JSON.stringify(figures)}`);

    // none lost: every record delivered, with the receiver's statusUrl
    const notDelivered = records.filter((r) => r.state !== 'delivered').map((r) => `${r.request.tool.host}: ${r.state} after ${r.attempts} (${r.lastError})`);
    expect(notDelivered).toEqual([]);
    expect(records).toHaveLength(REQUESTS);
    expect(records.every((r) => r.statusUrl === `${receiver.url}/api/requests/${r.id}/status`)).toBe(true);
    // exactly once: each key stored once, nothing stored that was not submitted, each the right request
    const stored = receiver.requests();
    expect(stored).toHaveLength(REQUESTS);
    expect(new Set(stored.map((s) => s.request.id))).toEqual(new Set(idOf.keys()));
    const storedKeys = receiver.posts.filter((p) => p.result === 'stored').map((p) => p.id);
    expect(storedKeys).toHaveLength(REQUESTS);
    expect(new Set(storedKeys).size).toBe(REQUESTS);
    for (const item of stored) expect(item.request.tool.host).toBe(`tool-${idOf.get(item.request.id)}.soak.example`);
    expect(figures.invalid).toBe(0);
    // the faults really happened
    const injected = Object.values(figures.failed).reduce((a, b) => a + b, 0);
    expect(injected).toBeGreaterThan(REQUESTS * 0.5);
    expect(figures.failed.lost).toBeGreaterThan(0);
    expect(figures.duplicateAnswers).toBeGreaterThan(0);
    expect(figures.workerStops).toBeGreaterThan(10);
  }, DEADLINE_MS + 120_000);
});
