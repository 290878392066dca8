/**
 * Notifications waiting to go out (e-mail and webhook), stored in the same transaction as what
 * caused them, so a crash never loses one and intake never waits for a mail server.
 */
import { and, asc, eq, isNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/open';
import { outbox } from '../db/schema';
import type { OutboxMessage } from '../notify/message';


export type OutboxRow = typeof outbox.$inferSelect;

export async function enqueue(db: Db, boardId: number, message: OutboxMessage): Promise<void> {
  await db.insert(outbox).values({ boardId, kind: message.kind, message, attempts: 0 });
}

/** Takes up to `limit` due messages, leasing each for `leaseMs` so another instance skips them. */
export async function takeDue(db: Db, now: Date, limit: number, leaseMs: number): Promise<OutboxRow[]> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(outbox)
      .where(and(isNull(outbox.doneAt), lte(outbox.nextAt, now)))
      .orderBy(asc(outbox.nextAt))
      .limit(limit)
      .for('update', { skipLocked: true });
    for (const row of due) await tx.update(outbox).set({ nextAt: new Date(now.getTime() + leaseMs) }).where(eq(outbox.id, row.id));
    return due;
  });
}

export async function markDone(db: Db, id: number, now: Date): Promise<void> {
  await db.update(outbox).set({ doneAt: now, lastError: null }).where(eq(outbox.id, id));
}

/** Records a failed attempt and when to try again (null: give up). */
export async function markFailed(db: Db, id: number, error: string, retryAt: Date | null, now: Date): Promise<void> {
  await db
    .update(outbox)
    .set({ attempts: sql`${outbox.attempts} + 1`, lastError: error.slice(0, 500), nextAt: retryAt ?? now, doneAt: retryAt ? null : now })
    .where(eq(outbox.id, id));
}
