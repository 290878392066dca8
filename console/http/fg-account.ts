/**
 * An FG's own sign-in, once logged in: the fresh confirmation that publishing, new API tokens
 * and login settings ask for (a code, the password of an account without a second factor, or
 * single sign-on again), setting up the second factor, and the board's single sign-on and
 * password settings.
 */
import type { Context, Hono } from 'hono';
import type { ConsoleContext } from '../context';
import { verifyPassword } from '../lib/secrets';
import { base32Encode, otpauthUri } from '../lib/totp';
import { FRESH_MINUTES, refreshSession, sessionIsFresh } from '../store/accounts';
import { audit } from '../store/audit';
import { enterLoginGate } from '../store/login-gate';
import { confirmEnrolment, hasSecondFactor, pendingSecret, recoveryCodesLeft, startEnrolment, takeSecondFactor } from '../store/second-factor';
import { boardSso, setBoardSso, setPasswordLogin, ssoInputProblem } from '../store/sso';
import { renderPage } from '../ui/layout';
import { ConfirmPage } from '../ui/login';
import { SecondFactorPage } from '../ui/second-factor';
import { clientAddress } from './client-address';
import { passwordChecks, safeNext } from './fg-login';
import { webKit, type WebEnv } from './fg-kit';
import { field } from './forms';
import { webhookAddressProblem } from '../lib/public-address';

/** Null when the session's factor is fresh; else the way to the confirmation, coming back to `next`. */
export type Fresh = (c: Context<WebEnv>, next: string) => Response | null;

/** `settingsPage` shows the settings page with a refusal of the sign-in section. Returns `fresh`. */
export function mountFgAccount(web: Hono<WebEnv>, ctx: ConsoleContext, settingsPage: (c: Context<WebEnv>, extra: { ssoError?: string }, status?: 200 | 400) => Promise<Response>): Fresh {
  const { html, page } = webKit;
  const fresh: Fresh = (c, next) => {
    if (sessionIsFresh(c.get('session'), ctx.now())) return null;
    return c.redirect(`/b/${c.get('board').slug}/fg/confirm?next=${encodeURIComponent(next)}`, 303);
  };
  const how = (c: Context<WebEnv>): 'code' | 'password' | 'sso' => {
    if (c.get('session').method === 'sso' && boardSso(ctx, c.get('board'))) return 'sso';
    return hasSecondFactor(c.get('user')) ? 'code' : 'password';
  };
  const confirmPage = (c: Context<WebEnv>, next: string, error: string | null, status: 200 | 400 | 429 = 200) => {
    const p = page(c);
    return html(c, renderPage(p.lang, ConfirmPage({ page: p, next, how: how(c), ssoName: c.get('board').ssoName ?? 'SSO', error, freshMinutes: FRESH_MINUTES })), status);
  };

  web.get('/b/:slug/fg/confirm', (c) => confirmPage(c, safeNext(c.req.query('next')), null));
  web.post('/b/:slug/fg/confirm', async (c) => {
    const form = c.get('form');
    const next = safeNext(field(form, 'next'));
    const user = c.get('user');
    const board = c.get('board');
    const method = how(c);
    if (method === 'sso') return c.redirect(`/b/${board.slug}/fg/sso?next=${encodeURIComponent(next)}&confirm=1`, 303);
    const address = clientAddress(c, ctx.settings.trustProxy);
    const gate = await enterLoginGate(ctx, board.id, user.email, address, method === 'code' ? 'code' : 'password');
    if (!gate.open) {
      c.header('retry-after', String(gate.retryAfter));
      return confirmPage(c, next, page(c).t('loginLimited', Math.max(1, Math.ceil(gate.retryAfter / 60))), 429);
    }
    const ok = method === 'code'
      ? (await takeSecondFactor(ctx, user, field(form, 'code').slice(0, 32))) !== null
      : (await passwordChecks.run(() => verifyPassword(field(form, 'password').slice(0, 1024), user.passwordHash))) === true;
    if (!ok) {
      await audit(ctx.db, board.id, user.email, method === 'code' ? 'code.failed' : 'login.failed', user.email, { address, step: 'confirm' }, ctx.now());
      return confirmPage(c, next, page(c).t('confirmFailed'), 400);
    }
    await gate.settle(true);
    await refreshSession(ctx.db, c.get('sessionToken'), ctx.now());
    await audit(ctx.db, board.id, user.email, 'login.confirm', user.email, { method }, ctx.now());
    return c.redirect(`/b/${board.slug}/fg/${next}`, 303);
  });

  // ---- the second factor
  const secondFactorPage = async (c: Context<WebEnv>, state: { pending?: Uint8Array | null; recoveryCodes?: string[]; error?: string }, status: 200 | 400 = 200) => {
    const p = page(c);
    const user = c.get('user');
    const board = c.get('board');
    const pending = state.pending ? { key: base32Encode(state.pending), uri: otpauthUri(state.pending, `Bijsluiter ${board.name}`.slice(0, 60), user.email) } : null;
    return html(c, renderPage(p.lang, SecondFactorPage({
      page: p,
      enabledAt: state.recoveryCodes ? new Date() : user.totpEnabledAt,
      codesLeft: await recoveryCodesLeft(ctx.db, user.id),
      required: board.mfaRequired,
      ssoSession: c.get('session').method === 'sso' ? board.ssoName ?? 'SSO' : null,
      pending,
      recoveryCodes: state.recoveryCodes ?? null,
      error: state.error ?? null,
    })), status);
  };
  web.get('/b/:slug/fg/settings/second-factor', (c) => secondFactorPage(c, { pending: pendingSecret(ctx, c.get('user')) }));
  web.post('/b/:slug/fg/settings/second-factor/start', async (c) => {
    // replacing a working factor is a change of how this account logs in: confirm first
    if (hasSecondFactor(c.get('user'))) {
      const stale = fresh(c, 'settings/second-factor');
      if (stale) return stale;
    }
    return secondFactorPage(c, { pending: await startEnrolment(ctx, c.get('user')) });
  });
  web.post('/b/:slug/fg/settings/second-factor/confirm', async (c) => {
    const user = c.get('user');
    // a new key replacing a working one: only with a fresh confirmation (whoever holds the session must also hold the old factor)
    if (hasSecondFactor(user)) {
      const stale = fresh(c, 'settings/second-factor');
      if (stale) return stale;
    }
    const codes = await confirmEnrolment(ctx, user, field(c.get('form'), 'code').slice(0, 16));
    if (!codes) {
      await audit(ctx.db, user.boardId, user.email, 'code.failed', user.email, { step: 'enrol' }, ctx.now());
      return secondFactorPage(c, { pending: pendingSecret(ctx, user), error: page(c).t('mfaCodeWrong') }, 400);
    }
    await refreshSession(ctx.db, c.get('sessionToken'), ctx.now());
    return secondFactorPage(c, { recoveryCodes: codes });
  });

  // ---- the board's single sign-on and passwords (FG only: the role check is the middleware's)
  web.post('/b/:slug/fg/settings/sso', async (c) => {
    const stale = fresh(c, 'settings');
    if (stale) return stale;
    const board = c.get('board');
    const form = c.get('form');
    const p = page(c);
    if (field(form, 'remove') === '1') {
      await setBoardSso(ctx.master, ctx.db, board, null, c.get('user').email);
      return c.redirect(`/b/${board.slug}/fg/settings?done=sso`, 303);
    }
    const current = boardSso(ctx, board);
    const issuer = field(form, 'issuer').trim().replace(/\/+$/, '');
    const clientId = field(form, 'clientId').trim();
    // the saved secret is kept only for the same provider and client: it never goes to a new issuer
    const sameClient = current !== null && current.issuer === issuer && current.clientId === clientId;
    const input = { issuer, clientId, clientSecret: field(form, 'clientSecret') || (sameClient ? current.clientSecret : ''), name: field(form, 'name').trim() || 'SSO' };
    const problem = ssoInputProblem(input) ?? (await webhookAddressProblem(input.issuer, ctx.settings.allowPrivateWebhooks));
    if (problem) return settingsPage(c, { ssoError: p.t('ssoInvalid', problem) }, 400);
    await setBoardSso(ctx.master, ctx.db, board, input, c.get('user').email);
    return c.redirect(`/b/${board.slug}/fg/settings?done=sso`, 303);
  });
  web.post('/b/:slug/fg/settings/password-login', async (c) => {
    const stale = fresh(c, 'settings');
    if (stale) return stale;
    const board = c.get('board');
    const on = field(c.get('form'), 'passwordLogin') === 'on';
    // passwords go off only once single sign-on is set up, and only by someone signed in with it
    // (so it is known to work): else nobody could log in any more
    if (!on && (!boardSso(ctx, board) || c.get('session').method !== 'sso')) {
      return settingsPage(c, { ssoError: page(c).t('passwordLoginRefused', board.ssoName ?? 'SSO') }, 400);
    }
    await setPasswordLogin(ctx.db, board, on, c.get('user').email);
    return c.redirect(`/b/${board.slug}/fg/settings?done=settings`, 303);
  });

  return fresh;
}
