/**
 * Sign-in screens in real Chromium: stand-ins at accounts.google.com, login.microsoftonline.com
 * and an Entree-like SAML IdP (host-resolver rules, like every e2e test), opened as a normal tab
 * and as a popup window from a tool's page. The badge, its title, the popup's text and the system
 * notification name the tool asking and its verdict, for approved, unvetted and rejected tools.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { EXTENSION_ID, launchWithExtension, readBadge, removePolicy, waitFor, writePolicy, type ExtensionBrowser } from '../../harness/chromium';
import { datedDemoPayload, demoKey, demoPublicKey, signPayload } from '../../harness/demo-register';
import { REGISTER_URL, startLocalInternet, type LocalInternet } from '../../harness/server';
import { googleConsentUrl, googleNestedUrl, microsoftConsentUrl, samlRedirectUrl, signInHosts, toolPageWithSignInPopup } from '../../harness/sign-in-screens';

const CANVA = '100000000001-canvademo.apps.googleusercontent.com';
const GIMKIT = '100000000002-gimkitdemo.apps.googleusercontent.com';
const SCOPES = ['openid', 'email', 'https://www.googleapis.com/auth/drive', 'https://www.googleapis.com/auth/classroom.rosters.readonly'];
const GREEN = [26, 127, 55, 255];
const RED = [198, 40, 40, 255];
const popupSignIn = googleConsentUrl(GIMKIT, 'https://www.gimkit.com/auth/google/callback', SCOPES);

let internet: LocalInternet;
let browser: ExtensionBrowser;

/** What the background has notified, by id, with title and message (recorded in the worker). */
async function notifications(): Promise<Record<string, { title: string; message: string }>> {
  return (await browser.worker()).evaluate(() => (globalThis as unknown as { __notes?: Record<string, { title: string; message: string }> }).__notes ?? {});
}

async function openTab(url: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(url);
  return page;
}

async function badgeFor(url: string, text: string) {
  return waitFor(async () => readBadge(await browser.worker(), url), (b) => b?.text === text, 20_000);
}

beforeAll(async () => {
  internet = await startLocalInternet(await signPayload(datedDemoPayload(3), await demoKey()), undefined, {
    ...signInHosts(),
    'www.gimkit.com': toolPageWithSignInPopup('Gimkit', popupSignIn),
  });
  writePolicy({ registerUrl: REGISTER_URL, publicKeys: [demoPublicKey()], disableFirstRunPage: true });
  browser = await launchWithExtension({ port: internet.port });
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
  await options.waitForFunction(() => document.querySelector('#register-serial')?.textContent === '3', undefined, { timeout: 30_000 });
  // record what reaches the notification API, passing every call on to it
  await (await browser.worker()).evaluate(() => {
    const api = chrome.notifications;
    const create = api.create.bind(api) as unknown as (id: string, options: { title: string; message: string }) => Promise<string>;
    const notes: Record<string, { title: string; message: string }> = {};
    (globalThis as unknown as { __notes: typeof notes }).__notes = notes;
    (api as unknown as { create: typeof create }).create = (id, options) => {
      notes[id] = { title: options.title, message: options.message };
      return create(id, options);
    };
  });
}, 90_000);

afterAll(async () => {
  removePolicy();
  await browser?.close();
  await internet?.close();
});

describe('sign-in screens in real Chromium', () => {
  it('Google, approved tool named by its client id: ✓ in green, the title names the tool, no notification', async () => {
    const url = googleConsentUrl(CANVA, 'https://www.canva.com/oauth/callback', ['openid', 'email']);
    await openTab(url);
    const badge = await badgeFor(url, '✓');
    expect(badge).toMatchObject({ text: '✓', color: GREEN, title: 'Canva for Education wants to sign in with your school Google account: Approved' });
    expect(Object.keys(await notifications())).not.toContain(`bijsluiter-signin-${badge!.tabId}`);
  });

  it('Google\'s nested screen, unvetted tool: ! in red, a notification, and the popup says what it asks for in words', async () => {
    const url = googleNestedUrl(GIMKIT, 'https://www.gimkit.com/auth/google/callback', SCOPES);
    await openTab(url);
    const badge = await badgeFor(url, '!');
    expect(badge).toMatchObject({ color: RED, title: 'Gimkit wants to sign in with your school Google account: Not vetted' });
    const note = await waitFor(notifications, (n) => Boolean(n[`bijsluiter-signin-${badge!.tabId}`]));
    expect(note[`bijsluiter-signin-${badge!.tabId}`]).toEqual({ title: 'Gimkit: Not vetted', message: 'Gimkit wants to sign in with your school Google account. Not vetted, no agreement: do not allow.' });
    // the platform really holds it (not only our record)
    const shown = await (await browser.worker()).evaluate(() => chrome.notifications.getAll());
    expect(Object.keys(shown)).toContain(`bijsluiter-signin-${badge!.tabId}`);

    const popup = await browser.context.newPage();
    await popup.setViewportSize({ width: 320, height: 600 });
    await popup.goto(`chrome-extension://${EXTENSION_ID}/popup.html?tab=${badge!.tabId}`);
    await popup.waitForSelector('#sign-in');
    expect(await popup.textContent('#sign-in h2')).toBe('Gimkit wants to sign in with your school Google account');
    expect(await popup.textContent('#sign-in')).toContain('Not vetted, no agreement: do not allow.');
    expect(await popup.$$eval('#sign-in li', (items) => items.map((li) => li.textContent))).toEqual([
      'confirm who you are', 'your e-mail address', 'see, edit and delete all your Google Drive files (sensitive)', "see your class rosters (pupils' names) (sensitive)",
    ]);
    // the request form is for the tool asking, with its site, never the screen's own address
    await popup.click('#request-open');
    expect(await popup.inputValue('#rf-toolName')).toBe('Gimkit');
    expect(await popup.textContent('#request-slot')).toContain('https://www.gimkit.com');
    expect(await popup.textContent('#request-slot')).not.toContain('accounts.google.com');
  });

  it('Microsoft, a client claimed by nobody, returning to a rejected tool\'s site: ✕ and a notification', async () => {
    const url = microsoftConsentUrl('11111111-2222-4333-8444-555555555555', 'https://character.ai/login/callback', ['User.Read', 'offline_access']);
    await openTab(url);
    const badge = await badgeFor(url, '✕');
    expect(badge).toMatchObject({ color: RED, title: 'Character.AI wants to sign in with your school Microsoft account: Rejected' });
    const note = await waitFor(notifications, (n) => Boolean(n[`bijsluiter-signin-${badge!.tabId}`]));
    expect(note[`bijsluiter-signin-${badge!.tabId}`]?.title).toBe('Character.AI: Rejected');
  });

  it('an Entree-like SAML IdP: the AuthnRequest\'s issuer names the approved tool', async () => {
    const url = samlRedirectUrl('https://www.lessonup.com/saml/demo-metadata', 'https://www.lessonup.com/saml/acs');
    await openTab(url);
    const badge = await badgeFor(url, '✓');
    expect(badge?.title).toBe('LessonUp wants to sign in with your school Entree account: Approved');
  });

  it('a popup window without a toolbar, opened from the tool\'s page: its tab gets the verdict and the notification', async () => {
    const tool = await openTab('https://www.gimkit.com/');
    const [signIn] = await Promise.all([browser.context.waitForEvent('page'), tool.click('#sign-in')]);
    await signIn.waitForLoadState();
    expect(signIn.url()).toBe(popupSignIn);
    const badge = await badgeFor(popupSignIn, '!');
    expect(badge?.title).toBe('Gimkit wants to sign in with your school Google account: Not vetted');
    const windowType = await (await browser.worker()).evaluate(async (tabId) => (await chrome.windows.get((await chrome.tabs.get(tabId)).windowId)).type, badge!.tabId);
    expect(windowType).toBe('popup');
    const note = await waitFor(notifications, (n) => Boolean(n[`bijsluiter-signin-${badge!.tabId}`]));
    expect(note[`bijsluiter-signin-${badge!.tabId}`]?.title).toBe('Gimkit: Not vetted');
  });

  it('control: the tool\'s own page is an ordinary page (its own verdict, no sign-in wording)', async () => {
    const badge = await badgeFor('https://www.gimkit.com/', '!');
    expect(badge?.title).toBe('Gimkit: not vetted, no agreement. Do not enter pupils\' data.');
  });
});
