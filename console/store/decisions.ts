/**
 * The FG's decision on a request, as the web interface and the API both make it: the status and
 * note the teacher sees, and optionally the tool record created or updated with it, all in one
 * transaction (a tool that fails lint leaves the request undecided).
 */
import type { Problem } from '../../lib/register/lint';
import { z } from '../../lib/zod';
import type { ConsoleContext } from '../context';
import { decisionNotifications } from '../lib/notifications';
import type { Board } from './boards';
import { decideRequest, findRequest, REQUEST_STATUSES, type RequestRow } from './requests';
import { saveTool } from './tools';

export const decisionSchema = z.object({
  status: z.enum(REQUEST_STATUSES),
  note: z.string().trim().max(2000).default(''),
  tool: z.unknown().optional(),
});
export type DecisionInput = z.infer<typeof decisionSchema>;

export type DecideResult =
  | { ok: true; request: RequestRow; warnings: Problem[] }
  | { ok: false; status: 400 | 404 | 409; error: string; problems?: Problem[] };

class Rollback extends Error {
  constructor(readonly result: DecideResult) {
    super('rollback');
  }
}

export async function decide(ctx: ConsoleContext, board: Board, requestId: string, input: DecisionInput, actor: string): Promise<DecideResult> {
  const existing = await findRequest(ctx.db, board.id, requestId);
  if (!existing) return { ok: false, status: 404, error: 'no such request' };
  if (input.status === 'received') return { ok: false, status: 400, error: 'a request can be put in review, approved or rejected, not back to received' };
  const toolStatus = (input.tool as { status?: unknown } | undefined)?.status;
  if (input.tool !== undefined && (input.status === 'approved' || input.status === 'rejected') && toolStatus !== input.status) {
    return { ok: false, status: 400, error: `the tool's status is "${String(toolStatus)}" but the decision is "${input.status}": make them agree` };
  }
  try {
    return await ctx.db.transaction(async (tx) => {
      let warnings: Problem[] = [];
      let toolId: string | undefined;
      if (input.tool !== undefined) {
        const saved = await saveTool(tx, board.id, input.tool, actor, ctx.now());
        if (!saved.ok) throw new Rollback({ ok: false, status: 400, error: `the tool is not valid: ${saved.errors.map((p) => `${p.path ? `${p.path}: ` : ''}${p.message}`).join('; ')}`, problems: saved.errors });
        warnings = saved.warnings;
        toolId = saved.tool.id;
      }
      const row = await decideRequest(tx, board.id, requestId, { status: input.status, note: input.note, toolId }, actor, ctx.now(), (r) => decisionNotifications(ctx, board, r));
      if (!row) throw new Rollback({ ok: false, status: 404, error: 'no such request' });
      return { ok: true as const, request: row, warnings };
    });
  } catch (error) {
    if (error instanceof Rollback) return error.result;
    throw error;
  }
}
