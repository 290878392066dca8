/**
 * XSS: a corpus of 136 payloads placed in every free-text field of every tool of a register,
 * rendered in the options page (list and every tool's details) and in the popup, in real
 * Chromium. A hook installed before the page's own scripts records any payload that runs, any
 * dialog, any CSP violation, any element the UI never creates itself (and any <details> with an
 * ontoggle handler); links must be https (or mailto). Every payload is placed whole in some field
 * and is found as text on a page checked, and controls render payloads as HTML on purpose to show
 * the hook catches them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { EXTENSION_ID, type ExtensionBrowser } from '../../harness/chromium';
import { openOptionsAtSerial, openPopupFor, startPolicySession, type PolicySession } from '../../harness/session';
import { datedDemoPayload, signPayload } from '../../harness/demo-register';
import { REGISTER_URL } from '../../harness/server';
import type { RegisterPayload } from '../../lib/register/schema';
import { makeKey } from '../helpers/registers';
import { xssCorpus } from '../helpers/xss-corpus';

const CORPUS = xssCorpus();
let session: PolicySession;
let browser: ExtensionBrowser;
/** The corpus payloads put into some field whole (a short field cuts a payload). */
const placedWhole = new Set<string>();
/** The text of every page checked, to find each payload on them. */
const renderedText: string[] = [];

/** Fills every free-text field of every tool with payloads from the corpus, round robin. */
function poisoned(): RegisterPayload {
  const payload = datedDemoPayload(2);
  let i = 0;
  const next = (max = 200) => {
    const whole = CORPUS[i++ % CORPUS.length]!;
    if (whole.length <= max) placedWhole.add(whole);
    return whole.slice(0, max);
  };
  payload.publisher.name = next();
  payload.tools = payload.tools.map((tool) => ({
    ...tool,
    name: next(),
    vendor: tool.vendor ? { ...tool.vendor, name: next() } : undefined,
    conditions: [next(), next()],
    reason: next(),
    agreement: tool.agreement ? { ...tool.agreement, reference: next(), modelVersion: next(20) } : tool.agreement,
    bijsluiter: {
      ...tool.bijsluiter,
      version: next(40),
      url: 'https://vendor.example/sheet?x="><script>__xss(0)</script>',
      product: { description: next(), users: [next()], url: 'https://vendor.example/"onmouseover="__xss(0)' },
      services: { core: [next()], optional: [{ name: next(), enabled: true }] },
      personalData: { categories: [next()], optional: [next()], special: [next()] },
      security: { certifications: [next()], audits: [next()], storageCountries: ['US'], processingCountries: ['NL'] },
      subprocessors: [{ name: next(), task: next(), country: 'US' }],
      contact: { email: 'privacy@vendor.example', phone: next(40), url: 'https://vendor.example/contact' },
    },
  }));
  return payload;
}

const HOOK = () => {
  const w = window as unknown as { __xssLog: string[]; __xss: (n: number) => void };
  w.__xssLog = [];
  w.__xss = (n: number) => w.__xssLog.push(`ran ${n}`);
  for (const name of ['alert', 'confirm', 'prompt'] as const) (window as unknown as Record<string, unknown>)[name] = () => w.__xssLog.push(name);
  document.addEventListener('securitypolicyviolation', (e) => w.__xssLog.push(`csp ${e.violatedDirective}`));
  new MutationObserver((records) => {
    for (const r of records) for (const node of r.addedNodes) {
      if (node instanceof Element) for (const el of [node, ...node.querySelectorAll('*')]) {
        // (forms and inputs are left out: the UI makes its own)
        if (/^(script|img|iframe|svg|object|embed|style|link|meta|video|base|template|math|marquee)$/i.test(el.tagName) && !el.closest('head')) w.__xssLog.push(`element ${el.tagName}`);
        // the UI makes <details> itself (the sheet's sections), never one with a handler
        if (el.tagName === 'DETAILS' && el.hasAttribute('ontoggle')) w.__xssLog.push('element DETAILS[ontoggle]');
        if (el.getAttributeNames().some((a) => a.startsWith('on'))) w.__xssLog.push(`handler on ${el.tagName}`);
      }
    }
  }).observe(document, { childList: true, subtree: true });
};

async function check(page: Page): Promise<void> {
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
  renderedText.push(await page.evaluate(() => document.body.textContent ?? ''));
  const log = await page.evaluate(() => (window as unknown as { __xssLog: string[] }).__xssLog);
  expect(log).toEqual([]);
  const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => a.getAttribute('href')!));
  for (const href of hrefs) expect(href, href).toMatch(/^(https:\/\/|mailto:|chrome-extension:\/\/|#)/);
}

beforeAll(async () => {
  const key = await makeKey();
  session = await startPolicySession(await signPayload(poisoned(), key), { registerUrl: REGISTER_URL, publicKeys: [key.publicBase64] });
  browser = session.browser;
  await browser.context.addInitScript(HOOK);
});

afterAll(() => session?.close());

describe(`${CORPUS.length} injection payloads in every text field`, () => {
  it('render inert on the options page: the list and every tool\'s details', async () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(100);
    const options = await openOptionsAtSerial(browser, 2);
    await options.waitForSelector('#tool-results li');
    const registerTools = await options.$$eval('#tool-results li[data-tool]', (lis) => lis.filter((li) => li.textContent?.includes('· register')).map((li) => li.getAttribute('data-tool')!));
    expect(registerTools.length).toBe(30);
    for (const id of registerTools) {
      await options.click(`#tool-results li[data-tool="${id}"] button`, { timeout: 5_000 });
      await options.waitForSelector('#tool-panel .tool-details', { timeout: 5_000 });
      await check(options);
    }
    await check(options);
    expect(await options.textContent('#tool-panel')).toContain('__xss(');
  });

  it('render inert in the popup for poisoned tools of several verdicts', async () => {
    for (const url of ['https://wordwall.net/', 'https://www.tiktok.com/', 'https://quizlet.com/', 'https://www.gimkit.com/']) {
      const popup = await openPopupFor(browser, url);
      await check(popup);
      expect(await popup.textContent('main')).toContain('__xss(');
    }
  });

  it('every payload was placed whole in some field and is on a page checked, as text', () => {
    expect(CORPUS.filter((p) => !placedWhole.has(p))).toEqual([]);
    const text = renderedText.join('\n');
    expect(CORPUS.filter((p) => !text.includes(p))).toEqual([]);
  });

  it('the details[ontoggle] check fires when a payload from the register is rendered as HTML (an unsafe renderer)', async () => {
    const payload = CORPUS.find((p) => p.startsWith('<details open ontoggle='))!;
    const options = await openOptionsAtSerial(browser, 2);
    await options.waitForSelector('#tool-results li[data-tool]');
    const ids = await options.$$eval('#tool-results li[data-tool]', (lis) => lis.map((li) => li.getAttribute('data-tool')!));
    let found = false;
    for (const id of ids) {
      await options.click(`#tool-results li[data-tool="${id}"] button`, { timeout: 5_000 });
      await options.waitForSelector('#tool-panel .tool-details', { timeout: 5_000 });
      if ((await options.textContent('#tool-panel'))?.includes(payload)) { found = true; break; }
    }
    expect(found, 'the payload is rendered in some tool\'s details').toBe(true);
    // what innerHTML would have made of the text the UI rendered
    const replaced = await options.evaluate((p) => {
      const walker = document.createTreeWalker(document.querySelector('#tool-panel')!, NodeFilter.SHOW_TEXT);
      const nodes: Text[] = [];
      for (let n = walker.nextNode(); n; n = walker.nextNode()) if ((n as Text).data.includes(p)) nodes.push(n as Text);
      for (const node of nodes) {
        const span = document.createElement('span');
        span.innerHTML = node.data;
        node.replaceWith(span);
      }
      return nodes.length;
    }, payload);
    expect(replaced).toBeGreaterThan(0);
    await options.waitForTimeout(200);
    const log = await options.evaluate(() => (window as unknown as { __xssLog: string[] }).__xssLog);
    expect(log).toEqual(expect.arrayContaining(['element DETAILS[ontoggle]']));
    // the old check's pattern read "details" and one letter of [ontoggle]: it never matched
    expect(/^(details[ontoggle])$/i.test('DETAILS')).toBe(false);
  });

  it('the hook itself can fail: HTML injected on purpose is caught', async () => {
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
    await page.evaluate(() => { document.body.insertAdjacentHTML('beforeend', '<img src=x onerror="__xss(999)">'); });
    await page.waitForTimeout(200);
    const log = await page.evaluate(() => (window as unknown as { __xssLog: string[] }).__xssLog);
    expect(log).toEqual(expect.arrayContaining(['element IMG']));
  });
});
