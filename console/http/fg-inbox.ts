/**
 * The inbox: requests by tab (new, in review, decided), with how many ask for the same site.
 */
import type { Hono } from 'hono';
import type { ConsoleContext } from '../context';
import { listRequests, type RequestRow } from '../store/requests';
import { renderPage } from '../ui/layout';
import { InboxPage, type InboxTab } from '../ui/inbox';
import { webKit, type WebEnv } from './fg-kit';

export function mountFgInbox(web: Hono<WebEnv>, ctx: ConsoleContext): void {
  const { html, page, flashOf } = webKit;
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
}
