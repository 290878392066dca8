/**
 * Needs attention: agreements ending, sheets changed, requests waiting, a register near its end.
 */
import type { Hono } from 'hono';
import type { ConsoleContext } from '../context';
import { attentionFor } from '../store/attention';
import { AttentionPage } from '../ui/attention';
import { renderPage } from '../ui/layout';
import { webKit, type WebEnv } from './fg-kit';

export function mountFgAttention(web: Hono<WebEnv>, ctx: ConsoleContext): void {
  const { html, page } = webKit;
  web.get('/b/:slug/fg/attention', async (c) => {
    const items = await attentionFor(ctx, c.get('board'));
    const p = page(c);
    return html(c, renderPage(p.lang, AttentionPage({ page: p, items })));
  });
}
