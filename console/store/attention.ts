/**
 * What needs the FG's attention for one board, read from the store once for the page and the
 * weekly digest alike: the tools, the open requests and the register served now.
 */
import type { ConsoleContext } from '../context';
import { needsAttention, type AttentionItem } from '../lib/attention';
import type { Board } from './boards';
import { latestRegister } from './registers';
import { listRequests, OPEN_STATUSES } from './requests';
import { listTools } from './tools';

export async function attentionFor(ctx: ConsoleContext, board: Pick<Board, 'id'>): Promise<AttentionItem[]> {
  const latest = await latestRegister(ctx.db, board.id);
  return needsAttention({
    tools: await listTools(ctx.db, board.id),
    openRequests: await listRequests(ctx.db, board.id, [...OPEN_STATUSES]),
    register: latest ? { serial: latest.serial, expiresAt: latest.payload.expiresAt } : null,
    now: ctx.now(),
  });
}
