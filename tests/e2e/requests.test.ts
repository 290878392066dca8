/**
 * Vetting requests end to end in real Chromium against the reference receiver: one request
 * arrives once with the contract's fields and the verdict turns pending; a 400 shows the
 * receiver's message; with the receiver down, three requests survive a browser restart and
 * arrive exactly once when it is back.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { EXTENSION_ID, launchWithExtension, readBadge, removePolicy, waitFor, writePolicy, type ExtensionBrowser } from '../../harness/chromium';
import { datedDemoPayload, signPayload } from '../../harness/demo-register';
import { startFaultyReceiver, type FaultyReceiver } from '../../harness/faulty-receiver';
import { submitRequestForm } from '../../harness/request-form';
import { openPopupFor } from '../../harness/session';
import { REGISTER_URL, startLocalInternet, type LocalInternet } from '../../harness/server';
import { makeKey } from '../helpers/registers';

let internet: LocalInternet;
// the reference receiver wrapped in the harness's fault injection (for the 400)
let receiver: FaultyReceiver;
let browser: ExtensionBrowser;
let port: number;
const profileDir = mkdtempSync(join(tmpdir(), 'bijsluiter-requests-'));
const TEACHER = { name: 'M. de Boer', email: 'm.deboer@school.example' };

const popupFor = (url: string): Promise<Page> => openPopupFor(browser, url);

async function launch(): Promise<void> {
  browser = await launchWithExtension({ port: internet.port, userDataDir: profileDir });
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
  await options.waitForFunction(() => document.querySelector('#register-serial')?.textContent === '4', undefined, { timeout: 30_000 });
  await options.close();
}

beforeAll(async () => {
  const key = await makeKey();
  internet = await startLocalInternet(await signPayload(datedDemoPayload(4), key));
  receiver = await startFaultyReceiver();
  port = Number(new URL(receiver.url).port);
  writePolicy({ registerUrl: REGISTER_URL, publicKeys: [key.publicBase64], requestEndpoint: receiver.endpoint, schoolName: 'OBS De Linde', disableFirstRunPage: true });
  await launch();
});

afterAll(async () => {
  removePolicy();
  await browser?.close();
  await receiver?.close();
  await internet?.close();
  rmSync(profileDir, { recursive: true, force: true });
});

describe('vetting requests', () => {
  it('a request from the popup arrives once with the contract fields; the verdict turns pending', async () => {
    const popup = await popupFor('https://www.gimkit.com/join?code=1234');
    await submitRequestForm(popup, { ...TEACHER, purpose: 'Oefenen met woordenschat', subject: 'Engels', groups: 'groep 7 en 8', studentCount: 52, studentAge: '10-12', personalData: ['voornaam', 'scores'], neededBy: '2026-12-15' });
    expect(await popup.textContent('#request-outcome')).toContain('will be delivered to the FG');
    const [stored] = (await waitFor(async () => receiver.requests(), (r) => r.length === 1)) ;
    expect(receiver.posts).toHaveLength(1);
    expect(stored!.request).toMatchObject({
      tool: { name: 'Gimkit', url: 'https://www.gimkit.com/', host: 'www.gimkit.com', registerId: 'gimkit' },
      requester: { name: 'M. de Boer', email: 'm.deboer@school.example', school: 'OBS De Linde' },
      use: { purpose: 'Oefenen met woordenschat', subject: 'Engels', groups: 'groep 7 en 8', studentCount: 52, studentAge: '10-12', personalData: ['voornaam', 'scores'], neededBy: '2026-12-15' },
      client: { browser: 'chrome', registerSerial: 4 },
    });
    const badge = await waitFor(async () => readBadge(await browser.worker(), 'https://www.gimkit.com/'), (b) => b?.text === '…');
    expect(badge?.title).toContain('Gimkit: being vetted');
    await popup.waitForSelector('.my-requests li[data-state="delivered"]');

    receiver.setStatus(stored!.request.id, 'in-review', 'Wij kijken ernaar');
    const again = await popupFor('https://www.gimkit.com/');
    expect(await again.textContent('.verdict-words')).toBe('Being vetted');
    expect(await again.textContent('.advice')).toContain('You asked the FG to vet this tool on');
    await again.waitForFunction(() => document.querySelector('.my-requests .fg-status')?.textContent?.includes('being reviewed: Wij kijken ernaar'), undefined, { timeout: 10_000 });
    // no second request for the same tool: the popup points at the first one
    expect(await again.locator('#request-open').count()).toBe(0);
    expect(await again.textContent('#request-slot')).toContain('You already asked the FG about this tool on');
  });

  it('a 400 from the receiver shows its message, and the request is not retried', async () => {
    receiver.failNext(1, '400', 'Alleen aanvragen met een schoolmailadres');
    const fresh = await popupFor('https://prezi.com/');
    await fresh.click('#request-open');
    // the teacher's details were remembered from the first request
    expect(await fresh.inputValue('#rf-name')).toBe('M. de Boer');
    expect(await fresh.inputValue('#rf-school')).toBe('OBS De Linde');
    await submitRequestForm(fresh, { purpose: 'Presentaties maken' });
    await fresh.waitForSelector('.my-requests li[data-state="failed"]');
    expect(await fresh.textContent('.my-requests li[data-state="failed"] .request-error')).toContain('Alleen aanvragen met een schoolmailadres');
    expect(receiver.requests().map((r) => r.request.tool.name)).not.toContain('Prezi');
  });

  it('invalid input is refused with the fields to fix, before anything is sent', async () => {
    const popup = await popupFor('https://www.baamboozle.com/');
    const posts = receiver.posts.length;
    await submitRequestForm(popup, { email: 'not-an-address', purpose: '' });
    expect(await popup.textContent('#request-errors')).toContain('a valid e-mail address, what you will use it for');
    expect(await popup.getAttribute('#rf-email', 'aria-invalid')).toBe('true');
    expect(receiver.posts.length).toBe(posts);
  });

  it('with the receiver down, three requests survive a browser restart and arrive exactly once', async () => {
    await receiver.close();
    for (const url of ['https://quizizz.com/', 'https://www.baamboozle.com/', 'https://www.example.org/']) {
      const popup = await popupFor(url);
      await submitRequestForm(popup, { ...TEACHER, purpose: `Gebruik van ${new URL(url).host}` });
      await popup.waitForSelector('.my-requests li[data-state="queued"] .request-error');
    }
    await browser.close();
    receiver = await startFaultyReceiver({ port });
    await launch();
    const arrived = await waitFor(async () => receiver.requests(), (r) => r.length === 3, 30_000);
    expect(arrived.map((r) => r.request.tool.host).sort()).toEqual(['quizizz.com', 'www.baamboozle.com', 'www.example.org']);
    expect(receiver.posts).toHaveLength(3);
    expect(new Set(receiver.posts.map((p) => p.id)).size).toBe(3);
    const badge = await waitFor(async () => {
      const page = await browser.context.newPage();
      await page.goto('https://www.example.org/');
      return readBadge(await browser.worker(), 'https://www.example.org/');
    }, (b) => b?.text === '…');
    expect(badge?.text).toBe('…');
  });
});
