/**
 * Single sign-on against a real OpenID Provider (panva's oidc-provider) run in the test on
 * 127.0.0.1: the happy path to the inbox, and every refusal the spec names (unknown e-mail,
 * email_verified false, wrong state, a replayed callback, an ID token for another client or from
 * another issuer, an expired one), each with the reason in the audit log and no account made.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rows } from '../../console/db/open';
import { findBoard } from '../../console/store/boards';
import { setBoardSso } from '../../console/store/sso';
import { loginAtProvider, providerKeys, startOidcProvider, type RunningProvider } from '../../harness/oidc-provider';
import { DB_KINDS, fgApi, startTestConsole, type TestConsole } from '../helpers/console';
import { FgClient } from '../helpers/fg-web';

const SECRET = 'a client secret the provider and the console share';

describe.each(DB_KINDS)('single sign-on on %s', (kind) => {
  let c: TestConsole;
  let op: RunningProvider;
  let otherOp: RunningProvider;
  let shortOp: RunningProvider;
  let now = new Date();
  const redirect = () => `${c.url}/b/linde/fg/sso/callback`;

  beforeAll(async () => {
    c = await startTestConsole(kind, { now: () => now });
    const jwks = await providerKeys();
    const accounts = [{ email: c.fgEmail }, { email: 'stranger@linde.example' }, { email: 'unverified@linde.example', emailVerified: false }, { login: 'imposter', email: c.fgEmail, sub: 'someone-else' }];
    const clients = [{ clientId: 'bijsluiter', clientSecret: SECRET, redirectUris: [redirect(), `${c.url}/b/short/fg/sso/callback`] }, { clientId: 'other-app', clientSecret: 'other', redirectUris: ['http://127.0.0.1:9/cb'] }];
    op = await startOidcProvider({ clients, accounts: [...accounts, { email: 'fg@short.example' }], jwks });
    otherOp = await startOidcProvider({ clients, accounts, jwks }); // same keys, another issuer
    shortOp = await startOidcProvider({ clients, accounts: [{ email: 'fg@short.example' }], idTokenTtlSeconds: 60 });
    const board = await findBoard(c.ctx.db, 'linde');
    await setBoardSso(c.ctx.master, c.ctx.db, board!, { issuer: op.issuer, clientId: 'bijsluiter', clientSecret: SECRET, name: 'Testschool' }, 'test');
    await c.addBoard('short');
    await setBoardSso(c.ctx.master, c.ctx.db, (await findBoard(c.ctx.db, 'short'))!, { issuer: shortOp.issuer, clientId: 'bijsluiter', clientSecret: SECRET, name: 'Kort' }, 'test');
  });
  afterAll(async () => {
    await c?.stop();
    await op?.close();
    await otherOp?.close();
    await shortOp?.close();
  });

  /** Starts at the console's /sso, logs in at the provider as `email`, and returns the callback the browser is sent to. */
  async function throughProvider(fg: FgClient, email: string, slug = 'linde'): Promise<string> {
    const start = await fg.get('sso');
    expect(start.status).toBe(303);
    expect(start.location).toContain('code_challenge_method=S256');
    expect(start.location).toMatch(/[?&]nonce=/);
    return loginAtProvider(start.location!, email, `${c.url}/b/${slug}/fg/sso/callback`);
  }
  const callback = (fg: FgClient, url: string) => fg.get(url.slice(`${c.url}/b/${fg.slug}/fg/`.length));
  const refusals = async () => {
    const [last] = rows<{ subject: string; detail: { reason?: string } }>(await c.ctx.db.execute(sql`SELECT subject, detail FROM audit_log WHERE action = 'login.refused' ORDER BY id DESC LIMIT 1`));
    return last ? `${last.subject}: ${last.detail.reason ?? ''}` : '';
  };
  const accounts = async () => Number(rows<{ n: number }>(await c.ctx.db.execute(sql`SELECT count(*)::int AS n FROM users`))[0]!.n);

  it('the login page offers "Inloggen met Testschool"; the FG logs in through the provider and reaches the inbox', async () => {
    const fg = new FgClient(c.url, 'linde', { 'accept-language': 'nl-NL' });
    const login = await fg.get('login');
    expect(login.html).toContain('href="/b/linde/fg/sso"');
    expect(login.html).toContain('Inloggen met Testschool');
    const back = await throughProvider(fg, c.fgEmail);
    const done = await callback(fg, back);
    expect(done.status).toBe(200);
    expect(done.html).toContain('http-equiv="refresh" content="0;url=/b/linde/fg/"');
    const inbox = await fg.get('');
    expect(inbox.status).toBe(200);
    expect(inbox.html).toContain(c.fgEmail);
    const audit = await (await fgApi(c.url, 'linde', c.apiToken, 'audit?action=login')).json() as { entries: { detail: { method: string } }[] };
    expect(audit.entries[0]!.detail.method).toBe('sso');

    // the same callback again (a replayed code and state) is refused
    const replay = new FgClient(c.url, 'linde');
    replay.cookies = new Map(fg.cookies);
    replay.cookies.delete('bijsluiter_session');
    const again = await callback(replay, back);
    expect(again.status).toBe(400);
    expect(replay.cookies.has('bijsluiter_session')).toBe(false);
    expect(await refusals()).toMatch(/state/);
  });

  it('an e-mail address with no account on the board is refused and no account is made', async () => {
    const before = await accounts();
    const fg = new FgClient(c.url, 'linde');
    const refused = await callback(fg, await throughProvider(fg, 'stranger@linde.example'));
    expect(refused.status).toBe(403);
    expect(refused.html).toContain('stranger@linde.example');
    expect(fg.cookies.has('bijsluiter_session')).toBe(false);
    expect((await fg.get('')).location).toBe('/b/linde/fg/login');
    expect(await accounts()).toBe(before);
    expect(await refusals()).toBe('no account: stranger@linde.example');
  });

  it('email_verified: false is refused', async () => {
    const fg = new FgClient(c.url, 'linde');
    const refused = await callback(fg, await throughProvider(fg, 'unverified@linde.example'));
    expect(refused.status).toBe(403);
    expect(await refusals()).toMatch(/not verified/);
    expect(fg.cookies.has('bijsluiter_session')).toBe(false);
  });

  it('a wrong state is refused; so is the right state in another browser (control: the same callback in the right browser works)', async () => {
    const fg = new FgClient(c.url, 'linde');
    const back = await throughProvider(fg, c.fgEmail);
    const forged = back.replace(/state=[^&]+/, 'state=forged');
    expect((await callback(fg, forged)).status).toBe(400);
    const stranger = new FgClient(c.url, 'linde');
    // without the browser's binding cookie the step is spent and refused
    const otherBrowser = await callback(stranger, back);
    expect(otherBrowser.status).toBe(400);
    expect(await refusals()).toMatch(/browser/);
    // control: a fresh round trip in one browser works
    const ok = new FgClient(c.url, 'linde');
    expect((await callback(ok, await throughProvider(ok, c.fgEmail))).status).toBe(200);
  });

  it('an ID token for another client (wrong audience) is refused', async () => {
    const other = await tokenFor(op, 'other-app', 'other', c.fgEmail);
    op.tamper = () => other;
    try {
      const fg = new FgClient(c.url, 'linde');
      const refused = await callback(fg, await throughProvider(fg, c.fgEmail));
      expect(refused.status).toBe(403);
      expect(await refusals()).toMatch(/aud/);
      expect(fg.cookies.has('bijsluiter_session')).toBe(false);
    } finally {
      op.tamper = null;
    }
  });

  it('an ID token from another issuer, signed with the same key, is refused', async () => {
    const foreign = await tokenFor(otherOp, 'bijsluiter', SECRET, c.fgEmail, redirect());
    op.tamper = () => foreign;
    try {
      const fg = new FgClient(c.url, 'linde');
      const refused = await callback(fg, await throughProvider(fg, c.fgEmail));
      expect(refused.status).toBe(403);
      expect(await refusals()).toMatch(/iss/);
    } finally {
      op.tamper = null;
    }
  });

  it('an expired ID token is refused, judged by the console\'s clock (control: the same provider logs in at once)', async () => {
    const fg = new FgClient(c.url, 'short');
    const back = await throughProvider(fg, 'fg@short.example', 'short');
    now = new Date(Date.now() + 5 * 60_000); // five minutes later the 60-second token has expired
    try {
      const refused = await callback(fg, back);
      expect(refused.status).toBe(403);
      expect(await refusals()).toMatch(/timestamp|exp/);
    } finally {
      now = new Date();
    }
    const ok = new FgClient(c.url, 'short');
    expect((await callback(ok, await throughProvider(ok, 'fg@short.example', 'short'))).status).toBe(200);
  });

  it('another person at the provider claiming the FG\'s address is refused once the account is linked (control: after --unlink the next one links)', async () => {
    const fg = new FgClient(c.url, 'linde');
    expect((await callback(fg, await throughProvider(fg, c.fgEmail))).status).toBe(200);
    const imposter = new FgClient(c.url, 'linde');
    const refused = await callback(imposter, await throughProvider(imposter, 'imposter'));
    expect(refused.status).toBe(403);
    expect(imposter.cookies.has('bijsluiter_session')).toBe(false);
    expect(await refusals()).toMatch(/^another person: /);
    const { unlinkSsoSubject } = await import('../../console/store/sso');
    expect(await unlinkSsoSubject(c.ctx.db, (await findBoard(c.ctx.db, 'linde'))!.id, c.fgEmail, 'test')).toBe(true);
    const after = new FgClient(c.url, 'linde');
    expect((await callback(after, await throughProvider(after, 'imposter'))).status).toBe(200);
    await unlinkSsoSubject(c.ctx.db, (await findBoard(c.ctx.db, 'linde'))!.id, c.fgEmail, 'test');
    const back = new FgClient(c.url, 'linde');
    expect((await callback(back, await throughProvider(back, c.fgEmail))).status).toBe(200);
  });

  it('a confirmation through single sign-on asks the provider for a new login (prompt=login, max_age)', async () => {
    const fg = new FgClient(c.url, 'linde');
    await callback(fg, await throughProvider(fg, c.fgEmail));
    const start = await fg.get('sso?next=publish&confirm=1');
    expect(start.location).toMatch(/[?&]prompt=login/);
    expect(start.location).toMatch(/[?&]max_age=300/);
    const back = await loginAtProvider(start.location!, c.fgEmail, `${c.url}/b/linde/fg/sso/callback`);
    const done = await callback(fg, back);
    expect(done.status).toBe(200);
    expect(done.html).toContain('url=/b/linde/fg/publish');
  });

  it('the settings never send the saved client secret to a new issuer (control: the same issuer keeps it)', async () => {
    const fg = new FgClient(c.url, 'linde');
    await callback(fg, await throughProvider(fg, c.fgEmail));
    const csrf = await fg.csrf('settings');
    const moved = await fg.post('settings/sso', { _csrf: csrf, issuer: 'https://attacker.example', clientId: 'bijsluiter', clientSecret: '', name: 'Testschool' });
    expect(moved.status).toBe(400);
    expect(moved.html).toContain('client secret');
    const { boardSso } = await import('../../console/store/sso');
    expect(boardSso(c.ctx, (await findBoard(c.ctx.db, 'linde'))!)!.issuer).toBe(op.issuer);
    c.ctx.settings.allowPrivateWebhooks = true; // the test provider is on loopback, which the form refuses otherwise
    const kept = await fg.post('settings/sso', { _csrf: csrf, issuer: op.issuer, clientId: 'bijsluiter', clientSecret: '', name: 'Testschool' }).finally(() => { c.ctx.settings.allowPrivateWebhooks = false; });
    expect(kept.location).toBe('/b/linde/fg/settings?done=sso');
    expect(boardSso(c.ctx, (await findBoard(c.ctx.db, 'linde'))!)!.clientSecret).toBe(SECRET);
  });

  it('a flood of single sign-on starts from one address is refused (control: another address still starts)', async () => {
    const flood = new FgClient(c.url, 'linde', { 'x-forwarded-for': '203.0.113.99' });
    c.ctx.settings.trustProxy = true;
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 102; i++) statuses.push((await flood.get('sso')).status);
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(2);
      expect((await new FgClient(c.url, 'linde', { 'x-forwarded-for': '198.51.100.99' }).get('sso')).status).toBe(303);
    } finally {
      c.ctx.settings.trustProxy = false;
    }
  });

  it('passwords can be turned off only after signing in with single sign-on; then the password form is gone and refused', async () => {
    const pw = new FgClient(c.url, 'linde');
    await pw.login(c.fgEmail, c.password);
    const refused = await pw.post('settings/password-login', { _csrf: await pw.csrf('settings'), passwordLogin: 'off' });
    expect(refused.status).toBe(400);
    const fg = new FgClient(c.url, 'linde');
    await callback(fg, await throughProvider(fg, c.fgEmail));
    expect((await fg.post('settings/password-login', { _csrf: await fg.csrf('settings'), passwordLogin: 'off' })).location).toBe('/b/linde/fg/settings?done=settings');
    expect((await pw.get('')).location).toBe('/b/linde/fg/login'); // the password session was ended
    const page = await new FgClient(c.url, 'linde').get('login');
    expect(page.html).not.toContain('name="password"');
    expect((await new FgClient(c.url, 'linde').login(c.fgEmail, c.password).catch(() => ({ status: 0 }))).status).not.toBe(303);
    await fg.post('settings/password-login', { _csrf: await fg.csrf('settings'), passwordLogin: 'on' });
    expect((await new FgClient(c.url, 'linde').login(c.fgEmail, c.password)).status).toBe(303);
  });
});

/** A real ID token from `provider` for `clientId` (a whole code flow at the provider), to put where it does not belong. */
async function tokenFor(provider: RunningProvider, clientId: string, secret: string, email: string, redirectUri = 'http://127.0.0.1:9/cb'): Promise<string> {
  const { randomPKCECodeVerifier, calculatePKCECodeChallenge } = await import('openid-client');
  const verifier = randomPKCECodeVerifier();
  const auth = new URL(`${provider.issuer}/auth`);
  auth.search = new URLSearchParams({ client_id: clientId, redirect_uri: redirectUri, response_type: 'code', scope: 'openid email', state: 's', nonce: 'n', code_challenge: await calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256' }).toString();
  const back = await loginAtProvider(auth.href, email, redirectUri);
  const code = new URL(back).searchParams.get('code')!;
  const token = await fetch(`${provider.issuer}/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: clientId, client_secret: secret, code_verifier: verifier }) });
  const body = (await token.json()) as { id_token?: string };
  if (!body.id_token) throw new Error(`no id_token: ${JSON.stringify(body)}`);
  return body.id_token;
}
