/**
 * The console's HTTP application: the board resolver, then the extension's addresses (intake,
 * status, register), the FG's API and web interface, the public page. Errors never crash the
 * process: a database that does not answer is a 503 (the extension retries), anything else a 500
 * that says nothing about the internals.
 */
import { Hono } from 'hono';
import type { ConsoleContext } from '../context';
import { mountBoardResolver, type BoardEnv } from './board';
import { refuse, UNAVAILABLE } from './errors';
import { mountFgApi } from './fg-api';
import { mountFgWeb } from './fg-web';
import { mountIntake } from './intake';
import { mountPublic } from './public';
import { securityHeaders } from './security-headers';
import { renderUnavailablePage } from '../ui/unavailable';

const DB_DOWN_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', '53300']);

/** Whether an error means the database cannot be reached (rather than a bug). */
export function isDatabaseDown(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && DB_DOWN_CODES.has(code)) return true;
    const message = String((e as { message?: unknown }).message ?? '');
    if (/Connection terminated|connection timeout|timeout exceeded when trying to connect|PGlite is closed|database is closed|Cannot use a pool after calling end/i.test(message)) return true;
  }
  return false;
}

/**
 * An error as the log may keep it: its kind and code, and its message only when that cannot hold
 * a query's parameters (a failed INSERT's message carries the teacher's request).
 */
export function describeError(error: unknown): string {
  const e = error as { name?: string; code?: unknown; message?: string; cause?: { code?: unknown; name?: string } };
  const code = e.code ?? e.cause?.code;
  const kind = `${e.name ?? 'Error'}${code ? ` (${String(code)})` : ''}`;
  const message = String(e.message ?? '');
  if (/query|params:/i.test(`${e.name} ${message}`)) return `${kind}: a database query failed`;
  return `${kind}: ${message.split('\n')[0]!.slice(0, 200)}`;
}

export function createApp(ctx: ConsoleContext, log: (line: string) => void = (l) => console.error(l)): Hono<BoardEnv> {
  const app = new Hono<BoardEnv>();
  app.use('*', securityHeaders(ctx.settings.publicUrl.startsWith('https://')));
  app.onError((error, c) => {
    const down = isDatabaseDown(error);
    log(`${down ? 'database unavailable' : 'error'} on ${c.req.method} ${c.req.path}: ${describeError(error)}`);
    if (c.req.path.includes('/api/requests')) c.header('access-control-allow-origin', '*');
    const page = /^\/b\/[^/]+\/fg\//.test(c.req.path);
    if (down && page) {
      // the FG sees a page that says so, in words, instead of a JSON error
      c.header('retry-after', '60');
      c.header('cache-control', 'no-store');
      return c.html(renderUnavailablePage(/^nl\b/i.test(c.req.header('accept-language') ?? 'nl') ? 'nl' : 'en'), 503);
    }
    if (down || /\/api\/requests$/.test(c.req.path)) return refuse(c, 503, UNAVAILABLE, { 'retry-after': '60' });
    return refuse(c, 500, 'something went wrong in the console; it has been logged');
  });
  app.notFound((c) => refuse(c, 404, 'not found'));
  app.get('/', (c) => c.redirect('/healthz'));
  app.get('/healthz', (c) => c.json({ ok: true }));
  mountBoardResolver(app, ctx);
  mountIntake(app, ctx);
  mountPublic(app, ctx);
  mountFgApi(app, ctx);
  mountFgWeb(app, ctx);
  return app;
}
