/**
 * Needs attention: agreements ending, sheets changed, requests waiting, a register near its end.
 */
import type { Hono } from 'hono';
import type { ConsoleContext } from '../context';
import { needsAttention } from '../lib/attention';
import { latestRegister } from '../store/registers';
import { listRequests } from '../store/requests';
import { listTools } from '../store/tools';
import { AttentionPage } from '../ui/attention';
import { renderPage } from '../ui/layout';
import { webKit, type WebEnv } from './fg-kit';

export function mountFgAttention(web: Hono<WebEnv>, ctx: ConsoleContext): void {
  const { html, page } = webKit;
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
}
