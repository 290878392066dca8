/**
 * The audit log: who did what, when, to which board's data. Written in the action's transaction.
 *
 * Repeated events of one kind (failed logins, API reads, exports) are folded: the same actor,
 * action, subject and detail within ten minutes adds to the entry's `count` instead of a new
 * row (another address or reason is another line, so an attacker's addresses are never hidden), so
 * 200 export GETs are one line that says 200, and a publish is never pushed out of view.
 */
import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { rows, type Db } from '../db/open';
import { auditLog } from '../db/schema';

export type AuditEntry = typeof auditLog.$inferSelect;

/** Actions whose repeats fold into one entry with a count. */
export const FOLDED_ACTIONS: ReadonlySet<string> = new Set(['login.failed', 'code.failed', 'login.refused', 'api.auth-failed', 'api.read', 'export.csv']);
const FOLD_WINDOW_MS = 10 * 60_000;

export async function audit(db: Db, boardId: number, actor: string, action: string, subject: string, detail: Record<string, unknown> = {}, now?: Date): Promise<void> {
  const at = now ?? new Date();
  if (FOLDED_ACTIONS.has(action)) {
    const since = new Date(at.getTime() - FOLD_WINDOW_MS);
    const folded = await db.execute(sql`
      UPDATE audit_log SET detail = jsonb_set(jsonb_set(detail, '{count}', to_jsonb(coalesce((detail->>'count')::int, 1) + 1)), '{lastAt}', to_jsonb(${at.toISOString()}::text))
      WHERE id = (SELECT id FROM audit_log WHERE board_id = ${boardId} AND actor = ${actor} AND action = ${action} AND subject = ${subject} AND (detail - 'count' - 'lastAt') = ${JSON.stringify(detail)}::jsonb AND at >= ${since} ORDER BY at DESC, id DESC LIMIT 1)
      RETURNING id`);
    if (rows(folded).length > 0) return;
  }
  await db.insert(auditLog).values({ boardId, actor, action, subject, detail, ...(now ? { at: now } : {}) });
}

export interface AuditQuery {
  /** An action (`publish`) or a group (`login.` = every login event). */
  action?: string;
  from?: Date;
  /** Exclusive. */
  to?: Date;
  page?: number;
  pageSize?: number;
}

export const AUDIT_PAGE_SIZE = 100;

/** One page of the log, newest first, and whether there is an older page. */
export async function listAudit(db: Db, boardId: number, query: AuditQuery = {}): Promise<{ entries: AuditEntry[]; hasMore: boolean; page: number }> {
  const pageSize = Math.min(Math.max(query.pageSize ?? AUDIT_PAGE_SIZE, 1), 500);
  const page = Math.max(1, Math.floor(query.page ?? 1));
  const conditions: SQL[] = [eq(auditLog.boardId, boardId)];
  if (query.action) conditions.push(query.action.endsWith('.') ? sql`${auditLog.action} LIKE ${`${query.action.replace(/[%_\\]/g, '')}%`}` : eq(auditLog.action, query.action));
  if (query.from) conditions.push(gte(auditLog.at, query.from));
  if (query.to) conditions.push(lt(auditLog.at, query.to));
  const found = await db
    .select()
    .from(auditLog)
    .where(and(...conditions))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(pageSize + 1)
    .offset((page - 1) * pageSize);
  return { entries: found.slice(0, pageSize), hasMore: found.length > pageSize, page };
}

/** The actions a board's log holds, for the filter. */
export async function auditActions(db: Db, boardId: number): Promise<string[]> {
  const found = await db.selectDistinct({ action: auditLog.action }).from(auditLog).where(eq(auditLog.boardId, boardId));
  return found.map((r) => r.action).sort();
}

/** Reads `action`, `from`, `to` (dates, yyyy-mm-dd; `to` inclusive) and `page` from a query string; null with the reason when one is not right. */
export function auditQueryFrom(params: { action?: string; from?: string; to?: string; page?: string }): AuditQuery | { error: string } {
  const query: AuditQuery = {};
  if (params.action) {
    if (!/^[a-z.-]{1,40}$/.test(params.action)) return { error: 'action: letters, dots and dashes only, e.g. publish or login.' };
    query.action = params.action;
  }
  const day = (text: string, name: string, add: number): Date | { error: string } => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(Date.parse(`${text}T00:00:00Z`))) return { error: `${name}: a date as yyyy-mm-dd` };
    return new Date(Date.parse(`${text}T00:00:00Z`) + add);
  };
  if (params.from) {
    const from = day(params.from, 'from', 0);
    if ('error' in from) return from;
    query.from = from;
  }
  if (params.to) {
    const to = day(params.to, 'to', 86_400_000);
    if ('error' in to) return to;
    query.to = to;
  }
  if (params.page) {
    if (!/^\d{1,6}$/.test(params.page) || Number(params.page) < 1) return { error: 'page: a whole number from 1' };
    query.page = Number(params.page);
  }
  return query;
}
