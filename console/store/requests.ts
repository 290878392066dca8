/**
 * Teachers' vetting requests for one board: stored once per request id (the Idempotency-Key)
 * inside a transaction together with the notifications they cause; read, decided and, after the
 * retention period, stripped of personal data with the decision kept. Every query names the board.
 */
import { FG_STATUSES } from '../../lib/requests/schema';
import { and, asc, desc, eq, inArray, isNull, lt, ne } from 'drizzle-orm';
import type { VettingRequest } from '../../lib/requests/schema';
import type { Db } from '../db/open';
import { requests, users } from '../db/schema';
import { audit } from './audit';
import type { OutboxMessage } from '../notify/message';
import { enqueue } from './outbox';

export type RequestRow = typeof requests.$inferSelect;
export type RequestStatus = RequestRow['status'];
/** The FG's statuses of a request: the contract's (statusUrl), one list for the store, the API and the schema. */
export const REQUEST_STATUSES = FG_STATUSES;
/** The statuses of a request the FG still has to decide. */
export const OPEN_STATUSES = ['received', 'in-review'] as const satisfies readonly RequestStatus[];

export type StoreOutcome = { kind: 'stored'; row: RequestRow } | { kind: 'replay'; row: RequestRow } | { kind: 'conflict' };

/**
 * Stores a request unless one with its id is there: the same body again is a replay (the first
 * answer is given again), another body under the same id is a conflict. `notify` gives the
 * notifications to store with it. `now` is the console's clock, which the digests and the
 * needs-attention ages compare against (not the database server's).
 */
export async function storeRequest(db: Db, boardId: number, request: VettingRequest, bodyHash: string, now: Date, notify: (row: RequestRow) => OutboxMessage[]): Promise<StoreOutcome> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(requests)
      .values({
        boardId,
        requestId: request.id,
        bodyHash,
        body: request,
        toolHost: request.tool.host.toLowerCase(),
        toolName: request.tool.name,
        registerId: request.tool.registerId,
        requesterEmail: request.requester.email.toLowerCase(),
        status: 'received',
        note: '',
        receivedAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing({ target: [requests.boardId, requests.requestId] })
      .returning();
    if (row) {
      for (const message of notify(row)) await enqueue(tx, boardId, message);
      return { kind: 'stored', row };
    }
    const [existing] = await tx.select().from(requests).where(and(eq(requests.boardId, boardId), eq(requests.requestId, request.id)));
    if (!existing) throw new Error('request vanished between insert and read');
    return existing.bodyHash === bodyHash ? { kind: 'replay', row: existing } : { kind: 'conflict' };
  });
}

export async function findRequest(db: Db, boardId: number, requestId: string): Promise<RequestRow | null> {
  if (!/^[0-9a-f-]{36}$/i.test(requestId)) return null;
  const [row] = await db.select().from(requests).where(and(eq(requests.boardId, boardId), eq(requests.requestId, requestId)));
  return row ?? null;
}

export async function listRequests(db: Db, boardId: number, statuses?: readonly RequestStatus[]): Promise<RequestRow[]> {
  const where = statuses && statuses.length > 0 ? and(eq(requests.boardId, boardId), inArray(requests.status, [...statuses])) : eq(requests.boardId, boardId);
  return db.select().from(requests).where(where).orderBy(asc(requests.receivedAt), asc(requests.id));
}

/** Other requests of this board for the same site (one piece of work for the FG). */
export async function requestsForHost(db: Db, boardId: number, host: string, except: string): Promise<RequestRow[]> {
  return db
    .select()
    .from(requests)
    .where(and(eq(requests.boardId, boardId), eq(requests.toolHost, host.toLowerCase()), ne(requests.requestId, except)))
    .orderBy(desc(requests.receivedAt));
}

export interface Decision {
  status: RequestStatus;
  note: string;
  toolId?: string | null;
}

/** Records the FG's decision (or "in review") with the audit entry and the webhook, in one transaction. */
export async function decideRequest(db: Db, boardId: number, requestId: string, decision: Decision, actor: string, now: Date, notify: (row: RequestRow) => OutboxMessage[]): Promise<RequestRow | null> {
  return db.transaction(async (tx) => {
    const final = decision.status === 'approved' || decision.status === 'rejected';
    const [row] = await tx
      .update(requests)
      .set({
        status: decision.status,
        note: decision.note,
        updatedAt: now,
        decidedAt: final ? now : null,
        decidedBy: final ? actor : null,
        ...(decision.toolId !== undefined ? { toolId: decision.toolId } : {}),
      })
      .where(and(eq(requests.boardId, boardId), eq(requests.requestId, requestId)))
      .returning();
    if (!row) return null;
    await audit(tx, boardId, actor, `request.${decision.status}`, requestId, { tool: row.toolName, host: row.toolHost, note: decision.note, toolId: row.toolId });
    for (const message of notify(row)) await enqueue(tx, boardId, message);
    return row;
  });
}

/**
 * Retention: personal data (the body with name, e-mail, school and message; the requester's
 * address) of requests decided before `cutoff` is removed; status, note, tool and dates stay.
 */
export async function redactDecidedBefore(db: Db, cutoff: Date, now: Date): Promise<number> {
  const redacted = await db
    .update(requests)
    .set({ body: null, requesterEmail: null, redactedAt: now })
    .where(and(isNull(requests.redactedAt), inArray(requests.status, ['approved', 'rejected']), lt(requests.decidedAt, cutoff)))
    .returning({ id: requests.id });
  return redacted.length;
}

/** The board's FG accounts that want `mode` notifications. */
export async function fgRecipients(db: Db, boardId: number, mode: 'instant' | 'hourly'): Promise<{ id: number; email: string; language: 'nl' | 'en' }[]> {
  return db.select({ id: users.id, email: users.email, language: users.language }).from(users).where(and(eq(users.boardId, boardId), eq(users.role, 'fg'), eq(users.notify, mode)));
}

