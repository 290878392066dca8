/**
 * The console's background work, safe with several instances on one database: sending the
 * notification outbox (leased rows), hourly digests and the weekly needs-attention digest
 * (claimed with one conditional UPDATE), retention, and pruning old rate-limit windows and
 * sessions. Each job reports failures and tries again at its next tick; none can stop intake.
 */
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { ConsoleContext } from './context';
import { rows } from './db/open';
import { boards, requests, users } from './db/schema';
import { needsAttention } from './lib/attention';
import { attentionEmail, digestEmail } from './lib/notifications';
import { deliverDue, type Senders } from './notify/send';
import { pruneSessions } from './store/accounts';
import { pruneLoginSteps } from './store/login-steps';
import { pruneLimits } from './store/limits';
import { enqueue } from './store/outbox';
import { latestRegister } from './store/registers';
import { listRequests, redactDecidedBefore } from './store/requests';
import { listTools } from './store/tools';
import { attentionText } from './ui/attention';
import { translate } from './ui/messages';

const HOUR = 3_600_000;

/** Hourly digests: each FG who chose them gets the requests that arrived since their last one. */
export async function sendHourlyDigests(ctx: ConsoleContext): Promise<number> {
  if (!ctx.settings.smtpUrl) return 0;
  const now = ctx.now();
  // claim the FGs due for a digest and learn when each had the last one, in one statement
  const claimed = rows<{ id: number; board_id: number; email: string; language: 'nl' | 'en'; previous: Date | string | null }>(
    await ctx.db.execute(sql`
      UPDATE users u SET digest_sent_at = ${now}
      FROM (SELECT id, digest_sent_at AS previous FROM users
            WHERE notify = 'hourly' AND role = 'fg' AND (digest_sent_at IS NULL OR digest_sent_at < ${new Date(now.getTime() - HOUR)})
            FOR UPDATE SKIP LOCKED) due
      WHERE u.id = due.id
      RETURNING u.id, u.board_id, u.email, u.language, due.previous`),
  );
  let sent = 0;
  for (const fg of claimed) {
    const since = fg.previous ? new Date(fg.previous) : new Date(now.getTime() - HOUR);
    const fresh = await ctx.db.select().from(requests).where(and(eq(requests.boardId, fg.board_id), sql`${requests.receivedAt} > ${since}`, sql`${requests.receivedAt} <= ${now}`));
    if (fresh.length === 0) continue;
    const [board] = await ctx.db.select().from(boards).where(eq(boards.id, fg.board_id));
    if (!board) continue;
    await enqueue(ctx.db, board.id, digestEmail(ctx, board, fresh, fg.email, fg.language));
    sent += 1;
  }
  return sent;
}

/** The weekly needs-attention digest to every FG of a board that has something to attend to. */
export async function sendAttentionDigests(ctx: ConsoleContext): Promise<number> {
  if (!ctx.settings.smtpUrl) return 0;
  const now = ctx.now();
  const claimed = await ctx.db
    .update(boards)
    .set({ attentionDigestAt: now })
    .where(or(isNull(boards.attentionDigestAt), lt(boards.attentionDigestAt, new Date(now.getTime() - 7 * 24 * HOUR))))
    .returning();
  let sent = 0;
  for (const board of claimed) {
    const latest = await latestRegister(ctx.db, board.id);
    const items = needsAttention({
      tools: await listTools(ctx.db, board.id),
      openRequests: await listRequests(ctx.db, board.id, ['received', 'in-review']),
      register: latest ? { serial: latest.serial, expiresAt: (latest.payload as { expiresAt: string }).expiresAt } : null,
      now,
    });
    if (items.length === 0) continue;
    const fgs = await ctx.db.select().from(users).where(and(eq(users.boardId, board.id), eq(users.role, 'fg')));
    for (const fg of fgs.filter((u) => u.notify !== 'off')) {
      const page = { lang: fg.language, t: (key: Parameters<typeof translate>[1], ...subs: (string | number)[]) => translate(fg.language, key, ...subs) };
      await enqueue(ctx.db, board.id, attentionEmail(ctx, board, items.map((item) => attentionText(page, item)), fg.email, fg.language));
      sent += 1;
    }
  }
  return sent;
}

/** Retention and housekeeping. */
export async function housekeeping(ctx: ConsoleContext): Promise<{ redacted: number }> {
  const now = ctx.now();
  const redacted = await redactDecidedBefore(ctx.db, new Date(now.getTime() - ctx.settings.retentionDays * 24 * HOUR), now);
  await pruneLimits(ctx.db, new Date(now.getTime() - 24 * HOUR));
  await pruneSessions(ctx.db, now);
  await pruneLoginSteps(ctx.db, now);
  return { redacted };
}

export interface Jobs {
  stop(): Promise<void>;
  /** Runs every job once now (tests, and right after start). */
  runOnce(): Promise<void>;
}

export function startJobs(ctx: ConsoleContext, senders: Senders, log: (line: string) => void, intervals = { outboxMs: 5_000, hourlyMs: 5 * 60_000 }): Jobs {
  let stopped = false;
  const running = new Set<Promise<unknown>>();
  const guard = (name: string, job: () => Promise<unknown>) => async () => {
    if (stopped) return;
    const run = job().catch((error: Error) => log(`job ${name} failed: ${error.message}`));
    running.add(run);
    await run;
    running.delete(run);
  };
  const outbox = guard('notifications', () => deliverDue(ctx, senders));
  const periodic = guard('digests and retention', async () => {
    await sendHourlyDigests(ctx);
    await sendAttentionDigests(ctx);
    const { redacted } = await housekeeping(ctx);
    if (redacted > 0) log(`retention: removed personal data of ${redacted} decided request(s)`);
  });
  const timers = [setInterval(outbox, intervals.outboxMs), setInterval(periodic, intervals.hourlyMs)];
  for (const timer of timers) timer.unref();
  return {
    async runOnce() {
      await periodic();
      await outbox();
    },
    async stop() {
      stopped = true;
      for (const timer of timers) clearInterval(timer);
      await Promise.allSettled([...running]);
    },
  };
}

