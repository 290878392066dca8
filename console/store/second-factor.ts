/**
 * An account's second factor: the TOTP secret (sealed under the master key, like signing keys),
 * the last step taken (a code counts once), and ten recovery codes stored as SHA-256 (each is
 * 50 random bits, so a fast hash is enough; each works once).
 */
import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import type { ConsoleContext } from '../context';
import type { Db } from '../db/open';
import { recoveryCodes, sessions, users } from '../db/schema';
import { findBoardById } from './boards';
import { accountEventEmail, type AccountEvent } from '../lib/notifications';
import { enqueue } from './outbox';
import { hashToken, seal, unseal } from '../lib/secrets';
import { newRecoveryCodes, newTotpSecret, normaliseRecoveryCode, verifyTotp } from '../lib/totp';
import type { User } from './accounts';
import { audit } from './audit';

const sealContext = (user: Pick<User, 'boardId' | 'id'>) => `totp:${user.boardId}:${user.id}`;

export function hasSecondFactor(user: Pick<User, 'totpEnabledAt'>): boolean {
  return user.totpEnabledAt !== null;
}

/** Tells the account by e-mail (when the console sends e-mail) that its sign-in changed: it may not have been them. */
export async function tellAccount(ctx: Pick<ConsoleContext, 'settings'>, db: Db, user: User, event: AccountEvent): Promise<void> {
  if (!ctx.settings.smtpUrl) return;
  const board = await findBoardById(db, user.boardId);
  if (board) await enqueue(db, board.id, accountEventEmail(ctx, board, event, user.email, user.language));
}

/** A new secret, kept as pending until a code from it is typed back; the old factor stays until then. */
export async function startEnrolment(ctx: ConsoleContext, user: User): Promise<Uint8Array> {
  const secret = newTotpSecret();
  await ctx.db.update(users).set({ totpPendingEnc: seal(ctx.master, secret, sealContext(user)) }).where(eq(users.id, user.id));
  return secret;
}

export function pendingSecret(ctx: ConsoleContext, user: User): Uint8Array | null {
  return user.totpPendingEnc ? unseal(ctx.master, user.totpPendingEnc, sealContext(user)) : null;
}

/** Takes the pending secret when `code` is right for it; returns the recovery codes, shown once. */
export async function confirmEnrolment(ctx: ConsoleContext, user: User, code: string): Promise<string[] | null> {
  const secret = pendingSecret(ctx, user);
  if (!secret) return null;
  const step = verifyTotp(secret, code, ctx.now(), 0);
  if (step === null) return null;
  const codes = newRecoveryCodes();
  await ctx.db.transaction(async (tx) => {
    await tx.update(users).set({ totpSecretEnc: user.totpPendingEnc, totpPendingEnc: null, totpEnabledAt: ctx.now(), totpLastStep: step }).where(eq(users.id, user.id));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
    await tx.insert(recoveryCodes).values(codes.map((c) => ({ userId: user.id, codeHash: hashToken(c) })));
    await audit(tx, user.boardId, user.email, 'mfa.enrol', user.email);
    await tellAccount(ctx, tx, user, 'mfa.enrol');
  });
  return codes;
}

/**
 * Whether `code` is the account's current TOTP code (not taken before) or one of its unused
 * recovery codes. Taking it is one conditional UPDATE, so two requests racing with the same code
 * cannot both win.
 */
export async function takeSecondFactor(ctx: ConsoleContext, user: User, code: string): Promise<'totp' | 'recovery' | null> {
  if (!user.totpSecretEnc) return null;
  const secret = unseal(ctx.master, user.totpSecretEnc, sealContext(user));
  const step = verifyTotp(secret, code, ctx.now(), user.totpLastStep);
  if (step !== null) {
    const taken = await ctx.db.update(users).set({ totpLastStep: step }).where(and(eq(users.id, user.id), lt(users.totpLastStep, step))).returning({ id: users.id });
    return taken.length > 0 ? 'totp' : null;
  }
  const recovery = normaliseRecoveryCode(code);
  if (!recovery) return null;
  const used = await ctx.db
    .update(recoveryCodes)
    .set({ usedAt: ctx.now() })
    .where(and(eq(recoveryCodes.userId, user.id), eq(recoveryCodes.codeHash, hashToken(recovery)), isNull(recoveryCodes.usedAt)))
    .returning({ userId: recoveryCodes.userId });
  if (used.length === 0) return null;
  await audit(ctx.db, user.boardId, user.email, 'mfa.recovery-used', user.email, { left: await recoveryCodesLeft(ctx.db, user.id) });
  await tellAccount(ctx, ctx.db, user, 'mfa.recovery-used');
  return 'recovery';
}

export async function recoveryCodesLeft(db: Db, userId: number): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(recoveryCodes).where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return Number(row?.n ?? 0);
}

/**
 * Removes an account's second factor (it lost its phone and its codes): it enrols again at its
 * next login. Every session of the account ends: whoever holds the lost phone keeps nothing.
 */
export async function resetSecondFactor(ctx: Pick<ConsoleContext, 'settings'>, db: Db, user: User, actor: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.update(users).set({ totpSecretEnc: null, totpPendingEnc: null, totpEnabledAt: null, totpLastStep: 0 }).where(eq(users.id, user.id));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
    await tx.delete(sessions).where(eq(sessions.userId, user.id));
    await audit(tx, user.boardId, actor, 'mfa.reset', user.email);
    await tellAccount(ctx, tx, user, 'mfa.reset');
  });
}
