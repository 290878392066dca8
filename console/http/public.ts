/** What anyone may read: the board's signed register (for the extension) and its public site (public-site.ts). */
import type { Hono } from 'hono';
import type { ConsoleContext } from '../context';
import { latestRegister } from '../store/registers';
import type { BoardEnv } from './board';
import { refuse } from './errors';
import { mountPublicSite } from './public-site';

export function mountPublic(app: Hono<BoardEnv>, ctx: ConsoleContext): void {
  app.get('/b/:slug/register.json', async (c) => {
    c.header('access-control-allow-origin', '*');
    const latest = await latestRegister(ctx.db, c.get('board').id);
    if (!latest) return refuse(c, 404, 'this board has not published a register yet');
    c.header('etag', latest.etag);
    c.header('cache-control', 'no-cache');
    if (c.req.header('if-none-match') === latest.etag) return c.body(null, 304);
    c.header('content-type', 'application/json');
    return c.body(latest.envelope);
  });

  mountPublicSite(app, ctx);
}
