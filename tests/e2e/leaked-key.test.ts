/**
 * A leaked signing key, end to end in real Chromium with policy (issue 14, item 1): while both
 * keys are in policy, the attacker's register at serial 2^53−1 (TikTok approved) is taken and the
 * FG's recovery register at serial 13 is refused as a rollback (the control); once IT removes the
 * leaked key by policy, the held register is dropped and the new key's serial 13 is taken, and
 * the badges follow.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { EXTENSION_ID, launchWithExtension, readBadge, removePolicy, waitFor, writePolicy, type ExtensionBrowser } from '../../harness/chromium';
import { datedDemoPayload, signPayload } from '../../harness/demo-register';
import { REGISTER_URL, startLocalInternet, type LocalInternet } from '../../harness/server';
import { makeKey, type TestKey } from '../helpers/registers';

let leaked: TestKey;
let fresh: TestKey;
let internet: LocalInternet;
let browser: ExtensionBrowser;
let options: Page;

const serialShown = (serial: string) => options.waitForFunction((s) => document.querySelector('#register-serial')?.textContent === s, serial, { timeout: 30_000 });
const tiktok = async () => readBadge(await browser.worker(), 'https://www.tiktok.com/');
const policy = (keys: TestKey[]) => writePolicy({ registerUrl: REGISTER_URL, publicKeys: keys.map((k) => k.publicBase64), disableFirstRunPage: true });

beforeAll(async () => {
  leaked = await makeKey();
  fresh = await makeKey();
  internet = await startLocalInternet(await signPayload(datedDemoPayload(5), leaked));
  policy([leaked, fresh]); // during a rotation both keys are in policy, as the guide advises
  browser = await launchWithExtension({ port: internet.port });
  options = await browser.context.newPage();
  await options.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
  await serialShown('5');
  const tab = await browser.context.newPage();
  await tab.goto('https://www.tiktok.com/');
  expect((await waitFor(tiktok, (b) => b?.text === '✕'))?.text).toBe('✕');
});

afterAll(async () => {
  removePolicy();
  await browser?.close();
  await internet?.close();
});

describe('a leaked signing key', () => {
  it('while it is trusted, its max-serial register is taken and the FG\'s recovery is refused as a rollback', async () => {
    const attack = datedDemoPayload(Number.MAX_SAFE_INTEGER);
    attack.tools.find((t) => t.id === 'tiktok')!.status = 'approved';
    attack.tools.find((t) => t.id === 'tiktok')!.agreement = { type: 'other', signedOn: '2026-01-01' };
    internet.publish(await signPayload(attack, leaked));
    await options.click('#sync-now');
    await serialShown(String(Number.MAX_SAFE_INTEGER));
    expect((await waitFor(tiktok, (b) => b?.text === '✓'))?.text).toBe('✓');

    internet.publish(await signPayload(datedDemoPayload(13), fresh));
    await options.click('#sync-now');
    await options.waitForFunction(() => /older register|ouder register/.test(document.querySelector('#last-error')?.textContent ?? ''), undefined, { timeout: 30_000 });
    expect(await options.textContent('#register-serial')).toBe(String(Number.MAX_SAFE_INTEGER));
  });

  it('once IT removes the key by policy, the new key\'s serial 13 is taken and the badges follow', async () => {
    policy([fresh]);
    const policyPage = await browser.context.newPage();
    await policyPage.goto('chrome://policy');
    await policyPage.click('#reload-policies');
    await serialShown('13');
    const badge = await waitFor(tiktok, (b) => b?.text === '✕');
    expect(badge?.text).toBe('✕');
    expect(badge?.title).toContain('TikTok: rejected');
  });
});
