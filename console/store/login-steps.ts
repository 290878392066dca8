/**
 * A login between its steps, kept in the database (another instance may answer the next step):
 * `code` after a right password when the account has a second factor, `sso` while the browser is
 * at the provider (the PKCE verifier, the nonce, the browser's binding). Keyed by the SHA-256 of
 * a secret only the browser (a cookie, or the `state` it brings back) has; short-lived.
 */
import { and, eq, gt, lt } from 'drizzle-orm';
import type { Db } from '../db/open';
import { loginSteps } from '../db/schema';
import { hashToken } from '../lib/secrets';

export type LoginStep = typeof loginSteps.$inferSelect;

export async function putLoginStep(db: Db, token: string, step: { boardId: number; userId: number | null; kind: LoginStep['kind']; data: Record<string, unknown>; expiresAt: Date }): Promise<void> {
  await db.insert(loginSteps).values({ tokenHash: hashToken(token), ...step });
}

/** The step, if it exists, is of this board and kind, and has not expired. */
export async function findLoginStep(db: Db, token: string, boardId: number, kind: LoginStep['kind'], now: Date): Promise<LoginStep | null> {
  const [row] = await db.select().from(loginSteps).where(and(eq(loginSteps.tokenHash, hashToken(token)), eq(loginSteps.boardId, boardId), eq(loginSteps.kind, kind), gt(loginSteps.expiresAt, now)));
  return row ?? null;
}

/** Takes the step once: a second request with the same secret (a replayed callback) finds nothing. */
export async function takeLoginStep(db: Db, token: string, boardId: number, kind: LoginStep['kind'], now: Date): Promise<LoginStep | null> {
  const [row] = await db.delete(loginSteps).where(and(eq(loginSteps.tokenHash, hashToken(token)), eq(loginSteps.boardId, boardId), eq(loginSteps.kind, kind))).returning();
  return row && row.expiresAt > now ? row : null;
}

export async function dropLoginStep(db: Db, token: string): Promise<void> {
  await db.delete(loginSteps).where(eq(loginSteps.tokenHash, hashToken(token)));
}

export async function pruneLoginSteps(db: Db, now: Date): Promise<void> {
  await db.delete(loginSteps).where(lt(loginSteps.expiresAt, now));
}
