/**
 * The FG's web interface at /b/SLUG/fg/: server-rendered pages with plain forms (no script), a
 * session per login, a CSRF token on every form, every action checked against the account's
 * role and scoped to the board in the address. Teachers' text is only ever rendered as text.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Problem } from '../../cli/lint';
import { buildMatchIndex, lookup } from '../../lib/matcher/index';
import type { Tool } from '../../lib/register/schema';
import type { VettingRequest } from '../../lib/requests/schema';
import { parsePageUrl } from '../../lib/url';
import type { ConsoleContext } from '../context';
import { boards } from '../db/schema';
import { needsAttention } from '../lib/attention';
import { toCsv } from '../lib/csv-export';
import { exportRow, EXPORT_HEADER } from '../lib/request-view';
import { newToken, seal } from '../lib/secrets';
import { webhookAddressProblem } from '../lib/public-address';
import { formToTool, proposePattern, proposeToolId, toolToForm, type ToolForm } from '../lib/tool-form';
import { canonicalJson } from '../lib/canonical-json';
import { toolSchema } from '../../lib/register/schema';
import { createApiToken, endSession, listApiTokens, revokeApiToken, setNotify, type User } from '../store/accounts';
import { audit, auditActions, auditQueryFrom, listAudit } from '../store/audit';
import { boardPolicy } from '../store/boards';
import { decide } from '../store/decisions';
import { hasSecondFactor, recoveryCodesLeft } from '../store/second-factor';
import { ssoRedirectUri } from '../store/sso';
import { latestRegister, previewPublish, publish } from '../store/registers';
import { findRequest, listRequests, requestsForHost, type RequestRow } from '../store/requests';
import { deleteTool, findTool, lintTools, listTools, saveTool } from '../store/tools';
import { AttentionPage } from '../ui/attention';
import { AuditPage } from '../ui/audit';
import { ErrorLayout } from '../ui/error-page';
import { InboxPage, type InboxTab } from '../ui/inbox';
import { pageContext, renderPage, type PageContext } from '../ui/layout';
import { LoginPage } from '../ui/login';
import { translate, type ConsoleKey, type Lang } from '../ui/messages';
import { PublishPage } from '../ui/publish';
import { RequestPage } from '../ui/request';
import { SettingsPage } from '../ui/settings';
import { DeleteToolPage, ToolEditorPage } from '../ui/tool-editor';
import { toolMatchesQuery, ToolsPage } from '../ui/tools';
import type { BoardEnv } from './board';
import { mountFgAccount } from './fg-account';
import { browserLang, loginOptions, mountFgLogin } from './fg-login';
import { field, FORM_MAX_BYTES, readForm, type FormFields } from './forms';
import { clearSessionCookie, currentSession, formAllowed, loginCsrf, type CurrentSession } from './session';

type WebEnv = { Variables: BoardEnv['Variables'] & { user: User; csrf: string; sessionToken: string; session: CurrentSession; form: FormFields } };

const STYLESHEET = readFileSync(fileURLToPath(new URL('../ui/console.css', import.meta.url)), 'utf8');

/** Flash messages by name: the address never carries text that is shown. */
const FLASH: Record<string, ConsoleKey> = { decision: 'decisionSaved', tool: 'toolSaved', deleted: 'toolDeleted', settings: 'settingsSaved', revoked: 'tokenRevoked', sso: 'ssoSaved' };


export function mountFgWeb(app: Hono<BoardEnv>, ctx: ConsoleContext): void {
  const web = app as unknown as Hono<WebEnv>;
  const html = (c: Context, body: string, status: 200 | 400 | 403 | 404 | 409 | 429 = 200) => {
    c.header('cache-control', 'no-store');
    return c.html(body, status);
  };
  const page = (c: Context<WebEnv>): PageContext => {
    const user = c.get('user');
    return pageContext(user.language, c.get('board').name, c.get('board').slug, c.get('csrf'), user.email, user.role === 'fg');
  };
  const flashOf = (c: Context, p: PageContext) => {
    const key = FLASH[c.req.query('done') ?? ''];
    if (key) return p.t(key);
    const serial = c.req.query('published');
    return serial && /^\d+$/.test(serial) ? p.t('publishDone', serial) : null;
  };

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
      return html(c, renderPage(browserLang(c), LoginPage({ page: pageContext(browserLang(c), board.name, board.slug, loginCsrf(c, ctx, board), null), error: translate(browserLang(c), 'sessionEnded'), email: '', options: loginOptions(ctx, board) })), 403);
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
  const formOf = (c: Context<WebEnv>) => c.get('form');
  const errorPage = (c: Context<WebEnv>, key: ConsoleKey) => {
    const p = page(c);
    return renderPage(p.lang, ErrorLayout({ page: p, message: p.t(key) }));
  };

  // ---- confirming it is you, setting up the second factor
  const fresh = mountFgAccount(web, ctx, { html, page, errorPage, settingsPage: (c, extra, status) => settingsPage(c, extra, status) });

  web.post('/b/:slug/fg/logout', async (c) => {
    await endSession(ctx.db, c.get('sessionToken'));
    await audit(ctx.db, c.get('board').id, c.get('user').email, 'logout', c.get('user').email, {}, ctx.now());
    clearSessionCookie(c, c.get('board'));
    return c.redirect(`/b/${c.get('board').slug}/fg/login`, 303);
  });

  // ---- inbox
  web.get('/b/:slug/fg/', async (c) => {
    const board = c.get('board');
    const tab = (['received', 'in-review', 'decided'] as const).find((t) => t === c.req.query('tab')) ?? 'received';
    const all = await listRequests(ctx.db, board.id);
    const inTab = (row: RequestRow): InboxTab => (row.status === 'approved' || row.status === 'rejected' ? 'decided' : row.status);
    const counts = { received: 0, 'in-review': 0, decided: 0 } as Record<InboxTab, number>;
    const sameSite = new Map<string, number>();
    for (const row of all) {
      counts[inTab(row)] += 1;
      sameSite.set(row.toolHost, (sameSite.get(row.toolHost) ?? 0) + 1);
    }
    const rows = all.filter((r) => inTab(r) === tab);
    if (tab === 'decided') rows.reverse();
    const p = page(c);
    return html(c, renderPage(p.lang, InboxPage({ page: p, tab, rows, counts, sameSite, now: ctx.now(), flash: flashOf(c, p) })));
  });

  // ---- one request and its decision
  const requestPage = async (c: Context<WebEnv>, row: RequestRow, state: { form?: ToolForm; decision?: { status: string; note: string; withTool: boolean }; problems?: Problem[]; error?: string | null }, status: 200 | 400 = 200) => {
    const board = c.get('board');
    const tools = await listTools(ctx.db, board.id);
    const body = row.body as VettingRequest | null;
    const location = parsePageUrl(body?.tool.url ?? `https://${row.toolHost}/`);
    const matched = (row.toolId ? tools.find((t) => t.id === row.toolId) : null) ?? (location ? lookup(buildMatchIndex(tools), location) : null) ?? null;
    const form = state.form ?? (matched ? toolToForm(matched) : toolToForm({ id: proposeToolId(row.toolName, new Set(tools.map((t) => t.id))), name: row.toolName, match: [proposePattern(row.toolHost)], category: 'other', status: 'pending' }));
    const p = page(c);
    return html(
      c,
      renderPage(p.lang, RequestPage({
        page: p,
        row,
        matched,
        others: await requestsForHost(ctx.db, board.id, row.toolHost, row.requestId),
        form,
        decision: state.decision ?? { status: row.status === 'received' ? 'in-review' : row.status, note: row.note, withTool: !matched },
        problems: state.problems ?? [],
        error: state.error ?? null,
        flash: flashOf(c, p),
        now: ctx.now(),
      })),
      status,
    );
  };

  /** Whether the tool fields on a request page differ from the tool the register has for it. */
  const toolRecordChanged = async (row: RequestRow, toolForm: ToolForm): Promise<boolean> => {
    const id = String(toolForm.id ?? '');
    const stored = id ? await findTool(ctx.db, row.boardId, id) : null;
    if (!stored) return false;
    const submitted = toolSchema.safeParse(formToTool(toolForm));
    const current = toolSchema.parse(formToTool(toolToForm(stored)));
    return !submitted.success || canonicalJson(submitted.data) !== canonicalJson(current);
  };

  web.get('/b/:slug/fg/requests/:id', async (c) => {
    const row = await findRequest(ctx.db, c.get('board').id, c.req.param('id'));
    if (!row) return html(c, errorPage(c, 'notFound'), 404);
    return requestPage(c, row, {});
  });

  web.post('/b/:slug/fg/requests/:id/decision', async (c) => {
    const board = c.get('board');
    const row = await findRequest(ctx.db, board.id, c.req.param('id'));
    if (!row) return html(c, errorPage(c, 'notFound'), 404);
    const form = formOf(c);
    // the decision is its own field: the tool record below has a status of its own
    const status = field(form, 'decision');
    const note = field(form, 'note').trim().slice(0, 2000);
    const withTool = field(form, 'withTool') === '1';
    const toolForm: ToolForm = {};
    for (const [key, value] of Object.entries(form)) if (key !== '_csrf' && key !== 'decision' && key !== 'note' && key !== 'withTool') toolForm[key] = value;
    // the FG chose approve or reject for the teacher: the tool record says the same
    if (withTool && (status === 'approved' || status === 'rejected')) toolForm.status = status;
    if (status !== 'in-review' && status !== 'approved' && status !== 'rejected') {
      return requestPage(c, row, { form: toolForm, decision: { status, note, withTool }, error: translate(c.get('user').language, 'decisionStatus') }, 400);
    }
    if (!withTool && (await toolRecordChanged(row, toolForm))) {
      return requestPage(c, row, { form: toolForm, decision: { status, note, withTool }, error: translate(c.get('user').language, 'toolUnsaved') }, 400);
    }
    const result = await decide(ctx, board, row.requestId, { status, note, ...(withTool ? { tool: formToTool(toolForm) } : {}) }, c.get('user').email);
    if (!result.ok) return requestPage(c, row, { form: toolForm, decision: { status, note, withTool }, problems: result.problems ?? [], error: result.problems ? null : result.error }, 400);
    return c.redirect(`/b/${board.slug}/fg/requests/${row.requestId}?done=decision`, 303);
  });

  // ---- tools
  web.get('/b/:slug/fg/tools', async (c) => {
    const tools = await listTools(ctx.db, c.get('board').id);
    const query = (c.req.query('q') ?? '').slice(0, 200);
    const warnings = new Map<string, Problem[]>();
    for (const problem of lintTools(tools, ctx.now())) {
      if (problem.level !== 'warning' || !problem.toolId) continue;
      warnings.set(problem.toolId, [...(warnings.get(problem.toolId) ?? []), problem]);
    }
    const p = page(c);
    return html(c, renderPage(p.lang, ToolsPage({ page: p, tools: tools.filter((t) => toolMatchesQuery(t, query)), query, warnings, flash: flashOf(c, p) })));
  });

  const editor = (c: Context<WebEnv>, toolId: string | null, form: ToolForm, problems: Problem[], status: 200 | 400 = 200) => {
    const p = page(c);
    return html(c, renderPage(p.lang, ToolEditorPage({ page: p, toolId, form, problems, flash: flashOf(c, p) })), status);
  };

  web.get('/b/:slug/fg/tools/new', (c) => editor(c, null, toolToForm({ status: 'pending', category: 'other' }), []));
  web.get('/b/:slug/fg/tools/:id', async (c) => {
    const tool = await findTool(ctx.db, c.get('board').id, c.req.param('id'));
    if (!tool) return html(c, errorPage(c, 'notFound'), 404);
    const tools = await listTools(ctx.db, c.get('board').id);
    const index = tools.findIndex((t) => t.id === tool.id);
    const warnings = lintTools(tools, ctx.now()).filter((p) => p.level === 'warning' && p.path.startsWith(`tools[${index}]`)).map((p) => ({ ...p, path: p.path.replace(`tools[${index}]`, '').replace(/^\./, '') }));
    return editor(c, tool.id, toolToForm(tool), warnings);
  });
  web.post('/b/:slug/fg/tools/:id', async (c) => {
    const board = c.get('board');
    const existingId = c.req.param('id') === 'new' ? null : c.req.param('id');
    const form = formOf(c);
    const toolForm: ToolForm = {};
    for (const [key, value] of Object.entries(form)) if (key !== '_csrf') toolForm[key] = value;
    const tool = formToTool(toolForm) as Partial<Tool>;
    if (existingId && tool.id !== existingId) {
      return editor(c, existingId, { ...toolForm, id: existingId }, [{ level: 'error', toolId: existingId, path: 'id', message: translate(c.get('user').language, 'idFixed') }], 400);
    }
    if (!existingId && tool.id && (await findTool(ctx.db, board.id, tool.id))) {
      return editor(c, null, toolForm, [{ level: 'error', toolId: tool.id, path: 'id', message: translate(c.get('user').language, 'idTaken', tool.id) }], 400);
    }
    const result = await saveTool(ctx.db, board.id, tool, c.get('user').email, ctx.now());
    if (!result.ok) return editor(c, existingId, toolForm, result.errors, 400);
    return c.redirect(`/b/${board.slug}/fg/tools/${result.tool.id}?done=tool`, 303);
  });
  web.get('/b/:slug/fg/tools/:id/delete', async (c) => {
    const tool = await findTool(ctx.db, c.get('board').id, c.req.param('id'));
    if (!tool) return html(c, errorPage(c, 'notFound'), 404);
    const p = page(c);
    return html(c, renderPage(p.lang, DeleteToolPage({ page: p, toolId: tool.id, name: tool.name, refusal: null })));
  });
  web.post('/b/:slug/fg/tools/:id/delete', async (c) => {
    const board = c.get('board');
    const tool = await findTool(ctx.db, board.id, c.req.param('id'));
    if (!tool) return html(c, errorPage(c, 'notFound'), 404);
    const result = await deleteTool(ctx.db, board.id, tool.id, c.get('user').email);
    if (!result.ok) {
      const p = page(c);
      return html(c, renderPage(p.lang, DeleteToolPage({ page: p, toolId: tool.id, name: tool.name, refusal: result.error })), 409);
    }
    return c.redirect(`/b/${board.slug}/fg/tools?done=deleted`, 303);
  });

  // ---- needs attention
  web.get('/b/:slug/fg/attention', async (c) => {
    const board = c.get('board');
    const latest = await latestRegister(ctx.db, board.id);
    const items = needsAttention({
      tools: await listTools(ctx.db, board.id),
      openRequests: await listRequests(ctx.db, board.id, ['received', 'in-review']),
      register: latest ? { serial: latest.serial, expiresAt: (latest.payload as { expiresAt: string }).expiresAt } : null,
      now: ctx.now(),
    });
    const p = page(c);
    return html(c, renderPage(p.lang, AttentionPage({ page: p, items })));
  });

  // ---- publish
  const publishPage = async (c: Context<WebEnv>, error: string | null, status: 200 | 400 | 409 = 200) => {
    const board = c.get('board');
    const preview = await previewPublish(ctx, board);
    const p = page(c);
    return html(c, renderPage(p.lang, PublishPage({ page: p, ...preview, current: await latestRegister(ctx.db, board.id), registerUrl: boardPolicy(ctx.settings.publicUrl, board).registerUrl, flash: flashOf(c, p), error })), status);
  };
  web.get('/b/:slug/fg/publish', (c) => publishPage(c, null));
  web.post('/b/:slug/fg/publish', async (c) => {
    const board = c.get('board');
    const stale = fresh(c, 'publish');
    if (stale) return stale;
    const result = await publish(ctx, board, c.get('user').email);
    if (!result.ok) return publishPage(c, translate(c.get('user').language, 'publishFailed'), 409);
    return c.redirect(`/b/${board.slug}/fg/publish?published=${result.serial}`, 303);
  });

  // ---- audit log and export
  web.get('/b/:slug/fg/audit', async (c) => {
    const p = page(c);
    const filter = { action: c.req.query('action') ?? '', from: c.req.query('from') ?? '', to: c.req.query('to') ?? '' };
    const query = auditQueryFrom({ ...filter, page: c.req.query('page') });
    const result = await listAudit(ctx.db, c.get('board').id, 'error' in query ? {} : query);
    const actions = await auditActions(ctx.db, c.get('board').id);
    return html(c, renderPage(p.lang, AuditPage({ page: p, entries: result.entries, hasMore: result.hasMore, pageNumber: result.page, actions, filter, error: 'error' in query ? p.t('auditBadFilter', query.error) : null })), 'error' in query ? 400 : 200);
  });
  web.get('/b/:slug/fg/export.csv', async (c) => {
    const board = c.get('board');
    const rows = await listRequests(ctx.db, board.id);
    await audit(ctx.db, board.id, c.get('user').email, 'export.csv', 'requests', { rows: rows.length, via: 'web' }, ctx.now());
    c.header('content-type', 'text/csv; charset=utf-8');
    c.header('content-disposition', `attachment; filename="requests-${board.slug}.csv"`);
    c.header('cache-control', 'no-store');
    return c.body(`\uFEFF${toCsv(EXPORT_HEADER, rows.map(exportRow))}`);
  });

  // ---- settings
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
    const secret = webhookUrl && webhookUrl !== board.webhookUrl ? newToken('whsec') : null;
    await ctx.db.transaction(async (tx) => {
      await tx.update(boards).set({ emailDomains: domains, webhookUrl, ...(secret ? { webhookSecretEnc: seal(ctx.master, Buffer.from(secret), `webhook:${board.slug}`) } : webhookUrl ? {} : { webhookSecretEnc: null }) }).where(eq(boards.id, board.id));
      await audit(tx, board.id, c.get('user').email, 'settings.intake', '', { emailDomains: domains, webhookUrl });
    });
    c.set('board', { ...board, emailDomains: domains, webhookUrl });
    return settingsPage(c, secret ? { newWebhookSecret: secret } : {});
  });
}
