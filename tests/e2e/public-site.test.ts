/**
 * The public site in real Chromium: `renderSite` over the demo register (serial 2, with serial 1
 * as its history) served over local HTTPS under the console's CSP, checked as parents and
 * teachers use it: axe in both languages, the filter with JavaScript and the full list without,
 * every internal link, the feed through Chromium's own XML parser, and a tool's page against the
 * extension's popup for the same tool on the same register.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { seriousViolations } from '../../harness/axe';
import { EXTENSION_ID, launchWithExtension, readBadge, removePolicy, waitFor, writePolicy, type ExtensionBrowser } from '../../harness/chromium';
import { datedDemoPayload, demoKey, demoPublicKey, signPayload } from '../../harness/demo-register';
import { REGISTER_URL, startLocalInternet, type LocalInternet } from '../../harness/server';
import { renderSite } from '../../site/render';
import { PUBLIC_SITE_CSP } from '../../console/http/public-site';
import type { RegisterPayload } from '../../lib/register/schema';

const SITE = 'https://www.obsdelinde.example/privacy/';
const TYPES: Record<string, string> = { html: 'text/html; charset=utf-8', css: 'text/css', js: 'text/javascript', xml: 'application/atom+xml' };

let internet: LocalInternet;
let browser: ExtensionBrowser;
let files: Map<string, string>;
let current: RegisterPayload;

async function open(path: string, javaScript = true): Promise<Page> {
  const page = await browser.context.newPage();
  if (!javaScript) await (await browser.context.newCDPSession(page)).send('Emulation.setScriptExecutionDisabled', { value: true });
  const response = await page.goto(SITE + path);
  expect(response?.status(), path).toBe(200);
  return page;
}

beforeAll(async () => {
  const previous = datedDemoPayload(1);
  current = datedDemoPayload(2);
  current.tools = current.tools.filter((t) => t.id !== 'padlet');
  files = renderSite({ payload: current, keyFingerprint: 'a'.repeat(64), languages: ['nl', 'en'], history: [previous], baseUrl: SITE });
  internet = await startLocalInternet(await signPayload(current, await demoKey()), undefined, {
    'www.obsdelinde.example': (req, res) => {
      const path = (req.url ?? '/').split('?')[0]!.replace(/^\/privacy\//, '');
      const file = files.get(path === '' || path.endsWith('/') ? `${path}index.html` : path);
      if (file === undefined) return void res.writeHead(404).end('not found');
      res.writeHead(200, { 'content-type': TYPES[path.split('.').pop() ?? 'html'] ?? TYPES.html!, 'content-security-policy': PUBLIC_SITE_CSP }).end(file);
    },
  });
  writePolicy({ registerUrl: REGISTER_URL, publicKeys: [demoPublicKey()], disableFirstRunPage: true });
  browser = await launchWithExtension({ port: internet.port });
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
  await options.waitForFunction(() => document.querySelector('#register-serial')?.textContent === '2', undefined, { timeout: 30_000 });
}, 90_000);

afterAll(async () => {
  removePolicy();
  await browser?.close();
  await internet?.close();
});

describe('the public site in real Chromium', () => {
  it.each(['', 'en/', 'tool/wordwall.html', 'en/tool/character-ai.html', 'changes.html', 'en/changes.html'])('%s: no serious or critical axe violation, landmarks and the language set', async (path) => {
    const page = await open(path);
    expect(await seriousViolations(page)).toEqual([]);
    expect(await page.getAttribute('html', 'lang')).toBe(path.startsWith('en/') ? 'en' : 'nl');
    expect(await page.locator('main#main').count()).toBe(1);
    expect(await page.locator('a.skip-link[href="#main"]').count()).toBe(1);
    await page.close();
  });

  it('search with JavaScript: the filter narrows the list by name and by site, and says when nothing matches', async () => {
    const page = await open('en/');
    await page.waitForSelector('#filter:not([hidden])');
    const visible = () => page.$$eval('li.tool', (items) => items.filter((li) => (li as HTMLElement).offsetParent !== null).map((li) => li.id));
    const all = await visible();
    expect(all.length).toBe(current.tools.length);
    await page.fill('#filter-input', 'wordw');
    await waitFor(visible, (ids) => ids.length === 1);
    expect(await visible()).toEqual(['tool-wordwall']);
    await page.fill('#filter-input', 'character.ai');
    await waitFor(visible, (ids) => ids.length === 1);
    expect(await visible()).toEqual(['tool-character-ai']);
    await page.fill('#filter-input', 'no such tool anywhere');
    await waitFor(visible, (ids) => ids.length === 0);
    expect(await page.isVisible('#filter-none')).toBe(true);
    await page.close();
  });

  it('search without JavaScript: every tool with its sites is on the one page (find-in-page works), the filter box stays hidden', async () => {
    const page = await open('en/', false);
    expect(await page.isVisible('#filter')).toBe(false);
    expect(await page.isVisible('.search-hint')).toBe(true);
    const text = await page.textContent('main');
    for (const tool of current.tools) {
      expect(text, tool.id).toContain(tool.name);
      expect(text, tool.id).toContain(tool.match[0]!.replace(/^=/, ''));
    }
    // control: with JavaScript the same page shows the filter
    const withJs = await open('en/');
    await withJs.waitForSelector('#filter:not([hidden])');
    await Promise.all([page.close(), withJs.close()]);
  });

  it('every internal link resolves, from every page', async () => {
    const seen = new Set<string>();
    const queue = ['', 'en/'];
    const page = await browser.context.newPage();
    while (queue.length) {
      const path = queue.shift()!;
      if (seen.has(path)) continue;
      seen.add(path);
      const response = await page.goto(SITE + path);
      expect(response?.status(), path).toBe(200);
      if (!path.endsWith('.html') && !path.endsWith('/') && path !== '') continue;
      const links = await page.$$eval('a[href]', (anchors) => anchors.map((a) => (a as HTMLAnchorElement).href));
      for (const link of links) {
        if (!link.startsWith(SITE)) {
          expect(link, `${path} links out`).toMatch(/^(https:|mailto:)/);
          continue;
        }
        const target = link.slice(SITE.length).split('#')[0]!;
        if (!seen.has(target)) queue.push(target);
      }
    }
    expect(seen.size).toBeGreaterThan(current.tools.length * 2);
    await page.close();
  });

  it('the feed is well-formed Atom by Chromium\'s own XML parser, with the required elements', async () => {
    // the site's CSP allows no fetch from a page: load the feed as the browser does, then parse its text in a page
    const page = await open('en/feed.xml');
    const feedText = await (await page.goto(`${SITE}en/feed.xml`))!.text();
    await page.goto(`${SITE}en/`);
    const report = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'application/xml');
      const NS = 'http://www.w3.org/2005/Atom';
      const error = doc.getElementsByTagName('parsererror')[0]?.textContent ?? null;
      const feed = doc.documentElement;
      const child = (el: Element, name: string) => Array.from(el.children).filter((c) => c.namespaceURI === NS && c.localName === name);
      return {
        error,
        root: `${feed.namespaceURI} ${feed.localName}`,
        feed: ['id', 'title', 'updated', 'author'].map((n) => child(feed, n).length),
        entries: child(feed, 'entry').map((entry) => ['id', 'title', 'updated'].map((n) => child(entry, n).length).join('') + (child(entry, 'link').length > 0 || child(entry, 'content').length > 0 ? 'L' : '-')),
      };
    }, feedText);
    expect(report.error).toBeNull();
    expect(report.root).toBe('http://www.w3.org/2005/Atom feed');
    expect(report.feed).toEqual([1, 1, 1, 1]);
    expect(report.entries.length).toBeGreaterThan(0);
    for (const entry of report.entries) expect(entry).toBe('111L');
    // control: the same parser reports a broken feed
    const broken = await page.evaluate(() => new DOMParser().parseFromString('<feed xmlns="http://www.w3.org/2005/Atom"><title>a & b</title></feed>', 'application/xml').getElementsByTagName('parsererror').length);
    expect(broken).toBeGreaterThan(0);
    await page.close();
  });

  it('a tool\'s page shows the same facts as the extension\'s popup for that tool', async () => {
    const toolPage = await open('en/tool/wordwall.html');
    const facts = (page: Page) => page.$$eval('section.sheet li, #outside-eea, section.sheet summary, .conditions li', (nodes) => nodes.map((n) => (n.textContent ?? '').replace(/\s+/g, ' ').trim()).filter(Boolean));
    const onSite = await facts(toolPage);
    const tab = await browser.context.newPage();
    await tab.goto('https://wordwall.net/nl/create');
    const badge = await waitFor(async () => readBadge(await browser.worker(), 'https://wordwall.net/'), (b) => b?.text === '✓');
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${EXTENSION_ID}/popup.html?tab=${badge!.tabId}`);
    await popup.waitForSelector('section.sheet');
    const inPopup = await facts(popup);
    expect(onSite.length).toBeGreaterThan(10);
    expect(onSite).toEqual(inPopup);
    await Promise.all([toolPage.close(), tab.close(), popup.close()]);
  });

  it('the site loads nothing from elsewhere and sets no cookie', async () => {
    const page = await browser.context.newPage();
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    await page.goto(`${SITE}en/tool/wordwall.html`);
    await page.waitForLoadState('networkidle');
    expect(requested.filter((url) => !url.startsWith(SITE))).toEqual([]);
    expect(await browser.context.cookies(SITE)).toEqual([]);
    await page.close();
  });
});
