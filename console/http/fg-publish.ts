/**
 * Publishing: what changes for teachers, then the next signed serial (after a fresh factor).
 */
import type { Context, Hono } from 'hono';
import type { ConsoleContext } from '../context';
import { boardPolicy } from '../store/boards';
import { latestRegister, previewPublish, publish } from '../store/registers';
import { renderPage } from '../ui/layout';
import { translate } from '../ui/messages';
import { PublishPage } from '../ui/publish';
import type { Fresh } from './fg-account';
import { webKit, type WebEnv } from './fg-kit';

export function mountFgPublish(web: Hono<WebEnv>, ctx: ConsoleContext, fresh: Fresh): void {
  const { html, page, flashOf } = webKit;
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
}
