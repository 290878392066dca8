/**
 * FG accounts, their login sessions and API tokens. Sessions and tokens are stored as SHA-256
 * of the secret, scoped to one board: a session or token of board A is unknown on board B.
 */
import { and, eq, gt, lt } from 'drizzle-orm';
import type { Db } from '../db/open';
import { apiTokens, sessions, users } from '../db/schema';
import { hashPassword, hashToken, newToken } from '../lib/secrets';
import { audit } from './audit';

export type User = typeof users.$inferSelect;

/** A session lasts a working day; the FG logs in again the next morning. */
export const SESSION_HOURS = 12;

export async function findUserByEmail(db: Db, boardId: number, email: string): Promise<User | null> {
  const [user] = await db.select().from(users).where(and(eq(users.boardId, boardId), eq(users.email, email.trim().toLowerCase())));
  return user ?? null;
}

export async function findUser(db: Db, boardId: number, id: number): Promise<User | null> {
  const [user] = await db.select().from(users).where(and(eq(users.boardId, boardId), eq(users.id, id)));
  return user ?? null;
}

/** Another account on a board: an FG (may change everything) or a viewer (reads only). Null if the address has one. */
export async function addUser(db: Db, boardId: number, input: { email: string; name?: string; role: User['role']; password: string }, actor: string): Promise<User | null> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({ boardId, email: input.email.trim().toLowerCase(), name: input.name ?? '', passwordHash, role: input.role, notify: input.role === 'fg' ? 'instant' : 'off', language: 'nl' })
      .onConflictDoNothing({ target: [users.boardId, users.email] })
      .returning();
    if (user) await audit(tx, boardId, actor, 'account.create', user.email, { role: user.role });
    return user ?? null;
  });
}

export type Session = typeof sessions.$inferSelect;

/** A second factor or single sign-on counts as fresh this long: publishing and new API tokens want it. */
export const FRESH_MINUTES = 15;

export async function createSession(db: Db, user: User, now: Date, method: Session['method'] = 'password'): Promise<{ token: string; csrf: string }> {
  const token = newToken('bjs');
  const csrf = newToken('csrf');
  await db.insert(sessions).values({ tokenHash: hashToken(token), userId: user.id, boardId: user.boardId, csrfToken: csrf, createdAt: now, expiresAt: new Date(now.getTime() + SESSION_HOURS * 3_600_000), method, verifiedAt: now });
  return { token, csrf };
}

/** The strongest factor the account has was shown again (the confirm step). */
export async function refreshSession(db: Db, token: string, now: Date): Promise<void> {
  await db.update(sessions).set({ verifiedAt: now }).where(eq(sessions.tokenHash, hashToken(token)));
}

export function sessionIsFresh(session: Pick<Session, 'verifiedAt'>, now: Date): boolean {
  return session.verifiedAt !== null && now.getTime() - session.verifiedAt.getTime() < FRESH_MINUTES * 60_000 && session.verifiedAt.getTime() <= now.getTime() + 60_000;
}

export async function sessionUser(db: Db, boardId: number, token: string, now: Date): Promise<{ user: User; csrf: string; method: Session['method']; verifiedAt: Date | null } | null> {
  const [row] = await db
    .select({ user: users, csrf: sessions.csrfToken, method: sessions.method, verifiedAt: sessions.verifiedAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, hashToken(token)), eq(sessions.boardId, boardId), eq(users.boardId, boardId), gt(sessions.expiresAt, now)));
  return row ?? null;
}

export async function endSession(db: Db, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, hashToken(token)));
}

export async function pruneSessions(db: Db, now: Date): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, now));
}

export async function createApiToken(db: Db, user: User, label: string): Promise<string> {
  const token = newToken('bjt');
  await db.transaction(async (tx) => {
    await tx.insert(apiTokens).values({ boardId: user.boardId, userId: user.id, tokenHash: hashToken(token), label });
    await audit(tx, user.boardId, user.email, 'token.create', label);
  });
  return token;
}

export async function apiTokenUser(db: Db, boardId: number, token: string, now: Date): Promise<User | null> {
  const [row] = await db
    .select({ user: users, id: apiTokens.id })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, hashToken(token)), eq(apiTokens.boardId, boardId), eq(users.boardId, boardId)));
  if (!row) return null;
  await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.id));
  return row.user;
}

export async function listApiTokens(db: Db, boardId: number) {
  return db
    .select({ id: apiTokens.id, label: apiTokens.label, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt, owner: users.email })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(eq(apiTokens.boardId, boardId));
}

export async function revokeApiToken(db: Db, boardId: number, id: number, actor: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const removed = await tx.delete(apiTokens).where(and(eq(apiTokens.boardId, boardId), eq(apiTokens.id, id))).returning({ label: apiTokens.label });
    if (removed.length > 0) await audit(tx, boardId, actor, 'token.revoke', removed[0]!.label);
    return removed.length > 0;
  });
}

export async function setNotify(db: Db, user: User, notify: User['notify'], language: User['language']): Promise<void> {
  await db.update(users).set({ notify, language }).where(and(eq(users.boardId, user.boardId), eq(users.id, user.id)));
}
