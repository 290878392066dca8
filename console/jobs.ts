/**
 * The console's background work, safe with several instances on one database: sending the
 * notification outbox (leased rows), hourly digests and the weekly needs-attention digest
 * (claimed with one conditional UPDATE), retention, and pruning old rate-limit windows and
 * sessions. Each job reports failures and tries again at its next tick; none can stop intake.
 */
import type { ConsoleContext } from './context';
import { attentionEmail, digestEmail } from './lib/notifications';
import { deliverDue, type Senders } from './notify/send';
import { pruneSessions } from './store/accounts';
import { attentionFor } from './store/attention';
import { findBoardById } from './store/boards';
import { boardFgs, claimAttentionDigests, claimHourlyDigests, requestsReceivedBetween } from './store/digests';
import { pruneLoginSteps } from './store/login-steps';
import { pruneLimits } from './store/limits';
import { enqueue } from './store/outbox';
import { redactDecidedBefore } from './store/requests';
import { attentionText } from './ui/attention';
import { translate } from './ui/messages';

const HOUR = 3_600_000;

/** Hourly digests: each FG who chose them gets the requests that arrived since their last one. */
export async function sendHourlyDigests(ctx: ConsoleContext): Promise<number> {
  if (!ctx.settings.smtpUrl) return 0;
  const now = ctx.now();
  let sent = 0;
  for (const fg of await claimHourlyDigests(ctx.db, now, HOUR)) {
    const fresh = await requestsReceivedBetween(ctx.db, fg.boardId, fg.previous ?? new Date(now.getTime() - HOUR), now);
    if (fresh.length === 0) continue;
    const board = await findBoardById(ctx.db, fg.boardId);
    if (!board) continue;
    await enqueue(ctx.db, board.id, digestEmail(ctx, board, fresh, fg.email, fg.language));
    sent += 1;
  }
  return sent;
}

/** The weekly needs-attention digest to every FG of a board that has something to attend to. */
export async function sendAttentionDigests(ctx: ConsoleContext): Promise<number> {
  if (!ctx.settings.smtpUrl) return 0;
  let sent = 0;
  for (const board of await claimAttentionDigests(ctx.db, ctx.now(), 7 * 24 * HOUR)) {
    const items = await attentionFor(ctx, board);
    if (items.length === 0) continue;
    for (const fg of (await boardFgs(ctx.db, board.id)).filter((u) => u.notify !== 'off')) {
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

