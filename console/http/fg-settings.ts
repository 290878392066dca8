/**
 * Settings: the FG's own notifications and language, API tokens, the board's intake (e-mail
 * domains, webhook) and sign-in, and the extension's policy values.
 */
import type { Context, Hono } from 'hono';
import type { ConsoleContext } from '../context';
import { webhookAddressProblem } from '../lib/public-address';
import { createApiToken, listApiTokens, revokeApiToken, setNotify } from '../store/accounts';
import { boardPolicy, setIntake } from '../store/boards';
import { recoveryCodesLeft } from '../store/second-factor';
import { ssoRedirectUri } from '../store/sso';
import { renderPage } from '../ui/layout';
import { translate } from '../ui/messages';
import { SettingsPage } from '../ui/settings';
import type { Fresh } from './fg-account';
import { field } from './forms';
import { webKit, type WebEnv } from './fg-kit';

export type SettingsRenderer = (c: Context<WebEnv>, extra?: { newToken?: string; newWebhookSecret?: string; error?: string; ssoError?: string; emailDomains?: string; webhookUrl?: string }, status?: 200 | 400) => Promise<Response>;

export function mountFgSettings(web: Hono<WebEnv>, ctx: ConsoleContext, fresh: Fresh): SettingsRenderer {
  const { html, page, errorPage, flashOf, formOf } = webKit;
  const settingsPage = async (c: Context<WebEnv>, extra: { newToken?: string; newWebhookSecret?: string; error?: string; ssoError?: string; emailDomains?: string; webhookUrl?: string } = {}, status: 200 | 400 = 200) => {
    const board = c.get('board');
    const user = c.get('user');
    const p = page(c);
    return html(
      c,
      renderPage(p.lang, SettingsPage({
        page: p,
        user: c.get('user'),
        smtp: Boolean(ctx.settings.smtpUrl),
        tokens: await listApiTokens(ctx.db, board.id),
        newToken: extra.newToken ?? null,
        newWebhookSecret: extra.newWebhookSecret ?? null,
        emailDomains: extra.emailDomains ?? board.emailDomains.join(', '),
        webhookUrl: extra.webhookUrl ?? board.webhookUrl ?? '',
        policy: boardPolicy(ctx.settings.publicUrl, board),
        flash: flashOf(c, p),
        error: extra.error ?? null,
        signIn: {
          sso: board.ssoIssuer ? { issuer: board.ssoIssuer, clientId: board.ssoClientId ?? '', name: board.ssoName ?? 'SSO' } : null,
          redirectUri: ssoRedirectUri(ctx.settings.publicUrl, board),
          passwordLogin: board.passwordLogin,
          sessionMethod: c.get('session').method,
          secondFactorSince: user.totpEnabledAt,
          recoveryCodesLeft: await recoveryCodesLeft(ctx.db, user.id),
          error: extra.ssoError ?? null,
        },
      })),
      status,
    );
  };
  web.get('/b/:slug/fg/settings', (c) => settingsPage(c));
  web.post('/b/:slug/fg/settings/me', async (c) => {
    const form = formOf(c);
    const notify = (['instant', 'hourly', 'off'] as const).find((m) => m === field(form, 'notify')) ?? c.get('user').notify;
    const language = (['nl', 'en'] as const).find((l) => l === field(form, 'language')) ?? c.get('user').language;
    await setNotify(ctx.db, c.get('user'), notify, language);
    return c.redirect(`/b/${c.get('board').slug}/fg/settings?done=settings`, 303);
  });
  web.post('/b/:slug/fg/settings/tokens', async (c) => {
    const stale = fresh(c, 'settings');
    if (stale) return stale;
    const label = field(formOf(c), 'label').trim().slice(0, 80) || 'API';
    return settingsPage(c, { newToken: await createApiToken(ctx.db, c.get('user'), label) });
  });
  web.post('/b/:slug/fg/settings/tokens/:id/revoke', async (c) => {
    const id = Number(c.req.param('id'));
    if (!Number.isInteger(id) || !(await revokeApiToken(ctx.db, c.get('board').id, id, c.get('user').email))) return html(c, errorPage(c, 'notFound'), 404);
    return c.redirect(`/b/${c.get('board').slug}/fg/settings?done=revoked`, 303);
  });
  web.post('/b/:slug/fg/settings/intake', async (c) => {
    const board = c.get('board');
    const form = formOf(c);
    const lang = c.get('user').language;
    const domainsText = field(form, 'emailDomains');
    const webhookText = field(form, 'webhookUrl').trim();
    const domains = domainsText.split(/[\s,;]+/).map((d) => d.trim().toLowerCase().replace(/^@/, '')).filter(Boolean);
    const badDomain = domains.find((d) => !/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(d));
    if (badDomain || domains.length > 50) return settingsPage(c, { error: translate(lang, 'invalidDomains', badDomain ?? domainsText.slice(0, 80)), emailDomains: domainsText, webhookUrl: webhookText }, 400);
    let webhookUrl: string | null = null;
    if (webhookText) {
      try {
        const url = new URL(webhookText);
        if (url.protocol !== 'https:' || webhookText.length > 2048) throw new Error('not https');
        webhookUrl = url.toString();
      } catch {
        return settingsPage(c, { error: translate(lang, 'invalidWebhook'), emailDomains: domainsText, webhookUrl: webhookText }, 400);
      }
      const problem = await webhookAddressProblem(webhookUrl, ctx.settings.allowPrivateWebhooks);
      if (problem) return settingsPage(c, { error: `${translate(lang, 'invalidWebhook')} (${problem})`, emailDomains: domainsText, webhookUrl: webhookText }, 400);
    }
    // a new webhook address gets a new secret, shown once
    const { newWebhookSecret } = await setIntake(ctx.db, ctx.master, board, { emailDomains: domains, webhookUrl }, c.get('user').email);
    c.set('board', { ...board, emailDomains: domains, webhookUrl });
    return settingsPage(c, newWebhookSecret ? { newWebhookSecret } : {});
  });
  return settingsPage;
}
