/**
 * The extension's side of the console, open to the internet: intake of vetting requests at
 * `POST /b/SLUG/api/requests`, the request's status at its statusUrl. Order of checks: address
 * rate limit (so bad tokens count too), intake token, body size, JSON and schema, e-mail domain,
 * per-person rate limit; then one transaction stores the request with its notifications, and
 * only then the 201.
 */
import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ConsoleContext } from '../context';
import { checkIntake } from '../lib/intake';
import { sameSecret, hashToken, statusSecret } from '../lib/secrets';
import { requestNotifications } from '../lib/notifications';
import { hit } from '../store/limits';
import { fgRecipients, findRequest, storeRequest, type RequestRow } from '../store/requests';
import type { Board } from '../store/boards';
import { clientAddress } from './client-address';
import { refuse, UNAVAILABLE } from './errors';
import type { BoardEnv } from './board';

export const INTAKE_MAX_BYTES = 64 * 1024;

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'POST',
  'access-control-allow-headers': 'content-type, idempotency-key, authorization',
  'access-control-max-age': '600',
};

function cors(c: Context) {
  c.header('access-control-allow-origin', '*');
}

export function statusUrl(ctx: ConsoleContext, board: Board, requestId: string): string {
  return `${ctx.settings.publicUrl}/b/${board.slug}/api/status/${requestId}/${statusSecret(ctx.master, board.id, requestId)}`;
}

function received(ctx: ConsoleContext, board: Board, row: RequestRow) {
  return { status: 'received', statusUrl: statusUrl(ctx, board, row.requestId) };
}

export function mountIntake(app: Hono<BoardEnv>, ctx: ConsoleContext): void {
  app.options('/b/:slug/api/requests', (c) => c.body(null, 204, CORS));

  app.post(
    '/b/:slug/api/requests',
    async (c, next) => {
      cors(c);
      const board = c.get('board');
      const address = clientAddress(c, ctx.settings.trustProxy);
      const perAddress = await hit(ctx.db, { key: `intake-ip:${address}`, ...ctx.settings.limits.intakePerAddress }, ctx.now());
      if (!perAddress.allowed) return refuse(c, 429, 'too many requests from your network; try again later', { 'retry-after': String(perAddress.retryAfter) });
      if (board.intakeTokenHash) {
        const token = /^Bearer (.+)$/i.exec(c.req.header('authorization') ?? '')?.[1]?.trim();
        if (!token) return refuse(c, 401, 'this board accepts requests only with its request token (requestToken in the extension\'s policy)', { 'www-authenticate': 'Bearer' });
        if (!sameSecret(hashToken(token), board.intakeTokenHash)) return refuse(c, 401, 'the request token is not this board\'s (check requestToken in the extension\'s policy)', { 'www-authenticate': 'Bearer' });
      }
      return next();
    },
    bodyLimit({ maxSize: INTAKE_MAX_BYTES, onError: (c) => refuse(c, 413, `the request is larger than ${INTAKE_MAX_BYTES / 1024} KB`) }),
    async (c) => {
      const board = c.get('board');
      let body: string;
      try {
        body = await c.req.text();
      } catch {
        return refuse(c, 400, 'the body could not be read');
      }
      const check = checkIntake({ contentType: c.req.header('content-type'), body, idempotencyKey: c.req.header('idempotency-key'), emailDomains: board.emailDomains });
      if (!check.ok) return refuse(c, check.status, check.error);
      // a retry of a request already here gets its first answer (or 422) before any limit counts it
      const existing = await findRequest(ctx.db, board.id, check.request.id);
      if (existing) {
        if (existing.bodyHash !== check.bodyHash) return refuse(c, 422, 'a different request was already received under this Idempotency-Key; make a new request id');
        c.header('idempotent-replayed', 'true');
        return c.json(received(ctx, board, existing), 201);
      }
      const email = check.request.requester.email.toLowerCase();
      const perEmail = await hit(ctx.db, { key: `intake-email:${board.id}:${email}`, ...ctx.settings.limits.intakePerEmail }, ctx.now());
      if (!perEmail.allowed) return refuse(c, 429, 'too many requests from this e-mail address; try again later', { 'retry-after': String(perEmail.retryAfter) });
      const instant = await fgRecipients(ctx.db, board.id, 'instant');
      const outcome = await storeRequest(ctx.db, board.id, check.request, check.bodyHash, ctx.now(), (row) => requestNotifications(ctx, board, row, instant));
      if (outcome.kind === 'conflict') return refuse(c, 422, 'a different request was already received under this Idempotency-Key; make a new request id');
      if (outcome.kind === 'replay') c.header('idempotent-replayed', 'true');
      return c.json(received(ctx, board, outcome.row), 201);
    },
  );

  app.options('/b/:slug/api/status/:id/:secret', (c) => c.body(null, 204, { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'GET', 'access-control-max-age': '600' }));
  app.get('/b/:slug/api/status/:id/:secret', async (c) => {
    cors(c);
    const board = c.get('board');
    const id = c.req.param('id');
    // the same answer for a wrong secret and an unknown request: the URL is the only credential
    if (!sameSecret(c.req.param('secret'), statusSecret(ctx.master, board.id, id))) return refuse(c, 404, 'no such request');
    const row = await findRequest(ctx.db, board.id, id);
    if (!row) return refuse(c, 404, 'no such request');
    c.header('cache-control', 'no-store');
    return c.json({ status: row.status, note: row.note, updatedAt: row.updatedAt.toISOString() });
  });
}

export { UNAVAILABLE };
