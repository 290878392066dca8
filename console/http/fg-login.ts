/**
 * Logging in to the FG interface, before there is a session: the password form, the code step
 * of an account with a second factor, and single sign-on with the board's OpenID Provider.
 * Every step passes the login gate (store/login-gate.ts); every failure, refusal and lock is in
 * the audit log; no step says whether an address has an account.
 */
import type { Context, Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import type { ConsoleContext } from '../context';
import { beginSso, finishSso, providerConfig } from '../lib/oidc';
import { DUMMY_PASSWORD_HASH, hashToken, newToken, verifyPassword } from '../lib/secrets';
import { Semaphore } from '../lib/semaphore';
import { createSession, findUser, findUserByEmail, type Session, type User } from '../store/accounts';
import { audit } from '../store/audit';
import type { Board } from '../store/boards';
import { enterLoginGate } from '../store/login-gate';
import { dropLoginStep, findLoginStep, putLoginStep, takeLoginStep } from '../store/login-steps';
import { hasSecondFactor, takeSecondFactor } from '../store/second-factor';
import { boardSso, linkSsoSubject, ssoRedirectUri, ssoSubjectOf } from '../store/sso';
import { tellAccount } from '../store/second-factor';
import { hit } from '../store/limits';
import { pageContext, renderPage } from '../ui/layout';
import { CodePage, ContinuePage, LoginPage, SsoRefusedPage, type LoginOptions } from '../ui/login';
import { translate, type ConsoleKey, type Lang } from '../ui/messages';
import type { BoardEnv } from './board';
import { clientAddress } from './client-address';
import { field, readForm } from './forms';
import { clearSsoCookie, clearStepCookie, formAllowed, LOGIN_COOKIE, loginCsrf, setSessionCookie, setSsoCookie, setStepCookie, SSO_COOKIE, STEP_COOKIE } from './session';

/** Password hashes running at once (scrypt takes 32 MiB and ~0.1 s each); more wait, then are refused. */
export const passwordChecks = new Semaphore(4, 16);

const CODE_STEP_MS = 5 * 60_000;
const SSO_STEP_MS = 10 * 60_000;
/** Wrong codes on one code step before the login starts over (the gate limits them too). */
const CODE_STEP_TRIES = 5;

/** Pages a login may lead to afterwards: the inbox, or where a confirmation was asked. */
export const NEXT_PAGES = ['', 'publish', 'settings', 'settings/second-factor'] as const;
export function safeNext(text: string | undefined): string {
  return text && (NEXT_PAGES as readonly string[]).includes(text) ? text : '';
}

export function browserLang(c: Context): Lang {
  return /^nl\b/i.test(c.req.header('accept-language') ?? 'nl') ? 'nl' : 'en';
}

export function loginOptions(board: Board): LoginOptions {
  const sso = board.ssoIssuer && board.ssoClientId ? { name: board.ssoName || 'SSO' } : null;
  return { sso, passwordLogin: board.passwordLogin || !sso };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function mountFgLogin(app: Hono<BoardEnv>, ctx: ConsoleContext): void {
  const html = (c: Context, body: string, status: 200 | 400 | 403 | 404 | 429 | 502 = 200) => {
    c.header('cache-control', 'no-store');
    return c.html(body, status);
  };
  const loginPage = (c: Context<BoardEnv>, error: string | null, email: string, status: 200 | 400 | 403 | 429 = 200) => {
    const board = c.get('board');
    const lang = browserLang(c);
    return html(c, renderPage(lang, LoginPage({ page: pageContext(lang, board.name, board.slug, loginCsrf(c, ctx, board), null), error, email, options: loginOptions(board) })), status);
  };
  const refusedPage = (c: Context<BoardEnv>, key: ConsoleKey, status: 400 | 403 | 404 | 429 | 502, ...subs: string[]) => {
    const board = c.get('board');
    const lang = browserLang(c);
    return html(c, renderPage(lang, SsoRefusedPage({ page: pageContext(lang, board.name, board.slug, null, null), message: translate(lang, key, ...subs) })), status);
  };
  const limited = (c: Context<BoardEnv>, email: string, retryAfter: number) => {
    c.header('retry-after', String(retryAfter));
    return loginPage(c, translate(browserLang(c), 'loginLimited', Math.max(1, Math.ceil(retryAfter / 60))), email, 429);
  };
  /** The login is made: a session, its cookie, the audit line. */
  const startSession = async (c: Context<BoardEnv>, user: User, method: Session['method']) => {
    const board = c.get('board');
    const session = await createSession(ctx.db, user, ctx.now(), method);
    await audit(ctx.db, board.id, user.email, 'login', user.email, { method, address: clientAddress(c, ctx.settings.trustProxy) }, ctx.now());
    setSessionCookie(c, ctx, board, session.token);
  };

  app.get('/b/:slug/fg/login', (c) => loginPage(c, c.req.query('ended') ? translate(browserLang(c), 'sessionEnded') : null, ''));

  app.post('/b/:slug/fg/login', async (c) => {
    const board = c.get('board');
    const lang = browserLang(c);
    const form = await readForm(c);
    if (!form) return loginPage(c, translate(lang, 'formExpired'), '', 400);
    const email = field(form, 'email').trim().toLowerCase().slice(0, 254);
    const password = field(form, 'password').slice(0, 1024);
    if (!formAllowed(c, ctx, form, getCookie(c, LOGIN_COOKIE))) return loginPage(c, translate(lang, 'formExpired'), email, 403);
    const options = loginOptions(board);
    if (!options.passwordLogin) return loginPage(c, translate(lang, 'passwordLoginRefused', options.sso!.name), email, 403);
    const address = clientAddress(c, ctx.settings.trustProxy);
    const gate = await enterLoginGate(ctx, board.id, email, address, 'password');
    if (!gate.open) return limited(c, email, gate.retryAfter);
    if (gate.delayMs > 0) await sleep(gate.delayMs);
    const user = await findUserByEmail(ctx.db, board.id, email);
    // an unknown address costs the same hash as a wrong password: no telling which it was;
    // at most a few hashes run at once, so a flood of logins cannot starve the server
    const ok = await passwordChecks.run(() => verifyPassword(password, user?.passwordHash ?? DUMMY_PASSWORD_HASH));
    if (ok === 'busy') {
      // the server's fault, not the person's: the attempt does not count
      await gate.settle(true);
      return limited(c, email, 5);
    }
    if (!user || !ok) {
      await audit(ctx.db, board.id, email || '(empty)', 'login.failed', email, { address, account: Boolean(user) }, ctx.now());
      return loginPage(c, translate(lang, 'loginFailed'), email, 400);
    }
    await gate.settle(true);
    if (hasSecondFactor(user)) {
      // the password was right; the session waits for the code
      const step = newToken('step');
      await putLoginStep(ctx.db, step, { boardId: board.id, userId: user.id, kind: 'code', data: { tries: 0 }, expiresAt: new Date(ctx.now().getTime() + CODE_STEP_MS) });
      setStepCookie(c, ctx, board, step, CODE_STEP_MS / 1000);
      return c.redirect(`/b/${board.slug}/fg/login/code`, 303);
    }
    await startSession(c, user, 'password');
    return c.redirect(`/b/${board.slug}/fg/`, 303);
  });

  // ---- the second step: the code
  const codePage = (c: Context<BoardEnv>, error: string | null, status: 200 | 400 | 403 | 429 = 200) => {
    const board = c.get('board');
    const lang = browserLang(c);
    return html(c, renderPage(lang, CodePage({ page: pageContext(lang, board.name, board.slug, loginCsrf(c, ctx, board), null), error })), status);
  };
  app.get('/b/:slug/fg/login/code', async (c) => {
    const board = c.get('board');
    const token = getCookie(c, STEP_COOKIE);
    if (!token || !(await findLoginStep(ctx.db, token, board.id, 'code', ctx.now()))) return loginPage(c, translate(browserLang(c), 'codeStepExpired'), '', 403);
    return codePage(c, null);
  });
  app.post('/b/:slug/fg/login/code', async (c) => {
    const board = c.get('board');
    const lang = browserLang(c);
    const form = await readForm(c);
    if (!form || !formAllowed(c, ctx, form, getCookie(c, LOGIN_COOKIE))) return codePage(c, translate(lang, 'formExpired'), 403);
    const token = getCookie(c, STEP_COOKIE);
    const step = token ? await findLoginStep(ctx.db, token, board.id, 'code', ctx.now()) : null;
    const user = step?.userId ? await findUser(ctx.db, board.id, step.userId) : null;
    if (!token || !step || !user) return loginPage(c, translate(lang, 'codeStepExpired'), '', 403);
    // passwords turned off while this login was between its steps: it does not finish
    if (!loginOptions(board).passwordLogin) return loginPage(c, translate(lang, 'passwordLoginRefused', board.ssoName ?? 'SSO'), '', 403);
    const address = clientAddress(c, ctx.settings.trustProxy);
    const gate = await enterLoginGate(ctx, board.id, user.email, address, 'code');
    if (!gate.open) return limited(c, user.email, gate.retryAfter);
    if (gate.delayMs > 0) await sleep(gate.delayMs);
    const taken = await takeSecondFactor(ctx, user, field(form, 'code').slice(0, 32));
    if (!taken) {
      const tries = Number((step.data as { tries?: number }).tries ?? 0) + 1;
      await audit(ctx.db, board.id, user.email, 'code.failed', user.email, { address }, ctx.now());
      await dropLoginStep(ctx.db, token);
      if (tries >= CODE_STEP_TRIES) {
        clearStepCookie(c, board);
        return loginPage(c, translate(lang, 'codeStepExpired'), '', 403);
      }
      await putLoginStep(ctx.db, token, { boardId: board.id, userId: user.id, kind: 'code', data: { tries }, expiresAt: step.expiresAt });
      return codePage(c, translate(lang, 'codeFailed'), 400);
    }
    await gate.settle(true);
    await dropLoginStep(ctx.db, token);
    clearStepCookie(c, board);
    await startSession(c, user, 'totp');
    return c.redirect(`/b/${board.slug}/fg/`, 303);
  });

  // ---- single sign-on
  /** Single sign-on's steps from one address: a login is two; a flood (of steps, of forged callbacks) is refused. */
  const ssoLimited = async (c: Context<BoardEnv>): Promise<Response | null> => {
    const limit = await hit(ctx.db, { key: `sso-ip:${clientAddress(c, ctx.settings.trustProxy)}`, ...ctx.settings.limits.ssoPerAddress }, ctx.now());
    if (limit.allowed) return null;
    c.header('retry-after', String(limit.retryAfter));
    return refusedPage(c, 'loginLimited', 429, String(Math.max(1, Math.ceil(limit.retryAfter / 60))));
  };

  app.get('/b/:slug/fg/sso', async (c) => {
    const board = c.get('board');
    const sso = boardSso(ctx, board);
    if (!sso) return refusedPage(c, 'ssoNotSet', 404);
    const limited = await ssoLimited(c);
    if (limited) return limited;
    const confirm = c.req.query('confirm') === '1';
    let config;
    try {
      config = await providerConfig(sso, (ctx.now().getTime() - Date.now()) / 1000, ctx.settings.allowPrivateWebhooks);
    } catch (error) {
      await audit(ctx.db, board.id, 'system', 'login.refused', 'provider unreachable', { reason: String((error as Error).message).slice(0, 200), issuer: sso.issuer, address: clientAddress(c, ctx.settings.trustProxy) }, ctx.now());
      return refusedPage(c, 'ssoUnreachable', 502, sso.name);
    }
    const start = await beginSso(config, ssoRedirectUri(ctx.settings.publicUrl, board), confirm);
    const binding = newToken('sso');
    await putLoginStep(ctx.db, start.state, {
      boardId: board.id,
      userId: null,
      kind: 'sso',
      data: { verifier: start.verifier, nonce: start.nonce, binding: hashToken(binding), next: safeNext(c.req.query('next')), confirm },
      expiresAt: new Date(ctx.now().getTime() + SSO_STEP_MS),
    });
    setSsoCookie(c, ctx, board, binding, SSO_STEP_MS / 1000);
    c.header('cache-control', 'no-store');
    return c.redirect(start.url, 303);
  });

  app.get('/b/:slug/fg/sso/callback', async (c) => {
    const board = c.get('board');
    const lang = browserLang(c);
    const sso = boardSso(ctx, board);
    if (!sso) return refusedPage(c, 'ssoNotSet', 404);
    const limited = await ssoLimited(c);
    if (limited) return limited;
    /**
     * A refused single sign-on: the kind is the audit line's subject (the same refusal repeated
     * folds into one line with a count; the provider's or the library's words go in the detail,
     * never the subject, so a forged callback cannot write its own line).
     */
    const refused = async (kind: string, reason: string, key: ConsoleKey, status: 400 | 403 | 502, ...subs: string[]) => {
      await audit(ctx.db, board.id, 'system', 'login.refused', kind, { reason: reason.slice(0, 300), issuer: sso.issuer, address: clientAddress(c, ctx.settings.trustProxy) }, ctx.now());
      clearSsoCookie(c, board);
      return refusedPage(c, key, status, ...subs);
    };
    const state = c.req.query('state') ?? '';
    // the step is taken once: a replayed callback (the same code and state again) finds nothing
    const step = state && state.length <= 200 ? await takeLoginStep(ctx.db, state, board.id, 'sso', ctx.now()) : null;
    if (!step) return refused('state', 'unknown, used or expired state', 'ssoExpired', 400);
    const data = step.data as { verifier: string; nonce: string; binding: string; next: string; confirm?: boolean };
    const binding = getCookie(c, SSO_COOKIE);
    // the state must come back to the browser that left with it (login CSRF)
    if (!binding || hashToken(binding) !== data.binding) return refused('browser', 'the browser that came back is not the one that left', 'ssoExpired', 400);
    const providerError = c.req.query('error');
    if (providerError) return refused('provider error', providerError.slice(0, 80), 'ssoFailed', 403, sso.name, providerError.replace(/[^\w.-]/g, '').slice(0, 40));
    let identity;
    try {
      const config = await providerConfig(sso, (ctx.now().getTime() - Date.now()) / 1000, ctx.settings.allowPrivateWebhooks);
      const callbackUrl = new URL(`${ssoRedirectUri(ctx.settings.publicUrl, board)}?${new URL(c.req.url).searchParams.toString()}`);
      identity = await finishSso(config, callbackUrl, { state, nonce: data.nonce, verifier: data.verifier, confirm: data.confirm === true });
    } catch (error) {
      // openid-client's message is general ("unexpected JWT claim value"); its cause names the claim
      const cause = (error as { cause?: { message?: string } }).cause?.message;
      const reason = `${String((error as Error).message ?? error)}${cause ? `: ${cause}` : ''}`.split('\n')[0]!.slice(0, 200);
      return refused('token', reason, 'ssoFailed', 403, sso.name, reason);
    }
    if (!identity.email) return refused('no email', `sub ${identity.subject.slice(0, 80)}`, 'ssoNoEmail', 403);
    if (identity.emailVerified === false) return refused('email not verified', identity.email, 'ssoUnverified', 403, identity.email);
    const user = await findUserByEmail(ctx.db, board.id, identity.email);
    if (!user) return refused('no account', identity.email, 'ssoNoAccount', 403, identity.email, board.name);
    // the account is the provider's person who first signed in as it, whatever address another one claims later
    const subject = ssoSubjectOf(identity);
    if (user.ssoSubject && user.ssoSubject !== subject) return refused('another person', `${identity.email} claimed by ${subject.slice(0, 160)}`, 'ssoOtherPerson', 403, identity.email);
    if (!user.ssoSubject) {
      await linkSsoSubject(ctx.db, user.id, subject);
      await audit(ctx.db, board.id, user.email, 'sso.linked', user.email, { subject: subject.slice(0, 300) }, ctx.now());
      await tellAccount(ctx, ctx.db, user, 'sso.linked');
    }
    clearSsoCookie(c, board);
    await startSession(c, user, 'sso');
    const next = `/b/${board.slug}/fg/${safeNext(data.next)}`;
    return html(c, renderPage(lang, ContinuePage({ page: pageContext(user.language, board.name, board.slug, null, null), next })));
  });
}
