/** The audit log: who did what, when, to which board's data. Written in the action's transaction. */
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../db/open';
import { auditLog } from '../db/schema';

export type AuditEntry = typeof auditLog.$inferSelect;

export async function audit(db: Db, boardId: number, actor: string, action: string, subject: string, detail: Record<string, unknown> = {}): Promise<void> {
  await db.insert(auditLog).values({ boardId, actor, action, subject, detail });
}

export async function listAudit(db: Db, boardId: number, limit = 200): Promise<AuditEntry[]> {
  return db.select().from(auditLog).where(and(eq(auditLog.boardId, boardId))).orderBy(desc(auditLog.at), desc(auditLog.id)).limit(limit);
}
