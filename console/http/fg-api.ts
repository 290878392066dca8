/**
 * The FG's JSON API at /b/SLUG/api/fg/…, for a board's scripts: the same actions as the web
 * interface, with an API token (`Authorization: Bearer bjt_…`) of that board. A viewer may read;
 * only an FG may change anything.
 */
import type { Context, Hono, Next } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ConsoleContext } from '../context';
import { toCsv } from '../../lib/csv-export';
import { exportRow, EXPORT_HEADER, requestView } from '../lib/request-view';
import { apiTokenUser, type User } from '../store/accounts';
import { audit, auditQueryFrom, listAudit } from '../store/audit';
import { clientAddress } from './client-address';
import { decide, decisionSchema } from '../store/decisions';
import { hit } from '../store/limits';
import { previewPublish, publish } from '../store/registers';
import { findRequest, listRequests, REQUEST_STATUSES, type RequestStatus } from '../store/requests';
import { deleteTool, findTool, listTools, saveTool } from '../store/tools';
import type { BoardEnv } from './board';
import { refuse } from './errors';

type ApiEnv = { Variables: BoardEnv['Variables'] & { user: User } };

export const API_MAX_BYTES = 1024 * 1024;

async function readJson(c: Context): Promise<{ ok: true; value: unknown } | { ok: false; response: Response }> {
  if (!/^application\/json\b/i.test(c.req.header('content-type') ?? '')) return { ok: false, response: refuse(c, 415, 'send JSON (content-type: application/json)') };
  try {
    return { ok: true, value: JSON.parse(await c.req.text()) };
  } catch {
    return { ok: false, response: refuse(c, 400, 'the body is not valid JSON') };
  }
}

export function mountFgApi(app: Hono<BoardEnv>, ctx: ConsoleContext): void {
  const api = app as unknown as Hono<ApiEnv>;
  api.use('/b/:slug/api/fg/*', async (c, next: Next) => {
    const token = /^Bearer (.+)$/i.exec(c.req.header('authorization') ?? '')?.[1]?.trim();
    if (!token) return refuse(c, 401, 'an FG API token is needed (Authorization: Bearer …)', { 'www-authenticate': 'Bearer' });
    const board = c.get('board');
    const user = await apiTokenUser(ctx.db, board.id, token, ctx.now());
    if (!user) {
      await audit(ctx.db, board.id, 'system', 'api.auth-failed', 'api', { address: clientAddress(c, ctx.settings.trustProxy) }, ctx.now());
      return refuse(c, 401, 'this API token is not valid for this board', { 'www-authenticate': 'Bearer' });
    }
    const limit = await hit(ctx.db, { key: `api:${board.id}:${user.id}`, ...ctx.settings.limits.apiPerToken }, ctx.now());
    if (!limit.allowed) return refuse(c, 429, 'too many API calls; slow down', { 'retry-after': String(limit.retryAfter) });
    if (c.req.method !== 'GET' && user.role !== 'fg') return refuse(c, 403, 'this account may read but not change anything');
    c.set('user', user);
    c.header('cache-control', 'no-store');
    return next();
  });
  api.use('/b/:slug/api/fg/*', bodyLimit({ maxSize: API_MAX_BYTES, onError: (c) => refuse(c, 413, `the body is larger than ${API_MAX_BYTES / 1024} KB`) }));

  api.get('/b/:slug/api/fg/requests', async (c) => {
    const status = c.req.query('status');
    if (status !== undefined && !(REQUEST_STATUSES as readonly string[]).includes(status)) return refuse(c, 400, `status must be one of ${REQUEST_STATUSES.join(', ')}`);
    const rows = await listRequests(ctx.db, c.get('board').id, status ? [status as RequestStatus] : undefined);
    // teachers' personal data read by a script: in the log (repeats fold into one line with a count)
    await audit(ctx.db, c.get('board').id, c.get('user').email, 'api.read', 'requests', { rows: rows.length }, ctx.now());
    return c.json({ requests: rows.map(requestView) });
  });

  api.get('/b/:slug/api/fg/requests/:id', async (c) => {
    const row = await findRequest(ctx.db, c.get('board').id, c.req.param('id'));
    if (!row) return refuse(c, 404, 'no such request');
    await audit(ctx.db, c.get('board').id, c.get('user').email, 'api.read', `request ${row.requestId}`, {}, ctx.now());
    return c.json(requestView(row));
  });

  api.post('/b/:slug/api/fg/requests/:id/decision', async (c) => {
    const body = await readJson(c);
    if (!body.ok) return body.response;
    const input = decisionSchema.safeParse(body.value);
    if (!input.success) return refuse(c, 400, `the decision is not valid: ${input.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')}`);
    const result = await decide(ctx, c.get('board'), c.req.param('id'), input.data, c.get('user').email);
    if (!result.ok) return c.json({ error: result.error, ...(result.problems ? { problems: result.problems } : {}) }, result.status);
    return c.json({ request: requestView(result.request), warnings: result.warnings });
  });

  api.get('/b/:slug/api/fg/tools', async (c) => c.json({ tools: await listTools(ctx.db, c.get('board').id) }));

  api.get('/b/:slug/api/fg/tools/:id', async (c) => {
    const tool = await findTool(ctx.db, c.get('board').id, c.req.param('id'));
    return tool ? c.json(tool) : refuse(c, 404, `no tool "${c.req.param('id')}"`);
  });

  api.put('/b/:slug/api/fg/tools/:id', async (c) => {
    const body = await readJson(c);
    if (!body.ok) return body.response;
    const id = (body.value as { id?: unknown } | null)?.id;
    if (id !== c.req.param('id')) return refuse(c, 400, `the tool's id (${JSON.stringify(id)}) must equal the id in the address (${c.req.param('id')})`);
    const result = await saveTool(ctx.db, c.get('board').id, body.value, c.get('user').email, ctx.now());
    if (!result.ok) return c.json({ error: `the tool is not valid: ${result.errors.map((p) => `${p.path ? `${p.path}: ` : ''}${p.message}`).join('; ')}`, problems: result.errors }, 400);
    return c.json({ tool: result.tool, warnings: result.warnings }, result.created ? 201 : 200);
  });

  api.delete('/b/:slug/api/fg/tools/:id', async (c) => {
    const result = await deleteTool(ctx.db, c.get('board').id, c.req.param('id'), c.get('user').email);
    return result.ok ? c.body(null, 204) : refuse(c, result.status, result.error);
  });

  api.get('/b/:slug/api/fg/publish', async (c) => c.json(await previewPublish(ctx, c.get('board'))));

  api.post('/b/:slug/api/fg/publish', async (c) => {
    const result = await publish(ctx, c.get('board'), c.get('user').email);
    if (!result.ok) return c.json({ error: `not published: ${result.errors.length} lint error(s)`, errors: result.errors }, 409);
    return c.json({ serial: result.serial, warnings: result.warnings });
  });

  api.get('/b/:slug/api/fg/export.csv', async (c) => {
    const rows = await listRequests(ctx.db, c.get('board').id);
    await audit(ctx.db, c.get('board').id, c.get('user').email, 'export.csv', 'requests', { rows: rows.length, via: 'api' }, ctx.now());
    c.header('content-type', 'text/csv; charset=utf-8');
    c.header('content-disposition', `attachment; filename="requests-${c.get('board').slug}.csv"`);
    return c.body(`\uFEFF${toCsv(EXPORT_HEADER, rows.map(exportRow))}`);
  });

  /** `?action=publish` (or a group: `login.`), `from`/`to` as yyyy-mm-dd, `page` from 1; newest first, 100 a page. */
  api.get('/b/:slug/api/fg/audit', async (c) => {
    const query = auditQueryFrom({ action: c.req.query('action'), from: c.req.query('from'), to: c.req.query('to'), page: c.req.query('page') });
    if ('error' in query) return refuse(c, 400, query.error);
    const { entries, hasMore, page } = await listAudit(ctx.db, c.get('board').id, query);
    return c.json({ entries, page, hasMore });
  });
}
