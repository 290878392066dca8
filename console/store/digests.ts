/**
 * Who gets a digest now, claimed in one statement each, so two instances on one PostgreSQL never
 * send the same digest twice: FGs due for their hourly digest, boards due for the weekly
 * needs-attention digest; and what an hourly digest lists.
 */
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { rows, type Db } from '../db/open';
import { boards, requests, users } from '../db/schema';
import type { Board } from './boards';
import type { RequestRow } from './requests';

export interface DueDigest {
  id: number;
  boardId: number;
  email: string;
  language: 'nl' | 'en';
  /** When this FG had the last digest (null: never). */
  previous: Date | null;
}

/** Claims the FGs whose hourly digest is due (last one over `periodMs` ago), marking them sent at `now`. */
export async function claimHourlyDigests(db: Db, now: Date, periodMs: number): Promise<DueDigest[]> {
  const claimed = rows<{ id: number; board_id: number; email: string; language: 'nl' | 'en'; previous: Date | string | null }>(
    await db.execute(sql`
      UPDATE users u SET digest_sent_at = ${now}
      FROM (SELECT id, digest_sent_at AS previous FROM users
            WHERE notify = 'hourly' AND role = 'fg' AND (digest_sent_at IS NULL OR digest_sent_at < ${new Date(now.getTime() - periodMs)})
            FOR UPDATE SKIP LOCKED) due
      WHERE u.id = due.id
      RETURNING u.id, u.board_id, u.email, u.language, due.previous`),
  );
  return claimed.map((r) => ({ id: r.id, boardId: r.board_id, email: r.email, language: r.language, previous: r.previous ? new Date(r.previous) : null }));
}

/** The board's requests received after `since`, up to `until`. */
export async function requestsReceivedBetween(db: Db, boardId: number, since: Date, until: Date): Promise<RequestRow[]> {
  return db.select().from(requests).where(and(eq(requests.boardId, boardId), sql`${requests.receivedAt} > ${since}`, sql`${requests.receivedAt} <= ${until}`));
}

/** Claims the boards whose weekly digest is due (last one over `periodMs` ago), marking them sent at `now`. */
export async function claimAttentionDigests(db: Db, now: Date, periodMs: number): Promise<Board[]> {
  return db
    .update(boards)
    .set({ attentionDigestAt: now })
    .where(or(isNull(boards.attentionDigestAt), lt(boards.attentionDigestAt, new Date(now.getTime() - periodMs))))
    .returning();
}

/** The board's FG accounts (not viewers). */
export async function boardFgs(db: Db, boardId: number) {
  return db.select().from(users).where(and(eq(users.boardId, boardId), eq(users.role, 'fg')));
}
