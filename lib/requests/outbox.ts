/**
 * The outbox state machine, pure: how each answer of the receiver moves a request, when the next
 * attempt is due (capped exponential backoff with jitter), and which requests are open.
 *
 *   queued ──send──▶ sending ──2xx/409──▶ delivered
 *      ▲                │ ──other 4xx / redirect──▶ failed (retry by the teacher → queued)
 *      └──5xx/timeout/offline──┘
 *   queued | failed ──cancel──▶ cancelled;  no endpoint ──▶ mailto
 */
import { INSTRUMENTED_BUILD } from '../build-flags';
import { parsePageUrl } from '../url';
import type { OpenRequest } from '../verdict-types';
import type { OutboxRecord } from './schema';

/**
 * First retry within a minute, then doubling, never more than six hours apart (in the
 * instrumented build used by the soak: a quarter second, at most four seconds).
 */
export const BACKOFF_BASE_MS = INSTRUMENTED_BUILD ? 250 : 60_000;
export const BACKOFF_CAP_MS = INSTRUMENTED_BUILD ? 4_000 : 6 * 60 * 60 * 1000;

/**
 * Delay before attempt number `failures + 1`, after `failures` failed attempts (≥ 1): "equal
 * jitter", half fixed and half random, so retries of many teachers spread out but the delay
 * still grows. Never above the cap, never below half the step.
 */
export function backoffDelay(failures: number, random: number = Math.random()): number {
  const step = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, failures - 1));
  return Math.min(BACKOFF_CAP_MS, step / 2 + (step / 2) * Math.min(1, Math.max(0, random)));
}

/** How one delivery attempt ended. */
export type AttemptResult =
  | { kind: 'delivered'; statusUrl: string | null }
  | { kind: 'rejected'; reason: string }
  | { kind: 'retry'; reason: string };

/** Classifies the receiver's HTTP answer (status code and the message it gave). */
export function classifyAnswer(status: number, message: string, statusUrl: string | null): AttemptResult {
  if ((status >= 200 && status < 300) || status === 409) return { kind: 'delivered', statusUrl };
  if (status >= 400 && status < 500 && status !== 408 && status !== 429) {
    return { kind: 'rejected', reason: message || `HTTP ${status}` };
  }
  return { kind: 'retry', reason: message ? `HTTP ${status}: ${message}` : `HTTP ${status}` };
}

/** The record after an attempt. The idempotency key (the record id) never changes. */
export function afterAttempt(record: OutboxRecord, result: AttemptResult, now: Date, random?: number): OutboxRecord {
  const attempts = record.attempts + 1;
  switch (result.kind) {
    case 'delivered':
      return { ...record, state: 'delivered', attempts, nextAttemptAt: null, lastError: null, deliveredAt: now.toISOString(), statusUrl: result.statusUrl };
    case 'rejected':
      return { ...record, state: 'failed', attempts, nextAttemptAt: null, lastError: result.reason.slice(0, 1000) };
    case 'retry':
      return {
        ...record,
        state: 'queued',
        attempts,
        lastError: result.reason.slice(0, 1000),
        nextAttemptAt: new Date(now.getTime() + backoffDelay(attempts, random)).toISOString(),
      };
  }
}

/** Marks a record as being sent (persisted first, so a stopped worker leaves a trace). */
export function markSending(record: OutboxRecord): OutboxRecord {
  return { ...record, state: 'sending' };
}

/**
 * After a worker restart, a record still `sending` was interrupted mid-request: it goes back to
 * `queued`, due now. The receiver deduplicates by its key, so sending it again is safe.
 */
export function recoverInterrupted(record: OutboxRecord, now: Date): OutboxRecord {
  return record.state === 'sending' ? { ...record, state: 'queued', nextAttemptAt: now.toISOString() } : record;
}

/** Whether a record should be attempted now. */
export function isDue(record: OutboxRecord, now: Date): boolean {
  return record.state === 'queued' && (record.nextAttemptAt === null || Date.parse(record.nextAttemptAt) <= now.getTime());
}

/** The teacher retries a failed (or waiting) request now. */
export function retryNow(record: OutboxRecord): OutboxRecord | null {
  if (record.state !== 'failed' && record.state !== 'queued') return null;
  return { ...record, state: 'queued', nextAttemptAt: null };
}

/** The teacher cancels a queued or failed request. */
export function cancel(record: OutboxRecord): OutboxRecord | null {
  if (record.state !== 'failed' && record.state !== 'queued') return null;
  return { ...record, state: 'cancelled', nextAttemptAt: null };
}

/** A request still open: asked and neither failed, cancelled, nor decided by the FG. */
export function isOpen(record: OutboxRecord): boolean {
  if (!['queued', 'sending', 'delivered', 'mailto'].includes(record.state)) return false;
  return record.fgStatus?.status !== 'approved' && record.fgStatus?.status !== 'rejected';
}

/** The open requests in the form the verdict needs. */
export function openRequests(records: readonly OutboxRecord[]): OpenRequest[] {
  return records.filter(isOpen).map((r) => ({
    id: r.id,
    host: r.request.tool.host,
    path: parsePageUrl(r.request.tool.url)?.path ?? '/',
    registerId: r.request.tool.registerId,
    catalogId: r.catalogId,
    createdAt: r.request.createdAt,
  }));
}

/** When the next attempt is due among queued records, or null when none waits. */
export function nextDue(records: readonly OutboxRecord[]): number | null {
  const times = records.filter((r) => r.state === 'queued').map((r) => (r.nextAttemptAt ? Date.parse(r.nextAttemptAt) : 0));
  return times.length === 0 ? null : Math.min(...times);
}
