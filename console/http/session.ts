/**
 * The FG's login session: a random token in an HttpOnly, SameSite=Strict cookie scoped to the
 * board's path (Secure whenever the console is reached over https), its SHA-256 in the database
 * with the CSRF token every form must carry. A form also fails when its Origin is another site.
 */
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { ConsoleContext } from '../context';
import { newToken, sameSecret } from '../lib/secrets';
import { SESSION_HOURS, sessionUser, type Session, type User } from '../store/accounts';
import type { Board } from '../store/boards';
import { field, type FormFields } from './forms';

export interface CurrentSession {
  user: User;
  csrf: string;
  token: string;
  method: Session['method'];
  verifiedAt: Date | null;
}

export const SESSION_COOKIE = 'bijsluiter_session';
export const LOGIN_COOKIE = 'bijsluiter_login';
/** The login between password and code (Strict: it is set and read on the console's own pages). */
export const STEP_COOKIE = 'bijsluiter_step';
/**
 * The browser's binding to a single sign-on in progress. Lax, not Strict: it must come along on
 * the provider's redirect back, a cross-site navigation that a Strict cookie does not join.
 */
export const SSO_COOKIE = 'bijsluiter_sso';

function cookieOptions(ctx: ConsoleContext, board: Board, maxAge: number) {
  return { path: `/b/${board.slug}/`, httpOnly: true, secure: ctx.settings.publicUrl.startsWith('https://'), sameSite: 'Strict' as const, maxAge };
}

export function setStepCookie(c: Context, ctx: ConsoleContext, board: Board, token: string, maxAge: number): void {
  setCookie(c, STEP_COOKIE, token, cookieOptions(ctx, board, maxAge));
}

export function clearStepCookie(c: Context, board: Board): void {
  deleteCookie(c, STEP_COOKIE, { path: `/b/${board.slug}/` });
}

export function setSsoCookie(c: Context, ctx: ConsoleContext, board: Board, token: string, maxAge: number): void {
  setCookie(c, SSO_COOKIE, token, { ...cookieOptions(ctx, board, maxAge), path: `/b/${board.slug}/fg/sso`, sameSite: 'Lax' });
}

export function clearSsoCookie(c: Context, board: Board): void {
  deleteCookie(c, SSO_COOKIE, { path: `/b/${board.slug}/fg/sso` });
}

export function setSessionCookie(c: Context, ctx: ConsoleContext, board: Board, token: string): void {
  setCookie(c, SESSION_COOKIE, token, cookieOptions(ctx, board, SESSION_HOURS * 3600));
  deleteCookie(c, LOGIN_COOKIE, { path: `/b/${board.slug}/` });
}

export function clearSessionCookie(c: Context, board: Board): void {
  deleteCookie(c, SESSION_COOKIE, { path: `/b/${board.slug}/` });
}

export async function currentSession(c: Context, ctx: ConsoleContext, board: Board): Promise<CurrentSession | null> {
  const token = getCookie(c, SESSION_COOKIE);
  if (!token || token.length > 200) return null;
  const found = await sessionUser(ctx.db, board.id, token, ctx.now());
  return found ? { ...found, token } : null;
}

/** The login form's CSRF token (a cookie and a field that must match: no session exists yet). */
export function loginCsrf(c: Context, ctx: ConsoleContext, board: Board): string {
  const existing = getCookie(c, LOGIN_COOKIE);
  if (existing && /^csrf_[A-Za-z0-9_-]{43}$/.test(existing)) return existing;
  const token = newToken('csrf');
  setCookie(c, LOGIN_COOKIE, token, cookieOptions(ctx, board, 3600));
  return token;
}

/** Whether a form post may act: right CSRF token, and no foreign Origin. */
export function formAllowed(c: Context, ctx: ConsoleContext, form: FormFields, expected: string | undefined): boolean {
  const origin = c.req.header('origin');
  if (origin && origin !== new URL(ctx.settings.publicUrl).origin) return false;
  const sent = field(form, '_csrf');
  return Boolean(expected && sent && sameSecret(sent, expected));
}
