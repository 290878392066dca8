/**
 * The background's side of vetting requests: accept a submitted form (validated again here),
 * keep it in the outbox at once, deliver it serially with backoff on an alarm, recover requests
 * interrupted by a worker stop, and refresh the FG's status. The outbox is the source of truth;
 * the in-memory list of open requests only feeds verdicts.
 */
import type { WxtBrowser as Browser } from 'wxt/browser';
import { formatDate } from '../format';
import { t } from '../i18n';
import type { Database } from '../storage/db';
import { outboxRevisionItem, readTeacherProfile, teacherProfileItem } from '../storage/items';
import { buildRequest } from '../requests/build';
import { fetchFgStatus, postRequest, REQUEST_TIMEOUT_MS } from '../requests/deliver';
import { mailText, mailtoUrl } from '../requests/mailto';
import { afterAttempt, cancel, isDue, isOpen, markSending, nextDue, openRequests, recoverInterrupted, retryNow } from '../requests/outbox';
import { requestFormSchema, type OutboxRecord, type VettingRequest } from '../requests/schema';
import { getRecord, putRecord, readOutbox, type DamagedRecord } from '../requests/store';
import { parsePageUrl } from '../url';
import type { OpenRequest } from '../verdict';

export const OUTBOX_ALARM = 'bijsluiter-outbox';
/** A delivered request's status is asked again at most this often. */
const STATUS_REFRESH_MS = 60_000;
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

/** Where requests go and whom to mail, as the settings and register say now. */
export interface RequestTargets {
  endpoint: string | null;
  /** The policy's requestToken, sent only to the endpoint in force (never to an older one a queued request names). */
  token: string | null;
  fgEmail: string | null;
  registerSerial: number | null;
}

export type SubmitResult =
  | { kind: 'queued'; record: OutboxRecord }
  | { kind: 'mailto'; record: OutboxRecord; mailto: string }
  | { kind: 'duplicate'; record: OutboxRecord }
  | { kind: 'invalid'; fields: string[] };

export interface RequestServiceDeps {
  browser: Browser;
  db: () => Promise<Database>;
  now: () => Date;
  targets: () => Promise<RequestTargets>;
  /** Called when the set of open requests changed (verdicts may change). */
  onOpenRequestsChanged: () => Promise<void>;
  fetchImpl?: typeof fetch;
  random?: () => number;
}

/** Creates the request service used by the background controller. */
export function createRequestService(deps: RequestServiceDeps) {
  const { browser, now } = deps;
  let open: OpenRequest[] = [];
  let drainInFlight: Promise<void> | null = null;
  let drainAgain = false;
  let drainAgainEveryQueued = false;
  let loaded: Promise<void> | null = null;

  /**
   * Once per worker: load the open requests and put back requests a stopped worker left
   * mid-send. Every drain waits for it, so an alarm that wakes the worker cannot drain before
   * the interrupted request is due again (and then clear the alarm as if nothing waited).
   */
  function ensureLoaded(): Promise<void> {
    loaded ??= (async () => {
      const db = await deps.db();
      const { records } = await readOutbox(db);
      for (const record of records) {
        const recovered = recoverInterrupted(record, now());
        if (recovered !== record) await putRecord(db, recovered);
      }
      open = openRequests(records);
    })().catch((error: unknown) => {
      loaded = null;
      throw error;
    });
    return loaded;
  }

  async function armWatchdog(): Promise<void> {
    await browser.alarms.create(OUTBOX_ALARM, { when: now().getTime() + WATCHDOG_MS, periodInMinutes: ALARM_REPEAT_MINUTES });
  }

  async function changed(openMayHaveChanged: boolean): Promise<void> {
    await outboxRevisionItem.setValue((await outboxRevisionItem.getValue()) + 1);
    if (openMayHaveChanged) {
      open = openRequests((await readOutbox(await deps.db())).records);
      await deps.onOpenRequestsChanged();
    }
  }

  async function scheduleNext(records: readonly OutboxRecord[]): Promise<void> {
    const due = nextDue(records);
    if (due === null) {
      await browser.alarms.clear(OUTBOX_ALARM);
      return;
    }
    const when = Math.max(due, now().getTime() + 1000);
    const existing = await browser.alarms.get(OUTBOX_ALARM);
    if (existing && Math.abs(existing.scheduledTime - when) < 1000 && existing.periodInMinutes === ALARM_REPEAT_MINUTES) return;
    await browser.alarms.create(OUTBOX_ALARM, { when, periodInMinutes: ALARM_REPEAT_MINUTES });
  }

  function mailtoFor(request: VettingRequest, fgEmail: string): string {
    const { subject, body } = mailText(request, t, formatDate);
    return mailtoUrl(fgEmail, subject, body);
  }

  /**
   * Delivers every due request, one at a time; one drain at a time. `everyQueued` also sends
   * requests still waiting out their backoff: a browser start or getting back online is a
   * natural moment to try again at once. A drain asked for while one runs is folded into it:
   * the running one looks again before it ends, so a request stored at that moment is not left
   * waiting for the next wake.
   */
  function drain(everyQueued = false): Promise<void> {
    if (drainInFlight) {
      drainAgain = true;
      drainAgainEveryQueued ||= everyQueued;
      return drainInFlight;
    }
    drainInFlight = runDrain(everyQueued).finally(() => {
      drainInFlight = null;
      // asked for between the drain's last look and here
      if (drainAgain) {
        const every = drainAgainEveryQueued;
        drainAgain = drainAgainEveryQueued = false;
        void drain(every).catch((error: unknown) => console.error('Bijsluiter: delivery failed', error));
      }
    });
    return drainInFlight;
  }

  async function runDrain(everyQueued: boolean): Promise<void> {
    await ensureLoaded();
    const db = await deps.db();
    const tried = new Set<string>();
    for (;;) {
      const { records } = await readOutbox(db);
      const record = records.find((r) => (isDue(r, now()) || (everyQueued && r.state === 'queued')) && !tried.has(r.id));
      if (!record) {
        await scheduleNext(records);
        if (!drainAgain) return;
        everyQueued ||= drainAgainEveryQueued;
        drainAgain = drainAgainEveryQueued = false;
        continue;
      }
      tried.add(record.id);
      await armWatchdog();
      await putRecord(db, markSending(record));
      await changed(false);
      const targets = record.endpoint ? await deps.targets() : null;
      const result = record.endpoint
        ? await postRequest(record.endpoint, record.request, deps.fetchImpl, undefined, targets?.endpoint === record.endpoint ? targets.token : null)
        : ({ kind: 'rejected', reason: 'no request address is configured' } as const);
      await putRecord(db, afterAttempt(record, result, now(), deps.random?.()));
      await changed(result.kind !== 'retry');
    }
  }

  return {
    /** The open requests, for verdicts (synchronous: kept in memory). */
    openRequests: (): readonly OpenRequest[] => open,

    /** At wake: load the open requests and put back requests a stopped worker left mid-send. */
    load: ensureLoaded,

    drain,

    /** A submitted form: validate, check for a duplicate, store, then deliver or prepare the e-mail. */
    async submit(raw: unknown): Promise<SubmitResult> {
      const parsed = requestFormSchema.safeParse(raw);
      if (!parsed.success) return { kind: 'invalid', fields: [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? i.message)))] };
      const form = parsed.data;
      const location = parsePageUrl(form.pageUrl);
      if (!location) return { kind: 'invalid', fields: ['pageUrl'] };
      const db = await deps.db();
      const { records } = await readOutbox(db);
      const duplicate = records.find((r) => isOpen(r) && (
        (form.registerId !== null && r.request.tool.registerId === form.registerId) ||
        (form.catalogId !== null && r.catalogId === form.catalogId) ||
        r.request.tool.host === location.host));
      if (duplicate) return { kind: 'duplicate', record: duplicate };

      const targets = await deps.targets();
      const endpoint = form.sendByEmail ? null : targets.endpoint;
      const request = buildRequest(form, {
        id: crypto.randomUUID(),
        now: now(),
        extensionVersion: browser.runtime.getManifest().version,
        browser: browserName(),
        registerSerial: targets.registerSerial,
      });
      await teacherProfileItem.setValue({ name: form.name, email: form.email, school: form.school });
      const record: OutboxRecord = {
        id: request.id, state: endpoint ? 'queued' : 'mailto', request, endpoint, catalogId: form.catalogId,
        attempts: 0, nextAttemptAt: null, lastError: null, deliveredAt: null, statusUrl: null, fgStatus: null,
      };
      if (!endpoint && !targets.fgEmail) return { kind: 'invalid', fields: ['fg'] };
      if (endpoint) await armWatchdog();
      await putRecord(db, record);
      await changed(true);
      if (!endpoint) return { kind: 'mailto', record, mailto: mailtoFor(request, targets.fgEmail!) };
      void drain().catch((error: unknown) => console.error('Bijsluiter: delivery failed', error));
      return { kind: 'queued', record };
    },

    /** All requests with the damaged ones, and the remembered profile. */
    async list(): Promise<{ records: OutboxRecord[]; damaged: DamagedRecord[] }> {
      return readOutbox(await deps.db());
    },

    profile: readTeacherProfile,

    async retry(id: string): Promise<void> {
      const db = await deps.db();
      const record = await getRecord(db, id);
      const next = record && retryNow(record);
      if (!next) throw new Error('this request cannot be retried');
      await armWatchdog();
      await putRecord(db, next);
      await changed(true);
      await drain();
    },

    async cancel(id: string): Promise<void> {
      const db = await deps.db();
      const record = await getRecord(db, id);
      const next = record && cancel(record);
      if (!next) throw new Error('this request cannot be cancelled');
      await putRecord(db, next);
      await changed(true);
      await scheduleNext((await readOutbox(db)).records);
    },

    /** The e-mail for a request the receiver would not take (or any request). */
    async mailto(id: string): Promise<string> {
      const record = await getRecord(await deps.db(), id);
      const fgEmail = (await deps.targets()).fgEmail;
      if (!record || !fgEmail) throw new Error('no FG e-mail address is configured');
      return mailtoFor(record.request, fgEmail);
    },

    /**
     * Asks the receiver for the FG's status of delivered requests: when the popup opens
     * (`force`) and on the sync alarm (then not more than once a minute each). Pages are told
     * only when a status actually changed.
     */
    async refreshStatuses(force = false): Promise<void> {
      const db = await deps.db();
      const { records } = await readOutbox(db);
      let any = false;
      for (const record of records) {
        if (record.state !== 'delivered' || !record.statusUrl) continue;
        if (!force && record.fgStatus && now().getTime() - Date.parse(record.fgStatus.checkedAt) < STATUS_REFRESH_MS) continue;
        const status = await fetchFgStatus(record.statusUrl, deps.fetchImpl);
        if ('error' in status) continue;
        const old = record.fgStatus;
        await putRecord(db, { ...record, fgStatus: { ...status, checkedAt: now().toISOString() } });
        if (!old || old.status !== status.status || old.note !== status.note || old.updatedAt !== status.updatedAt) any = true;
      }
      if (any) await changed(true);
    },
  };
}

export type RequestService = ReturnType<typeof createRequestService>;

function browserName(): string {
  const ua = globalThis.navigator?.userAgent ?? '';
  if (ua.includes('Edg/')) return 'edge';
  if (ua.includes('Firefox/')) return 'firefox';
  return 'chrome';
}
