/**
 * The board's register source: one row per tool, the register Tool as JSON, checked with the
 * extension's schema and the CLI's lint (against the whole register, so a pattern claimed twice
 * or an unknown alternative is caught when the tool is saved, not when publishing).
 */
import { and, asc, eq } from 'drizzle-orm';
import { lintPayload, type Problem } from '../../lib/register/lint';
import { schoolDay } from '../../lib/dates';
import { REGISTER_FORMAT, toolSchema, type Tool } from '../../lib/register/schema';
import type { Db } from '../db/open';
import { tools } from '../db/schema';
import { audit } from './audit';

export async function listTools(db: Db, boardId: number): Promise<Tool[]> {
  const result = await db.select({ data: tools.data }).from(tools).where(eq(tools.boardId, boardId)).orderBy(asc(tools.toolId));
  return result.map((r) => r.data);
}

export async function findTool(db: Db, boardId: number, toolId: string): Promise<Tool | null> {
  const [row] = await db.select({ data: tools.data }).from(tools).where(and(eq(tools.boardId, boardId), eq(tools.toolId, toolId)));
  return row?.data ?? null;
}

/** A payload around `list` for linting: the dates and publisher are placeholders lint accepts. */
export function lintTools(list: readonly unknown[], now: Date): Problem[] {
  const issued = now.toISOString();
  const payload = { format: REGISTER_FORMAT, serial: 1, issuedAt: issued, expiresAt: new Date(now.getTime() + 86_400_000).toISOString(), publisher: { name: 'lint', fg: { email: 'lint@example.org' } }, tools: list };
  return lintPayload(payload, schoolDay(now)).filter((p) => p.path !== 'expiresAt');
}

export type SaveResult = { ok: true; tool: Tool; warnings: Problem[]; created: boolean } | { ok: false; errors: Problem[] };

/**
 * Adds or replaces one tool after checking it alone (schema) and with the others (lint). Problems
 * are reported with paths relative to the tool (`match[0]`), as an editor shows them.
 */
export async function saveTool(db: Db, boardId: number, raw: unknown, actor: string, now: Date): Promise<SaveResult> {
  return db.transaction(async (tx) => {
    const parsed = toolSchema.safeParse(raw);
    if (!parsed.success) {
      return { ok: false, errors: parsed.error.issues.map((i) => ({ level: 'error' as const, toolId: (raw as { id?: string })?.id ?? null, path: i.path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`)).join('').replace(/^\./, ''), message: i.message })) };
    }
    const tool = parsed.data;
    const others = (await listTools(tx, boardId)).filter((t) => t.id !== tool.id);
    const all = [...others, tool];
    const index = all.length - 1;
    const mine = lintTools(all, now)
      .filter((p) => p.path.startsWith(`tools[${index}]`))
      .map((p) => ({ ...p, path: p.path.replace(`tools[${index}]`, '').replace(/^\./, '') }));
    const errors = mine.filter((p) => p.level === 'error');
    if (errors.length > 0) return { ok: false, errors };
    const existing = await tx.select({ id: tools.toolId }).from(tools).where(and(eq(tools.boardId, boardId), eq(tools.toolId, tool.id)));
    await tx
      .insert(tools)
      .values({ boardId, toolId: tool.id, data: tool, updatedAt: now, updatedBy: actor })
      .onConflictDoUpdate({ target: [tools.boardId, tools.toolId], set: { data: tool, updatedAt: now, updatedBy: actor } });
    await audit(tx, boardId, actor, existing.length ? 'tool.update' : 'tool.create', tool.id, { name: tool.name, status: tool.status });
    return { ok: true, tool, warnings: mine.filter((p) => p.level === 'warning'), created: existing.length === 0 };
  });
}

/** Removes a tool; refused while another tool names it as an alternative. */
export async function deleteTool(db: Db, boardId: number, toolId: string, actor: string): Promise<{ ok: true } | { ok: false; status: 404 | 409; error: string }> {
  return db.transaction(async (tx) => {
    const all = await listTools(tx, boardId);
    if (!all.some((t) => t.id === toolId)) return { ok: false, status: 404, error: `no tool "${toolId}"` };
    const users = all.filter((t) => t.id !== toolId && t.alternatives.includes(toolId)).map((t) => t.id);
    if (users.length > 0) return { ok: false, status: 409, error: `"${toolId}" is named as an alternative by ${users.join(', ')}; remove it there first` };
    await tx.delete(tools).where(and(eq(tools.boardId, boardId), eq(tools.toolId, toolId)));
    await audit(tx, boardId, actor, 'tool.delete', toolId);
    return { ok: true };
  });
}
