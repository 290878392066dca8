/**
 * Signing in to the console in real Chromium: single sign-on through a real OpenID Provider
 * (oidc-provider) on another site (localhost, while the console is 127.0.0.1), so the provider's
 * redirect back is a cross-site navigation that a SameSite=Strict cookie does not join; the login
 * still reaches the inbox. A password account with a second factor sees nothing without its
 * code. The new pages are axe-clean in both languages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startConsole, type RunningConsole } from '../../console/start';
import { addUser, findUserByEmail } from '../../console/store/accounts';
import { createBoard } from '../../console/store/boards';
import { confirmEnrolment, startEnrolment } from '../../console/store/second-factor';
import { setBoardSso } from '../../console/store/sso';
import { totpAt } from '../../console/lib/totp';
import { seriousViolations } from '../../harness/axe';
import { CHROMIUM_PATH } from '../../harness/chromium';
import { startOidcProvider, type RunningProvider } from '../../harness/oidc-provider';

const SECRET = 'the console and the provider share this';
const PASSWORD = 'correct horse battery staple';
let fgConsole: RunningConsole;
let op: RunningProvider;
let browser: Browser;
let secret: Uint8Array;
let base: string;

beforeAll(async () => {
  fgConsole = await startConsole({ port: 0, jobs: false, log: () => undefined, env: { BIJSLUITER_SECRET: Buffer.alloc(32, 7).toString('base64') }, dataDir: mkdtempSync(join(tmpdir(), 'bijsluiter-sso-')) });
  base = `${fgConsole.url}/b/linde/fg`;
  const created = await createBoard(fgConsole.ctx.db, fgConsole.ctx.master, { slug: 'linde', name: 'Stichting De Linde', fgEmail: 'fg@linde.example', fgName: 'A. Jansen', password: PASSWORD });
  op = await startOidcProvider({ host: 'localhost', clients: [{ clientId: 'bijsluiter', clientSecret: SECRET, redirectUris: [`${base}/sso/callback`] }], accounts: [{ email: 'fg@linde.example' }, { email: 'stranger@linde.example' }] });
  await setBoardSso(fgConsole.ctx.master, fgConsole.ctx.db, created!.board, { issuer: op.issuer, clientId: 'bijsluiter', clientSecret: SECRET, name: 'Testschool' }, 'test');
  // a second FG who logs in with a password and a second factor
  const second = await addUser(fgConsole.ctx.db, created!.board.id, { email: 'tweede@linde.example', role: 'fg', password: PASSWORD }, 'test');
  secret = await startEnrolment(fgConsole.ctx, second!);
  await confirmEnrolment(fgConsole.ctx, (await findUserByEmail(fgConsole.ctx.db, created!.board.id, 'tweede@linde.example'))!, totpAt(secret, new Date(Date.now() - 30_000)));
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'] });
});

afterAll(async () => {
  await browser?.close();
  await op?.close();
  await fgConsole?.close();
});

async function newPage(locale: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale });
  return { context, page: await context.newPage() };
}

describe('signing in to the console in real Chromium', () => {
  it('the FG logs in with "Inloggen met Testschool" at a provider on another site and lands in the inbox', async () => {
    const { context, page } = await newPage('nl-NL');
    await page.goto(`${base}/`);
    expect(page.url()).toBe(`${base}/login`);
    expect(await seriousViolations(page)).toEqual([]);
    await page.click('text=Inloggen met Testschool');
    await page.waitForURL(/^http:\/\/localhost:\d+\/interaction\//);
    await page.fill('#email', 'fg@linde.example');
    await page.click('button[type=submit]');
    await page.waitForURL(`${base}/`, { timeout: 15_000 });
    expect(await page.textContent('h1')).toBe('Aanvragen van leerkrachten');
    expect(await page.textContent('header')).toContain('fg@linde.example');
    // the session cookie is Strict all the same
    const session = (await context.cookies(base)).find((c) => c.name === 'bijsluiter_session');
    expect(session).toMatchObject({ sameSite: 'Strict', httpOnly: true });
    // control: the two sites really are cross-site for this browser: a navigation started on the
    // provider's site does not carry the Strict cookie and lands on the login page (which is why
    // the callback finishes the login with a same-site step)
    await page.goto(`${op.issuer}/no-such-page`);
    await page.evaluate((url) => { location.href = url; }, `${base}/`);
    await page.waitForURL(`${base}/login`);
    await page.goto(`${base}/`);
    expect(page.url()).toBe(`${base}/`);
    await context.close();
  });

  it('an e-mail address without an account is refused with a page that says so, and reaches nothing', async () => {
    const { context, page } = await newPage('en-GB');
    await page.goto(`${base}/login`);
    await page.click('text=Log in with Testschool');
    await page.fill('#email', 'stranger@linde.example');
    await page.click('button[type=submit]');
    await page.waitForURL(/\/sso\/callback/);
    expect(await page.textContent('main')).toContain('stranger@linde.example has no account');
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(`${base}/`);
    expect(page.url()).toBe(`${base}/login`);
    await context.close();
  });

  it('a password account with a second factor reaches nothing without the code; with it, the inbox', async () => {
    const { context, page } = await newPage('nl-NL');
    await page.goto(`${base}/login`);
    await page.fill('#email', 'tweede@linde.example');
    await page.fill('#password', PASSWORD);
    await page.click('form[action$="/login"] button[type=submit]');
    await page.waitForURL(`${base}/login/code`);
    expect(await page.getAttribute('input[name=code]', 'autocomplete')).toBe('one-time-code');
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(`${base}/tools`);
    expect(page.url()).toBe(`${base}/login`);
    await page.goto(`${base}/login/code`);
    await page.fill('#code', totpAt(secret, new Date()));
    await page.click('button[type=submit]');
    await page.waitForURL(`${base}/`);
    await page.goto(`${base}/settings`);
    expect(await page.textContent('main')).toContain('Herstelcodes over: 10');
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});
