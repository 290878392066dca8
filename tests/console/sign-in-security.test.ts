/**
 * Signing in, as the FG's security review asks, on both databases: the lockout an outsider
 * could trigger (attack 2), the second factor (enrolment, the code step, replay, recovery codes,
 * limits, a board that requires it), the fresh confirmation before publishing and new API
 * tokens, and the audit log's gaps (attack 5): failures, locks, logouts, API reads and exports
 * folded, paging and filters.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../console/context';
import { base32Decode, totpAt, TOTP_PERIOD_S } from '../../console/lib/totp';
import { audit } from '../../console/store/audit';
import { findBoard } from '../../console/store/boards';
import { setMfaRequired } from '../../console/store/sso';
import { DB_KINDS, fgApi, startTestConsole, type TestConsole } from '../helpers/console';
import { FgClient } from '../helpers/fg-web';

const from = (address: string) => ({ 'x-forwarded-for': address });

/** Enrols the second factor through the settings pages; returns the secret and the recovery codes. */
async function enrol(fg: FgClient): Promise<{ secret: Uint8Array; codes: string[] }> {
  const started = await fg.post('settings/second-factor/start', { _csrf: await fg.csrf('settings/second-factor') });
  expect(started.status).toBe(200);
  const uri = /href="(otpauth:\/\/totp\/[^"]+)"/.exec(started.html)?.[1];
  expect(uri, 'the otpauth URI is on the page').toBeTruthy();
  const secret = base32Decode(new URL(uri!.replace(/&amp;/g, '&')).searchParams.get('secret')!);
  expect(started.html).toContain('autocomplete="one-time-code"');
  return { secret, codes: [] };
}

describe.each(DB_KINDS)('signing in on %s', (kind) => {
  let c: TestConsole;
  let now = new Date('2026-12-01T10:00:00Z');
  const advance = (ms: number) => {
    now = new Date(now.getTime() + ms);
  };
  beforeAll(async () => {
    c = await startTestConsole(kind, { now: () => now, settings: { trustProxy: true, limits: { ...DEFAULT_LIMITS, loginPerAccount: { max: 5, windowMs: 900_000 }, loginAccountDelay: { after: 8, baseMs: 300, maxMs: 600, windowMs: 900_000 } } } });
  });
  afterAll(() => c?.stop());

  describe('attack 2: an outsider cannot lock the FG out', () => {
    it('six wrong passwords from one address lock that address only: the FG gets in from its own (control: the attacker\'s address is locked, even with the right password)', async () => {
      const board = await c.addBoard('lock');
      const attacker = () => new FgClient(c.url, 'lock', from('203.0.113.9'));
      const statuses = [];
      for (let i = 0; i < 6; i++) statuses.push((await attacker().login(board.fgEmail, `guess ${i}`)).status);
      expect(statuses).toEqual([400, 400, 400, 400, 400, 429]);
      expect((await attacker().login(board.fgEmail, c.password)).status).toBe(429); // control
      const fg = new FgClient(c.url, 'lock', from('198.51.100.7'));
      expect((await fg.login(board.fgEmail, c.password)).location).toBe('/b/lock/fg/');
      expect((await fg.get('')).status).toBe(200);
      // the lock and the failures are in the log, folded
      const audit = await (await fgApi(c.url, 'lock', board.apiToken, 'audit?action=login.')).json() as { entries: { action: string; subject: string; detail: { count?: number; scope?: string; address?: string } }[] };
      const locked = audit.entries.find((e) => e.action === 'login.locked');
      expect(locked).toMatchObject({ subject: board.fgEmail, detail: { scope: 'account-address', address: '203.0.113.9' } });
      expect(audit.entries.filter((e) => e.action === 'login.failed')).toHaveLength(1);
      expect(audit.entries.find((e) => e.action === 'login.failed')!.detail.count).toBe(5);
      // a failure from another address is a line of its own: folding never hides an address
      await new FgClient(c.url, 'lock', from('192.0.2.44')).login(board.fgEmail, 'typo');
      const again = await (await fgApi(c.url, 'lock', board.apiToken, 'audit?action=login.failed')).json() as { entries: { detail: { address?: string } }[] };
      expect(again.entries.map((e) => e.detail.address).sort()).toEqual(['192.0.2.44', '203.0.113.9']);
    });

    it('failures from many addresses slow the account down but never lock it (control: the first login is not slowed)', async () => {
      const board = await c.addBoard('spread');
      const timed = async (client: FgClient, password: string) => {
        const start = performance.now();
        const result = await client.login(board.fgEmail, password);
        return { status: result.status, ms: performance.now() - start };
      };
      const first = await timed(new FgClient(c.url, 'spread', from('192.0.2.200')), 'wrong');
      expect(first.status).toBe(400);
      for (let i = 0; i < 10; i++) expect((await new FgClient(c.url, 'spread', from(`203.0.113.${i + 20}`)).login(board.fgEmail, `guess ${i}`)).status).toBe(400);
      const fg = await timed(new FgClient(c.url, 'spread', from('198.51.100.8')), c.password);
      expect(fg.status).toBe(303);
      expect(fg.ms).toBeGreaterThanOrEqual(600); // past `after` failures the wait has reached maxMs
      expect(first.ms).toBeLessThan(fg.ms - 300);
    });

    it('the address limit is counted first: many accounts from one address lock the address, not the accounts', async () => {
      const board = await c.addBoard('flood');
      const flood = () => new FgClient(c.url, 'flood', from('203.0.113.77'));
      let limited = 0;
      for (let i = 0; i < DEFAULT_LIMITS.loginPerAddress.max + 2; i++) if ((await flood().login(`nobody${i}@flood.example`, 'x')).status === 429) limited += 1;
      expect(limited).toBe(2);
      expect((await flood().login(board.fgEmail, c.password)).status).toBe(429);
      expect((await new FgClient(c.url, 'flood', from('198.51.100.9')).login(board.fgEmail, c.password)).status).toBe(303);
    });
  });

  describe('the second factor', () => {
    it('enrols with a current code, shows ten recovery codes once; then no page opens without the code', async () => {
      const board = await c.addBoard('totp');
      const fg = new FgClient(c.url, 'totp', from('198.51.100.20'));
      await fg.login(board.fgEmail, c.password);
      const { secret } = await enrol(fg);
      const csrf = await fg.csrf('settings/second-factor');
      const wrong = await fg.post('settings/second-factor/confirm', { _csrf: csrf, code: totpAt(secret, new Date(now.getTime() - 5 * 60_000)) });
      expect(wrong.status).toBe(400);
      const done = await fg.post('settings/second-factor/confirm', { _csrf: csrf, code: totpAt(secret, now) });
      expect(done.status).toBe(200);
      const codes = [...done.html.matchAll(/<li><code>([a-z2-7]{5}-[a-z2-7]{5})<\/code><\/li>/g)].map((m) => m[1]!);
      expect(codes).toHaveLength(10);
      expect((await fg.get('settings/second-factor')).html).not.toContain(codes[0]!);
      await fg.post('logout', { _csrf: await fg.csrf() });

      // the password alone opens nothing
      const next = new FgClient(c.url, 'totp', from('198.51.100.20'));
      const password = await next.login(board.fgEmail, c.password);
      expect(password.location).toBe('/b/totp/fg/login/code');
      expect((await next.get('')).location).toBe('/b/totp/fg/login');
      expect((await fgApi(c.url, 'totp', 'bjt_nothing', 'requests')).status).toBe(401);
      const form = await next.get('login/code');
      expect(form.html).toMatch(/<input[^>]*name="code"[^>]*autocomplete="one-time-code"|<input[^>]*autocomplete="one-time-code"[^>]*name="code"/);
      const csrfLogin = /name="_csrf" value="([^"]+)"/.exec(form.html)![1]!;
      expect((await next.post('login/code', { _csrf: csrfLogin, code: '000000' })).status).toBe(400);
      advance(TOTP_PERIOD_S * 1000);
      const code = totpAt(secret, now);
      const ok = await next.post('login/code', { _csrf: csrfLogin, code });
      expect(ok.location).toBe('/b/totp/fg/');
      expect((await next.get('')).status).toBe(200);

      // replay: the same code in a new login is refused; the next one works
      const replay = new FgClient(c.url, 'totp', from('198.51.100.21'));
      await replay.login(board.fgEmail, c.password);
      const replayCsrf = /name="_csrf" value="([^"]+)"/.exec((await replay.get('login/code')).html)![1]!;
      expect((await replay.post('login/code', { _csrf: replayCsrf, code })).status).toBe(400);
      advance(TOTP_PERIOD_S * 1000);
      expect((await replay.post('login/code', { _csrf: replayCsrf, code: totpAt(secret, now) })).location).toBe('/b/totp/fg/');

      // a recovery code works once
      const lost = new FgClient(c.url, 'totp', from('198.51.100.22'));
      await lost.login(board.fgEmail, c.password);
      const lostCsrf = /name="_csrf" value="([^"]+)"/.exec((await lost.get('login/code')).html)![1]!;
      expect((await lost.post('login/code', { _csrf: lostCsrf, code: codes[3]!.toUpperCase() })).location).toBe('/b/totp/fg/');
      const again = new FgClient(c.url, 'totp', from('198.51.100.23'));
      await again.login(board.fgEmail, c.password);
      const againCsrf = /name="_csrf" value="([^"]+)"/.exec((await again.get('login/code')).html)![1]!;
      expect((await again.post('login/code', { _csrf: againCsrf, code: codes[3]! })).status).toBe(400);
      const audit = await (await fgApi(c.url, 'totp', board.apiToken, 'audit')).json() as { entries: { action: string }[] };
      expect(audit.entries.map((e) => e.action)).toEqual(expect.arrayContaining(['mfa.enrol', 'mfa.recovery-used', 'code.failed', 'logout', 'login']));
    });

    it('wrong codes count in the login limits: after five, that address is locked for the password too (control: another address is not)', async () => {
      const board = await c.addBoard('codes');
      const fg = new FgClient(c.url, 'codes', from('198.51.100.30'));
      await fg.login(board.fgEmail, c.password);
      const { secret } = await enrol(fg);
      await fg.post('settings/second-factor/confirm', { _csrf: await fg.csrf('settings/second-factor'), code: totpAt(secret, now) });
      const thief = new FgClient(c.url, 'codes', from('203.0.113.50'));
      expect((await thief.login(board.fgEmail, c.password)).location).toBe('/b/codes/fg/login/code');
      const csrf = /name="_csrf" value="([^"]+)"/.exec((await thief.get('login/code')).html)![1]!;
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await thief.post('login/code', { _csrf: csrf, code: String(100000 + i) })).status);
      expect(statuses).toEqual([400, 400, 400, 400, 403]); // the fifth ends the login step
      expect((await thief.login(board.fgEmail, c.password)).status).toBe(429);
      advance(TOTP_PERIOD_S * 1000);
      const owner = new FgClient(c.url, 'codes', from('198.51.100.31'));
      expect((await owner.login(board.fgEmail, c.password)).location).toBe('/b/codes/fg/login/code');
    });

    it('wrong codes spread over many addresses lock the account\'s code step after ten (control: before that, the right code from a new address gets in)', async () => {
      const board = await c.addBoard('spreadcodes');
      const fg = new FgClient(c.url, 'spreadcodes', from('198.51.100.70'));
      await fg.login(board.fgEmail, c.password);
      const { secret } = await enrol(fg);
      await fg.post('settings/second-factor/confirm', { _csrf: await fg.csrf('settings/second-factor'), code: totpAt(secret, now) });
      const codeStep = async (address: string) => {
        const thief = new FgClient(c.url, 'spreadcodes', from(address));
        await thief.login(board.fgEmail, c.password);
        const csrf = /name="_csrf" value="([^"]+)"/.exec((await thief.get('login/code')).html)![1]!;
        return (code: string) => thief.post('login/code', { _csrf: csrf, code });
      };
      // control: nine wrong codes from nine /64s, then the right one from a tenth gets in
      for (let i = 0; i < 9; i++) expect((await (await codeStep(`2001:db8:${i + 1}::1`))('000000')).status).toBe(400);
      advance(TOTP_PERIOD_S * 1000);
      expect((await (await codeStep('2001:db8:99::1'))(totpAt(secret, now))).location).toBe('/b/spreadcodes/fg/');
      // one more wrong makes ten (the success gave its own back), and the next /64 is refused even with the right code
      for (let i = 0; i < 1; i++) expect((await (await codeStep(`2001:db8:${i + 20}::1`))('000000')).status).toBe(400);
      advance(TOTP_PERIOD_S * 1000);
      expect((await (await codeStep('2001:db8:77::1'))(totpAt(secret, now))).status).toBe(429);
      const audit = await (await fgApi(c.url, 'spreadcodes', board.apiToken, 'audit?action=login.locked')).json() as { entries: { detail: { scope: string } }[] };
      expect(audit.entries.map((e) => e.detail.scope)).toContain('account-codes');
    });

    it('an operator\'s reset ends the account\'s sessions; on a board that requires a factor, the next login enrols again', async () => {
      const board = await c.addBoard('reset');
      const fg = new FgClient(c.url, 'reset', from('198.51.100.80'));
      await fg.login(board.fgEmail, c.password);
      const { secret } = await enrol(fg);
      await fg.post('settings/second-factor/confirm', { _csrf: await fg.csrf('settings/second-factor'), code: totpAt(secret, now) });
      const row = await findBoard(c.ctx.db, 'reset');
      await setMfaRequired(c.ctx.db, row!, true, 'test');
      expect((await fg.get('')).status).toBe(200);
      const { resetSecondFactor } = await import('../../console/store/second-factor');
      const { findUserByEmail } = await import('../../console/store/accounts');
      await resetSecondFactor(c.ctx, c.ctx.db, (await findUserByEmail(c.ctx.db, row!.id, board.fgEmail))!, 'test');
      expect((await fg.get('')).location).toBe('/b/reset/fg/login');
      const again = new FgClient(c.url, 'reset', from('198.51.100.80'));
      expect((await again.login(board.fgEmail, c.password)).location).toBe('/b/reset/fg/');
      expect((await again.get('')).location).toBe('/b/reset/fg/settings/second-factor');
    });

    it('replacing a working factor asks for a fresh confirmation first (control: within 15 minutes it does not)', async () => {
      const board = await c.addBoard('replace');
      const fg = new FgClient(c.url, 'replace', from('198.51.100.85'));
      await fg.login(board.fgEmail, c.password);
      const { secret } = await enrol(fg);
      const csrf = await fg.csrf('settings/second-factor');
      await fg.post('settings/second-factor/confirm', { _csrf: csrf, code: totpAt(secret, now) });
      expect((await fg.post('settings/second-factor/start', { _csrf: csrf })).status).toBe(200); // control: fresh
      advance(16 * 60_000);
      expect((await fg.post('settings/second-factor/confirm', { _csrf: csrf, code: '123456' })).location).toBe('/b/replace/fg/confirm?next=settings%2Fsecond-factor');
      expect((await fg.post('settings/second-factor/start', { _csrf: csrf })).location).toBe('/b/replace/fg/confirm?next=settings%2Fsecond-factor');
    });

    it('a board that requires it: a password account without a second factor must enrol before anything else (control: after enrolling, the inbox opens)', async () => {
      const board = await c.addBoard('strict');
      const row = await findBoard(c.ctx.db, 'strict');
      await setMfaRequired(c.ctx.db, row!, true, 'test');
      const fg = new FgClient(c.url, 'strict', from('198.51.100.40'));
      await fg.login(board.fgEmail, c.password);
      expect((await fg.get('')).location).toBe('/b/strict/fg/settings/second-factor');
      expect((await fg.get('tools')).location).toBe('/b/strict/fg/settings/second-factor');
      const page = await fg.get('settings/second-factor');
      expect(page.status).toBe(200);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.html)![1]!;
      expect((await fg.post('publish', { _csrf: csrf })).status).toBe(403);
      const { secret } = await enrol(fg);
      await fg.post('settings/second-factor/confirm', { _csrf: csrf, code: totpAt(secret, now) });
      expect((await fg.get('')).status).toBe(200);
    });
  });

  describe('a fresh factor before publishing and new API tokens', () => {
    it('after 15 minutes publishing asks for the code first and publishes nothing until then', async () => {
      const board = await c.addBoard('fresh');
      const fg = new FgClient(c.url, 'fresh', from('198.51.100.50'));
      await fg.login(board.fgEmail, c.password);
      const { secret } = await enrol(fg);
      await fg.post('settings/second-factor/confirm', { _csrf: await fg.csrf('settings/second-factor'), code: totpAt(secret, now) });
      advance(16 * 60_000);
      const csrf = await fg.csrf('publish');
      const asked = await fg.post('publish', { _csrf: csrf });
      expect(asked.location).toBe('/b/fresh/fg/confirm?next=publish');
      expect((await fgApi(c.url, 'fresh', board.apiToken, 'publish')).status).toBe(200);
      const preview = await (await fgApi(c.url, 'fresh', board.apiToken, 'publish')).json() as { serial: number };
      const confirm = await fg.get('confirm?next=publish');
      expect(confirm.html).toContain('autocomplete="one-time-code"');
      const confirmed = await fg.post('confirm', { _csrf: csrf, next: 'publish', code: totpAt(secret, now) });
      expect(confirmed.location).toBe('/b/fresh/fg/publish');
      const published = await fg.post('publish', { _csrf: csrf });
      expect(published.location).toBe(`/b/fresh/fg/publish?published=${preview.serial}`);
      // new API tokens too; an account without a second factor confirms with its password
      const plain = await c.addBoard('fresh-pw');
      const other = new FgClient(c.url, 'fresh-pw', from('198.51.100.51'));
      await other.login(plain.fgEmail, c.password);
      advance(16 * 60_000);
      const otherCsrf = await other.csrf('settings');
      expect((await other.post('settings/tokens', { _csrf: otherCsrf, label: 'script' })).location).toBe('/b/fresh-pw/fg/confirm?next=settings');
      expect((await other.post('confirm', { _csrf: otherCsrf, next: 'settings', password: 'wrong' })).status).toBe(400);
      expect((await other.post('confirm', { _csrf: otherCsrf, next: 'https://evil.example/', password: c.password })).location).toBe('/b/fresh-pw/fg/');
      const made = await other.post('settings/tokens', { _csrf: otherCsrf, label: 'script' });
      expect(made.status).toBe(200);
      expect(made.html).toMatch(/bjt_[A-Za-z0-9_-]{43}/);
    });
  });

  describe('attack 5: the audit log has no gaps and a publish stays in view', () => {
    it('failed API tokens, API reads, logouts and 200 exports are logged; the exports fold into one line; filters and pages', async () => {
      const board = await c.addBoard('log');
      const fg = new FgClient(c.url, 'log', from('198.51.100.60'));
      await fg.login(board.fgEmail, c.password);
      expect((await fgApi(c.url, 'log', board.apiToken, 'publish', { method: 'POST' })).status).toBe(200);
      for (let i = 0; i < 200; i++) await fgApi(c.url, 'log', board.apiToken, 'export.csv');
      await fgApi(c.url, 'log', board.apiToken, 'requests');
      await fgApi(c.url, 'log', 'bjt_forged', 'requests');
      const page = await fg.get('audit');
      expect(page.html).toContain('register.publish');
      expect(page.html).toMatch(/200 (times|keer)/);
      const api = async (query: string) => (await (await fgApi(c.url, 'log', board.apiToken, `audit${query}`)).json()) as { entries: { action: string; detail: { count?: number } }[]; hasMore: boolean; page: number };
      const all = await api('');
      expect(all.entries.filter((e) => e.action === 'export.csv')).toHaveLength(1);
      expect(all.entries.find((e) => e.action === 'export.csv')!.detail.count).toBe(200);
      expect(all.entries.map((e) => e.action)).toEqual(expect.arrayContaining(['api.read', 'api.auth-failed', 'register.publish', 'login']));
      expect((await api('?action=register.publish')).entries.map((e) => e.action)).toEqual(['register.publish']);
      expect((await api('?from=2099-01-01')).entries).toEqual([]);
      expect((await fgApi(c.url, 'log', board.apiToken, 'audit?from=gisteren')).status).toBe(400);
      // paging: more than a page of distinct entries
      const boardId = (await findBoard(c.ctx.db, 'log'))!.id;
      for (let i = 0; i < 105; i++) await audit(c.ctx.db, boardId, board.fgEmail, 'tool.update', `t${i}`, {}, new Date(Date.now() + 60_000 + i));
      const first = await api('');
      expect(first.hasMore).toBe(true);
      const second = await api('?page=2');
      expect(second.page).toBe(2);
      expect(second.entries.map((e) => e.action)).toContain('register.publish');
      const older = await fg.get('audit?page=2');
      expect(older.html).toContain('register.publish');
      expect(older.html).toContain('rel="prev"');
      await fg.post('logout', { _csrf: await fg.csrf() });
      expect((await api('?action=logout')).entries).toHaveLength(1);
    });
  });
});
