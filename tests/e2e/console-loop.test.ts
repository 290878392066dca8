/**
 * The whole loop in real Chromium against a real console (embedded database): the extension is
 * pointed at the console by policy; a teacher asks for Gimkit from the popup; the FG logs in to
 * the console in the same browser, finds the request, approves it with a tool record, publishes;
 * the extension picks up the new register, Gimkit's badge turns ✓, and My requests shows the
 * FG's decision and note. The console's pages are checked with axe on the way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { EXTENSION_ID, readBadge, removePolicy, waitFor, writePolicy, launchWithExtension, type ExtensionBrowser } from '../../harness/chromium';
import { seriousViolations } from '../../harness/axe';
import { submitRequestForm } from '../../harness/request-form';
import { openPopupFor } from '../../harness/session';
import { RECEIVER_HOST, startLocalInternet, type LocalInternet } from '../../harness/server';
import { CONSOLE_URL as CONSOLE, DEMO_FG as FG, DEMO_SLUG, fgApprove, fgLogin, fgPublish, startDemoConsole } from '../../harness/console';
import type { RunningConsole } from '../../console/start';
import { listRequests } from '../../console/store/requests';

let fgConsole: RunningConsole;
let internet: LocalInternet;
let browser: ExtensionBrowser;
let boardId: number;
const BASE = `${CONSOLE}/b/${DEMO_SLUG}/fg`;

beforeAll(async () => {
  // the FG moved over from the CLI: the demo source is the board's tools, published as serial 1
  const demo = await startDemoConsole();
  fgConsole = demo.console;
  boardId = demo.board.id;
  internet = await startLocalInternet('', undefined, { [RECEIVER_HOST]: fgConsole.handle });
  // the policy values `console init` prints, as the IT admin deploys them
  writePolicy({ ...demo.policy, schoolName: 'OBS De Linde', disableFirstRunPage: true });
  browser = await launchWithExtension({ port: internet.port });
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
  await options.waitForFunction(() => document.querySelector('#register-serial')?.textContent === '1', undefined, { timeout: 30_000 });
  await options.close();
});

afterAll(async () => {
  removePolicy();
  await browser?.close();
  await internet?.close();
  await fgConsole?.close();
});

async function expectAxeClean(page: Page): Promise<void> {
  expect(await seriousViolations(page)).toEqual([]);
}

describe('request → inbox → decision → publish → badge', () => {
  let requestId: string;
  let fg: Page;

  it('the teacher asks for Gimkit from the popup; the request lands in the board\'s inbox with the token checked', async () => {
    const popup = await openPopupFor(browser, 'https://www.gimkit.com/');
    expect(await popup.textContent('.verdict-words')).toBe('Not vetted');
    await submitRequestForm(popup, { name: 'M. de Boer', email: 'm.deboer@school.example', purpose: 'Oefenen met woordenschat', subject: 'Engels', groups: 'groep 7 en 8', studentCount: 52, studentAge: '10-12', personalData: ['voornaam', 'scores'], message: 'Graag voor de kerstvakantie' });
    const stored = await waitFor(() => listRequests(fgConsole.ctx.db, boardId), (rows) => rows.length === 1, 30_000);
    expect(stored).toHaveLength(1);
    requestId = stored[0]!.requestId;
    expect(stored[0]).toMatchObject({ toolName: 'Gimkit', toolHost: 'www.gimkit.com', status: 'received' });
    // the contract's code, not the words of the teacher's (English) browser
    expect(stored[0]!.body).toMatchObject({ use: { personalData: ['voornaam', 'scores'] } });
    await popup.waitForSelector('.my-requests li[data-state="delivered"]');
  });

  it('the FG logs in, finds the request in the inbox with everything the teacher sent (axe-clean)', async () => {
    fg = await browser.context.newPage();
    await fg.goto(`${BASE}/`);
    expect(fg.url()).toBe(`${BASE}/login`);
    await expectAxeClean(fg);
    await fgLogin(fg, BASE, FG);
    expect(await fg.textContent(`tr[data-request="${requestId}"]`)).toContain('Gimkit');
    await expectAxeClean(fg);
    await fg.click(`tr[data-request="${requestId}"] a`);
    await fg.waitForURL(`${BASE}/requests/${requestId}`);
    const facts = await fg.textContent('dl.facts');
    expect(facts).toContain('M. de Boer <m.deboer@school.example>');
    expect(facts).toContain('Oefenen met woordenschat');
    expect(facts).toContain('Graag voor de kerstvakantie');
    // the codes as the FG reads them, in the console's language (Dutch here)
    expect(facts).toContain('Leerlinggegevens die erin gaanvoornaam, antwoorden en scores');
    expect(await fg.textContent('#register ~ p')).toContain('Gimkit');
    await expectAxeClean(fg);
    // control: the same check fires on an unlabelled field in this page
    await fg.evaluate(() => document.querySelector('main')!.append(Object.assign(document.createElement('input'), { type: 'text' })));
    expect((await seriousViolations(fg)).map((v) => v.id)).toContain('label');
    await fg.reload();
  });

  it('the FG approves it with a tool record; a missing agreement date is refused first with the reason', async () => {
    await fg.check('#decision-approved');
    await fg.fill('#note', 'Goedgekeurd: leerlingen spelen met een bijnaam.');
    await fg.check('#withTool');
    await fg.click('form[action$="/decision"] button[type=submit]');
    expect(await fg.textContent('.problems.errors')).toContain('agreement');
    expect(await listRequestStatus()).toBe('received');
    await fgApprove(fg, BASE, requestId, { note: 'Goedgekeurd: leerlingen spelen met een bijnaam.', signedOn: '2026-11-30', validUntil: '2028-11-30', conditions: 'Leerlingen spelen met een bijnaam' });
    // the interface follows the FG account's language (Dutch by default), not the browser's
    expect(await fg.textContent('.flash-ok')).toContain('Besluit opgeslagen');
    expect(await listRequestStatus()).toBe('approved');
  });

  it('publish shows the change for teachers and signs serial 2 (axe-clean)', async () => {
    await fg.goto(`${BASE}/publish`);
    expect(await fg.textContent('.diff')).toContain('Gimkit');
    await expectAxeClean(fg);
    expect(await fgPublish(fg, BASE)).toBe(2);
    expect(await fg.textContent('.flash-ok')).toContain('Volgnummer 2 gepubliceerd');
  });

  it('the extension takes the new register: Gimkit\'s badge turns ✓ and My requests shows the decision and note', async () => {
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
    await options.click('#sync-now');
    await options.waitForFunction(() => document.querySelector('#register-serial')?.textContent === '2', undefined, { timeout: 30_000 });
    const page = await browser.context.newPage();
    await page.goto('https://www.gimkit.com/');
    const badge = await waitFor(async () => readBadge(await browser.worker(), 'https://www.gimkit.com/'), (b) => b?.text === '✓', 20_000);
    expect(badge?.text).toBe('✓');
    expect(badge?.title).toContain('Gimkit: approved');
    const popup = await openPopupFor(browser, 'https://www.gimkit.com/');
    expect(await popup.textContent('.verdict-words')).toBe('Approved');
    await popup.waitForFunction(() => document.querySelector('.my-requests .fg-status')?.textContent?.includes('Goedgekeurd: leerlingen spelen met een bijnaam.'), undefined, { timeout: 15_000 });
    expect(await popup.textContent('.my-requests .fg-status')).toMatch(/approved/i);
  });
});

async function listRequestStatus(): Promise<string | undefined> {
  return (await listRequests(fgConsole.ctx.db, boardId))[0]?.status;
}
