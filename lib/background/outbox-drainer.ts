/**
 * Delivering the outbox: one drain at a time, one request at a time, each POST guarded by a
 * watchdog alarm, and the outbox alarm set for the next request due (or cleared when none waits).
 */
import { REQUEST_TIMEOUT_MS, type postRequest } from '../requests/deliver';
import { afterAttempt, isDue, markSending, nextDue } from '../requests/outbox';
import type { OutboxRecord } from '../requests/schema';
import { putRecord, readOutbox } from '../requests/store';
import type { Database } from '../storage/db';
import type { Alarms, BackgroundEffects } from './effects';
import type { OutboxLog } from './outbox-log';
import type { RequestTargets } from './view-models';

export const OUTBOX_ALARM = 'bijsluiter-outbox';
/**
 * Before a request is stored or sent, the outbox alarm is set this far ahead: if the worker is
 * stopped in the middle, the alarm wakes it to finish (a finished drain sets the real time).
 */
const WATCHDOG_MS = REQUEST_TIMEOUT_MS * 1.5;
/**
 * The outbox alarm repeats at this interval after it first fires, until a drain sets it anew or
 * clears it. A one-shot alarm is spent once it fires: a worker stopped after that but before it
 * set the next one would leave requests waiting for some other event (the soak found this).
 * 45 s in shipped builds (Chrome's floor for packed extensions is 30 s), 3 s in the instrumented one.
 */
const ALARM_REPEAT_MINUTES = WATCHDOG_MS / 60_000;

export type DrainerDeps = Pick<BackgroundEffects, 'now' | 'random'> & {
  db: () => Promise<Database>;
  alarms: Alarms;
  log: OutboxLog;
  targets: () => Promise<RequestTargets>;
  /** Posts one request (lib/requests/deliver.ts's postRequest with the fetch bound). */
  post: (endpoint: string, request: Parameters<typeof postRequest>[1], token: string | null) => ReturnType<typeof postRequest>;
};

export function createOutboxDrainer(deps: DrainerDeps) {
  const { now, alarms } = deps;
  let inFlight: Promise<void> | null = null;
  let again = false;
  let againEveryQueued = false;

  /** Sets the alarm so a stopped worker is woken to finish what it began. */
  async function armWatchdog(): Promise<void> {
    await alarms.create(OUTBOX_ALARM, { when: now().getTime() + WATCHDOG_MS, periodInMinutes: ALARM_REPEAT_MINUTES });
  }

  /** Sets the outbox alarm for the next request due, or clears it when none waits. */
  async function scheduleNext(records: readonly OutboxRecord[]): Promise<void> {
    const due = nextDue(records);
    if (due === null) {
      await alarms.clear(OUTBOX_ALARM);
      return;
    }
    const when = Math.max(due, now().getTime() + 1000);
    const existing = await alarms.get(OUTBOX_ALARM);
    if (existing && Math.abs(existing.scheduledTime - when) < 1000 && existing.periodInMinutes === ALARM_REPEAT_MINUTES) return;
    await alarms.create(OUTBOX_ALARM, { when, periodInMinutes: ALARM_REPEAT_MINUTES });
  }

  async function run(everyQueued: boolean): Promise<void> {
    await deps.log.load();
    const db = await deps.db();
    const tried = new Set<string>();
    for (;;) {
      const { records } = await readOutbox(db);
      const record = records.find((r) => (isDue(r, now()) || (everyQueued && r.state === 'queued')) && !tried.has(r.id));
      if (!record) {
        await scheduleNext(records);
        if (!again) return;
        everyQueued ||= againEveryQueued;
        again = againEveryQueued = false;
        continue;
      }
      tried.add(record.id);
      await armWatchdog();
      await putRecord(db, markSending(record));
      await deps.log.changed(false);
      const targets = record.endpoint ? await deps.targets() : null;
      const result = record.endpoint
        ? await deps.post(record.endpoint, record.request, targets?.endpoint === record.endpoint ? targets.token : null)
        : ({ kind: 'rejected', reason: 'no request address is configured' } as const);
      await putRecord(db, afterAttempt(record, result, now(), deps.random()));
      await deps.log.changed(result.kind !== 'retry');
    }
  }

  /**
   * Delivers every due request, one at a time; one drain at a time. `everyQueued` also sends
   * requests still waiting out their backoff: a browser start or getting back online is a
   * natural moment to try again at once. A drain asked for while one runs is folded into it:
   * the running one looks again before it ends, so a request stored at that moment is not left
   * waiting for the next wake.
   */
  function drain(everyQueued = false): Promise<void> {
    if (inFlight) {
      again = true;
      againEveryQueued ||= everyQueued;
      return inFlight;
    }
    inFlight = run(everyQueued).finally(() => {
      inFlight = null;
      // asked for between the drain's last look and here
      if (again) {
        const every = againEveryQueued;
        again = againEveryQueued = false;
        void drain(every).catch((error: unknown) => console.error('Bijsluiter: delivery failed', error));
      }
    });
    return inFlight;
  }

  return { drain, armWatchdog, scheduleNext };
}

export type OutboxDrainer = ReturnType<typeof createOutboxDrainer>;
