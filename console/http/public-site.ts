/**
 * The board's public page for parents and teachers at /b/SLUG/: the same static site
 * `bijsluiter site` writes (site/), generated from the latest published register and its
 * predecessors (for "What changed" and the feed). Generated once per published serial and kept
 * in memory, so a publish regenerates it on the next visit and every visit after is a lookup.
 */
import type { Context, Hono } from 'hono';
import { renderSite } from '../../site/render';
import type { ConsoleContext } from '../context';
import { latestRegister, recentRegisters, type PublishedRegister } from '../store/registers';
import type { BoardEnv } from './board';
import { renderNothingPublishedPage } from '../ui/public-page';

/** The site's own script (a search filter) is allowed; nothing else runs or loads from elsewhere. */
export const PUBLIC_SITE_CSP = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

/** How many earlier registers the "What changed" page and the feed go back. */
const HISTORY = 10;

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  xml: 'application/atom+xml; charset=utf-8',
};

export function mountPublicSite(app: Hono<BoardEnv>, ctx: ConsoleContext): void {
  const cache = new Map<number, { serial: number; files: Map<string, string> }>();

  async function siteOf(boardId: number, slug: string, latest: PublishedRegister): Promise<Map<string, string>> {
    const cached = cache.get(boardId);
    if (cached?.serial === latest.serial) return cached.files;
    const rows = await recentRegisters(ctx.db, boardId, HISTORY + 1);
    const payloads = rows.map((row) => row.payload);
    const current = payloads.pop()!;
    const keyFingerprint = (JSON.parse(latest.envelope) as { signatures: { keyid?: string }[] }).signatures[0]?.keyid ?? '';
    // the feed's ids and links are absolute when the console is reached over https
    const baseUrl = ctx.settings.publicUrl.startsWith('https://') ? `${ctx.settings.publicUrl}/b/${slug}/` : undefined;
    const files = renderSite({ payload: current, keyFingerprint, languages: ['nl', 'en'], history: payloads, baseUrl });
    cache.set(boardId, { serial: latest.serial, files });
    return files;
  }

  async function serve(c: Context<BoardEnv>, path: string): Promise<Response> {
    const board = c.get('board');
    const latest = await latestRegister(ctx.db, board.id);
    if (!latest) {
      if (path !== 'index.html') return c.notFound();
      return c.html(renderNothingPublishedPage(board, c.req.header('accept-language')));
    }
    const file = (await siteOf(board.id, board.slug, latest)).get(path);
    if (file === undefined) return c.notFound();
    c.header('content-security-policy', PUBLIC_SITE_CSP);
    c.header('content-type', TYPES[path.split('.').pop() ?? ''] ?? 'application/octet-stream');
    c.header('cache-control', 'no-cache');
    return c.body(file);
  }

  // relative links in the site need the trailing slash
  app.get('/b/:slug{[a-z0-9-]+}', (c) => c.redirect(`/b/${c.req.param('slug')}/`, 301));
  app.get('/b/:slug/', (c) => serve(c, 'index.html'));
  app.get('/b/:slug/*', async (c, next) => {
    const rest = c.req.path.slice(`/b/${c.get('board').slug}/`.length);
    // only names the generator makes: no dot-segments, no encoded separators
    if (!/^([a-z]{2}\/)?([a-z0-9-]+\/)?[a-z0-9.-]+\.(html|css|js|xml)$/.test(rest) || rest.includes('..')) return next();
    const path = rest.endsWith('/') ? `${rest}index.html` : rest;
    return serve(c, path);
  });
  // only the site's languages: /b/SLUG/fg/ is the FG's inbox, two letters as well
  app.get('/b/:slug/:lang{nl|en}/', (c) => serve(c, `${c.req.param('lang')}/index.html`));
}
