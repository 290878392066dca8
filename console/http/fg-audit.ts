/**
 * The audit log (a page at a time, filtered) and the CSV export of requests and decisions.
 */
import type { Hono } from 'hono';
import type { ConsoleContext } from '../context';
import { toCsv } from '../../lib/csv-export';
import { exportRow, EXPORT_HEADER } from '../lib/request-view';
import { audit, auditActions, auditQueryFrom, listAudit } from '../store/audit';
import { listRequests } from '../store/requests';
import { AuditPage } from '../ui/audit';
import { renderPage } from '../ui/layout';
import { webKit, type WebEnv } from './fg-kit';

export function mountFgAudit(web: Hono<WebEnv>, ctx: ConsoleContext): void {
  const { html, page } = webKit;
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
}
