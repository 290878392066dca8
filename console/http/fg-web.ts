/**
 * The FG's web interface at /b/SLUG/fg/: server-rendered pages with plain forms (no script), a
 * session per login, a CSRF token on every form, every action checked against the account's
 * role and scoped to the board in the address. Teachers' text is only ever rendered as text.
 *
 * This file is the composition: the stylesheet, the body limit, the login steps (fg-login), the
 * session check every other page passes, then one module per page.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ConsoleContext } from '../context';
import { endSession } from '../store/accounts';
import { audit } from '../store/audit';
import { hasSecondFactor } from '../store/second-factor';
import { pageContext, renderPage } from '../ui/layout';
import { LoginPage } from '../ui/login';
import { translate } from '../ui/messages';
import type { BoardEnv } from './board';
import { mountFgAccount } from './fg-account';
import { mountFgAttention } from './fg-attention';
import { mountFgAudit } from './fg-audit';
import { mountFgInbox } from './fg-inbox';
import { webKit, type WebEnv } from './fg-kit';
import { browserLang, loginOptions, mountFgLogin } from './fg-login';
import { mountFgPublish } from './fg-publish';
import { mountFgRequest } from './fg-request';
import { mountFgSettings, type SettingsRenderer } from './fg-settings';
import { mountFgTools } from './fg-tools';
import { FORM_MAX_BYTES, readForm } from './forms';
import { clearSessionCookie, currentSession, formAllowed, loginCsrf } from './session';

const STYLESHEET = readFileSync(fileURLToPath(new URL('../ui/console.css', import.meta.url)), 'utf8');

export function mountFgWeb(app: Hono<BoardEnv>, ctx: ConsoleContext): void {
  const web = app as unknown as Hono<WebEnv>;
  const { html, errorPage } = webKit;
  app.get('/assets/console.css', (c) => {
    c.header('content-type', 'text/css; charset=utf-8');
    c.header('cache-control', 'public, max-age=3600');
    return c.body(STYLESHEET);
  });

  app.get('/favicon.ico', (c) => c.body(null, 204));

  app.use('/b/:slug/fg/*', bodyLimit({ maxSize: FORM_MAX_BYTES, onError: (c) => c.text('The form is too large.', 413) }));

  // ---- login (no session yet): password, code, single sign-on
  mountFgLogin(app, ctx);

  // ---- everything else needs a session; every form post needs its CSRF token
  web.use('/b/:slug/fg/*', async (c, next) => {
    const board = c.get('board');
    const session = await currentSession(c, ctx, board);
    if (!session) {
      if (c.req.method === 'GET') return c.redirect(`/b/${board.slug}/fg/login`, 303);
      return html(c, renderPage(browserLang(c), LoginPage({ page: pageContext(browserLang(c), board.name, board.slug, loginCsrf(c, ctx, board), null), error: translate(browserLang(c), 'sessionEnded'), email: '', options: loginOptions(board) })), 403);
    }
    c.set('user', session.user);
    c.set('csrf', session.csrf);
    c.set('sessionToken', session.token);
    c.set('session', session);
    const own = [`/b/${board.slug}/fg/logout`, `/b/${board.slug}/fg/settings/me`, `/b/${board.slug}/fg/settings/second-factor`, `/b/${board.slug}/fg/settings/second-factor/start`, `/b/${board.slug}/fg/settings/second-factor/confirm`, `/b/${board.slug}/fg/confirm`];
    // the board requires a second factor: a password account without one enrols before anything else
    const mustEnrol = board.mfaRequired && session.method !== 'sso' && !hasSecondFactor(session.user);
    if (mustEnrol && !own.slice(0, 5).includes(c.req.path)) {
      if (c.req.method === 'GET') return c.redirect(`/b/${board.slug}/fg/settings/second-factor`, 303);
      return html(c, errorPage(c, 'mfaRequiredNotice'), 403);
    }
    if (c.req.method === 'POST') {
      const form = await readForm(c);
      if (!form || !formAllowed(c, ctx, form, session.csrf)) return html(c, errorPage(c, 'formExpired'), 403);
      c.set('form', form);
      // a viewer may only log out and change their own settings and second factor: exact
      // addresses, not suffixes (a tool could be called "logout")
      const mayChange = session.user.role === 'fg' || own.includes(c.req.path);
      if (!mayChange) return html(c, errorPage(c, 'readOnly'), 403);
    }
    return next();
  });
  // ---- confirming it is you, setting up the second factor
  // (the settings page is mounted below; the sign-in section's refusals render it)
  let settingsPage: SettingsRenderer | null = null;
  const fresh = mountFgAccount(web, ctx, (c, extra, status) => settingsPage!(c, extra, status));

  web.post('/b/:slug/fg/logout', async (c) => {
    await endSession(ctx.db, c.get('sessionToken'));
    await audit(ctx.db, c.get('board').id, c.get('user').email, 'logout', c.get('user').email, {}, ctx.now());
    clearSessionCookie(c, c.get('board'));
    return c.redirect(`/b/${c.get('board').slug}/fg/login`, 303);
  });

  mountFgInbox(web, ctx);
  mountFgRequest(web, ctx);
  mountFgTools(web, ctx);
  mountFgAttention(web, ctx);
  mountFgPublish(web, ctx, fresh);
  mountFgAudit(web, ctx);
  settingsPage = mountFgSettings(web, ctx, fresh);
}
