/**
 * A policy change while Chromium runs (a new register URL) takes effect without a restart:
 * Chromium reloads its policy files, storage.onChanged fires for the managed area, and the
 * extension syncs the new register and re-badges open tabs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXTENSION_ID, launchWithExtension, readBadge, removePolicy, waitFor, writePolicy, type ExtensionBrowser } from '../../harness/chromium';
import { datedDemoPayload, signPayload } from '../../harness/demo-register';
import { REGISTER_URL, startLocalInternet, type LocalInternet } from '../../harness/server';
import { makeKey, type TestKey } from '../helpers/registers';

const SECOND_HOST = 'register.ander-bestuur.example';
let key: TestKey;
let internet: LocalInternet;
let browser: ExtensionBrowser;

beforeAll(async () => {
  key = await makeKey();
  internet = await startLocalInternet(await signPayload(datedDemoPayload(8), key));
  const other = datedDemoPayload(2);
  other.publisher.name = 'Ander Bestuur';
  other.tools.find((t) => t.id === 'tiktok')!.status = 'unvetted';
  internet.publish(await signPayload(other, key), SECOND_HOST);
  writePolicy({ registerUrl: REGISTER_URL, publicKeys: [key.publicBase64], disableFirstRunPage: true });
  browser = await launchWithExtension({ port: internet.port });
});

afterAll(async () => {
  removePolicy();
  await browser?.close();
  await internet?.close();
});

describe('policy change while the browser runs', () => {
  it('a new register URL applies without a restart and open tabs follow', async () => {
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
    await options.waitForFunction(() => document.querySelector('#register-serial')?.textContent === '8', undefined, { timeout: 30_000 });
    const tab = await browser.context.newPage();
    await tab.goto('https://www.tiktok.com/');
    expect((await waitFor(async () => readBadge(await browser.worker(), 'https://www.tiktok.com/'), (b) => b?.text === '✕'))?.text).toBe('✕');

    writePolicy({ registerUrl: `https://${SECOND_HOST}/register.json`, publicKeys: [key.publicBase64], disableFirstRunPage: true });
    // what an admin does to apply a new policy at once (Chromium also reloads on its own, later)
    const policyPage = await browser.context.newPage();
    await policyPage.goto('chrome://policy');
    await policyPage.click('#reload-policies');

    await options.waitForFunction(() => document.querySelector('#register-serial')?.textContent === '2', undefined, { timeout: 30_000 });
    expect(await options.inputValue('#register-url')).toBe(`https://${SECOND_HOST}/register.json`);
    const badge = await waitFor(async () => readBadge(await browser.worker(), 'https://www.tiktok.com/'), (b) => b?.text === '!');
    expect(badge?.title).toContain('TikTok: not vetted');
  });
});
