/**
 * Sends what the outbox holds: e-mail over SMTP (nodemailer, from SMTP_URL) and the signed
 * webhook (POST JSON, 10 s timeout, 2xx is delivered). A failure is retried with backoff by the
 * caller; nothing here blocks intake.
 */
import { fetchWithTimeout } from '../../lib/net/fetch-with-timeout';
import nodemailer from 'nodemailer';
import type { ConsoleContext } from '../context';
import { findBoardById } from '../store/boards';
import { nextAttemptAt } from '../lib/backoff';
import { unseal } from '../lib/secrets';
import { signWebhook } from '../lib/webhook-signature';
import { guardedFetch } from '../lib/guarded-fetch';
import { markDone, markFailed, takeDue, type OutboxRow } from '../store/outbox';
import type { OutboxMessage } from './message';

export interface Senders {
  email(message: Extract<OutboxMessage, { kind: 'email' }>): Promise<void>;
  webhook(url: string, body: string, signature: string): Promise<void>;
}

/** A webhook that has not answered (body included) by then counts as failed; the outbox retries it. */
const WEBHOOK_TIMEOUT_MS = 10_000;

export function realSenders(ctx: ConsoleContext, fetcher: typeof fetch = guardedFetch({ allowPrivate: ctx.settings.allowPrivateWebhooks })): Senders {
  const transport = ctx.settings.smtpUrl ? nodemailer.createTransport(`${ctx.settings.smtpUrl}${ctx.settings.smtpUrl.includes('?') ? '&' : '?'}connectionTimeout=10000&greetingTimeout=10000&socketTimeout=20000`) : null;
  return {
    async email(message) {
      if (!transport) throw new Error('no SMTP_URL configured');
      await transport.sendMail({ from: ctx.settings.mailFrom, to: message.to, subject: message.subject, text: message.text });
    },
    async webhook(url, body, signature) {
      // the address guard sits in the connection itself (guarded-fetch.ts): the name may
      // resolve elsewhere than when it was saved, or than a check just before would have seen
      const init: RequestInit = { method: 'POST', headers: { 'content-type': 'application/json', 'x-bijsluiter-signature': signature, 'user-agent': 'Bijsluiter-console' }, body, redirect: 'error' };
      const outcome = await fetchWithTimeout(fetcher, url, init, WEBHOOK_TIMEOUT_MS, async (response) => response.status);
      if (outcome.kind === 'timeout') throw new Error(`webhook did not answer within ${WEBHOOK_TIMEOUT_MS / 1000} s`);
      if (outcome.kind === 'error') throw new Error(`webhook unreachable (${outcome.message})`);
      if (outcome.value < 200 || outcome.value > 299) throw new Error(`webhook answered ${outcome.value}`);
    },
  };
}

async function sendOne(ctx: ConsoleContext, senders: Senders, row: OutboxRow): Promise<void> {
  const message = row.message;
  if (message.kind === 'email') return senders.email(message);
  const board = await findBoardById(ctx.db, row.boardId);
  if (!board?.webhookUrl || !board.webhookSecretEnc) throw new Error('the board has no webhook any more');
  const secret = unseal(ctx.master, board.webhookSecretEnc, `webhook:${board.slug}`).toString();
  const body = JSON.stringify({ event: message.event, board: board.slug, data: message.data });
  await senders.webhook(board.webhookUrl, body, signWebhook(secret, body));
}

/** Sends every due message once; returns how many went out and how many failed. */
export async function deliverDue(ctx: ConsoleContext, senders: Senders, limit = 50): Promise<{ sent: number; failed: number }> {
  const due = await takeDue(ctx.db, ctx.now(), limit, 60_000);
  let sent = 0;
  let failed = 0;
  for (const row of due) {
    try {
      await sendOne(ctx, senders, row);
      await markDone(ctx.db, row.id, ctx.now());
      sent += 1;
    } catch (error) {
      await markFailed(ctx.db, row.id, (error as Error).message, nextAttemptAt(row.attempts, ctx.now()), ctx.now());
      failed += 1;
    }
  }
  return { sent, failed };
}
