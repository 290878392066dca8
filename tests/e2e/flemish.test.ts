/**
 * A Flemish board in real Chromium: its register's sheets follow the Intentieverklaring, and the
 * popup says every purpose in that agreement's words (a = pupil administration), names the
 * framework and calls the officer what the register says; the Dutch demo's popup is unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoKey, demoPayload, demoPublicKey, signPayload } from '../../harness/demo-register';
import { openOptionsAtSerial, openPopupFor, startPolicySession, type PolicySession } from '../../harness/session';
import { REGISTER_URL } from '../../harness/server';

let session: PolicySession;
const popupFor = (url: string): Promise<Page> => openPopupFor(session.browser, url);
const purposes = (popup: Page) => popup.$$eval('#sheet-c li', (items) => items.map((li) => (li.textContent ?? '').trim()));

beforeAll(async () => {
  const flemish = demoPayload(4, new Date(Date.now() - 60_000), 'demo/source-flemish');
  session = await startPolicySession(await signPayload(flemish, await demoKey()), { registerUrl: REGISTER_URL, publicKeys: [demoPublicKey()] });
  // Smartschool is in the bundled catalogue too: wait for the register, or the popup shows the catalogue's entry
  await (await openOptionsAtSerial(session.browser, 4)).close();
}, 90_000);

afterAll(async () => session?.close());

describe('a Flemish board', () => {
  it('Smartschool\'s purposes in the Intentieverklaring\'s words, the framework named, the officer called DPO', async () => {
    const popup = await popupFor('https://www.smartschool.be/');
    await popup.evaluate(() => document.getElementById('sheet-c')?.setAttribute('open', ''));
    const words = (await purposes(popup)).join(' | ').toLowerCase();
    expect(words).toContain('pupil administration');
    expect(words).not.toContain('storing learning and test results');
    expect((await popup.textContent('#sheet-c'))!).toMatch(/Intentieverklaring/);
    expect(await popup.textContent('body')).toContain('DPO');
  });

  it('control: the same popup on the Dutch demo register still says the Convenant\'s words', async () => {
    const dutch = demoPayload(5, new Date(Date.now() - 60_000));
    session.internet.publish(await signPayload(dutch, await demoKey()));
    const options = await session.browser.context.newPage();
    await options.goto(`chrome-extension://${(await session.browser.worker()).url().split('/')[2]}/options.html`);
    await options.click('#sync-now');
    await options.waitForFunction(() => document.querySelector('#register-serial')?.textContent === '5', undefined, { timeout: 30_000 });
    const tool = dutch.tools.find((t) => t.bijsluiter?.purposes?.includes('a'))!;
    const host = tool.match[0]!.replace(/^=/, '').split('/')[0]!;
    const popup = await popupFor(`https://${host}/`);
    await popup.evaluate(() => document.getElementById('sheet-c')?.setAttribute('open', ''));
    const words = (await purposes(popup)).join(' | ').toLowerCase();
    expect(words).toContain('storing learning and test results');
    expect(words).not.toContain('pupil administration');
    expect(await popup.textContent('body')).not.toContain('DPO');
  });
});
