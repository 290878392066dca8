/**
 * Import: tools from an existing YAML source, CSV or signed register become the board's tools,
 * so an FG who started with the CLI moves over without retyping. All or nothing: the tools are
 * checked together with those already there (schema and lint), then written in one transaction.
 */
import type { Problem } from '../../lib/register/lint';
import { toolSchema, type Tool } from '../../lib/register/schema';
import type { Db } from '../db/open';
import { tools as toolsTable } from '../db/schema';
import { audit } from './audit';
import { lintTools, listTools } from './tools';

export type ImportResult = { ok: true; added: number; replaced: number; warnings: Problem[] } | { ok: false; errors: Problem[] };

export async function importTools(db: Db, boardId: number, incoming: readonly unknown[], actor: string, now: Date, source: string): Promise<ImportResult> {
  return db.transaction(async (tx) => {
    const existing = await listTools(tx, boardId);
    const byId = new Map(existing.map((t) => [t.id, t]));
    const parsed: Tool[] = [];
    const errors: Problem[] = [];
    incoming.forEach((raw, i) => {
      const result = toolSchema.safeParse(raw);
      if (result.success) parsed.push(result.data);
      else for (const issue of result.error.issues) errors.push({ level: 'error', toolId: (raw as { id?: string })?.id ?? null, path: `tools[${i}].${issue.path.join('.')}`, message: issue.message });
    });
    if (errors.length > 0) return { ok: false, errors };
    const ids = new Set(parsed.map((t) => t.id));
    const merged = [...existing.filter((t) => !ids.has(t.id)), ...parsed];
    const problems = lintTools(merged, now);
    const blocking = problems.filter((p) => p.level === 'error');
    if (blocking.length > 0) return { ok: false, errors: blocking };
    let replaced = 0;
    for (const tool of parsed) {
      if (byId.has(tool.id)) replaced += 1;
      await tx
        .insert(toolsTable)
        .values({ boardId, toolId: tool.id, data: tool, updatedAt: now, updatedBy: actor })
        .onConflictDoUpdate({ target: [toolsTable.boardId, toolsTable.toolId], set: { data: tool, updatedAt: now, updatedBy: actor } });
    }
    await audit(tx, boardId, actor, 'tools.import', source, { added: parsed.length - replaced, replaced });
    return { ok: true, added: parsed.length - replaced, replaced, warnings: problems.filter((p) => p.level === 'warning') };
  });
}
