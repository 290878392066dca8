/**
 * The teacher's actions on vetting requests: submit a form (validated again here, checked for a
 * duplicate, stored before it is acknowledged, then delivered or prepared as an e-mail), retry,
 * cancel, and the e-mail for a request the receiver would not take.
 */
import type { SubmitResult } from '../messages';
import { buildRequest } from '../requests/build';
import { mailText, mailtoUrl } from '../requests/mailto';
import { cancel, isOpen, openRequests, retryNow } from '../requests/outbox';
import { requestFormSchema, type OutboxRecord, type VettingRequest } from '../requests/schema';
import { getRecord, putRecord, readOutbox, type DamagedRecord } from '../requests/store';
import type { Database } from '../storage/db';
import type { TeacherProfile } from '../storage/items';
import { parsePageUrl } from '../url';
import { openRequestFor, type SiteResolver } from '../verdict-policy';
import type { BackgroundEffects, StoredValue } from './effects';
import type { OutboxDrainer } from './outbox-drainer';
import type { OutboxLog } from './outbox-log';
import type { RequestTargets } from './view-models';

export type IntakeDeps = Pick<BackgroundEffects, 'now' | 'uuid' | 't' | 'formatDate' | 'flags'> & {
  db: () => Promise<Database>;
  log: OutboxLog;
  drainer: OutboxDrainer;
  profile: StoredValue<TeacherProfile>;
  targets: () => Promise<RequestTargets>;
  /** Which tool a site belongs to now, for the duplicate check (the verdict's own rule). */
  resolveSite: () => Promise<SiteResolver>;
};

export function createRequestIntake(deps: IntakeDeps) {
  const { now, log, drainer } = deps;

  function mailtoFor(request: VettingRequest, fgEmail: string): string {
    const { subject, body } = mailText(request, deps.t, deps.formatDate);
    return mailtoUrl(fgEmail, subject, body);
  }

  return {
    /** A submitted form: validate, check for a duplicate, store, then deliver or prepare the e-mail. */
    async submit(raw: unknown): Promise<SubmitResult> {
      const parsed = requestFormSchema.safeParse(raw);
      if (!parsed.success) return { kind: 'invalid', fields: [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? i.message)))] };
      const form = parsed.data;
      const location = parsePageUrl(form.pageUrl);
      if (!location) return { kind: 'invalid', fields: ['pageUrl'] };
      const db = await deps.db();
      const { records } = await readOutbox(db);
      const open = openRequests(records);
      const duplicateOf = openRequestFor(open, { registerId: form.registerId, catalogId: form.catalogId, host: location.host }, await deps.resolveSite());
      const duplicate = duplicateOf && records.find((r) => r.id === duplicateOf.id && isOpen(r));
      if (duplicate) return { kind: 'duplicate', record: duplicate };

      const targets = await deps.targets();
      const endpoint = form.sendByEmail ? null : targets.endpoint;
      if (!endpoint && !targets.fgEmail) return { kind: 'invalid', fields: ['fg'] };
      const request = buildRequest(form, {
        id: deps.uuid(),
        now: now(),
        extensionVersion: deps.flags.extensionVersion,
        browser: deps.flags.browserName,
        registerSerial: targets.registerSerial,
      });
      await deps.profile.write({ name: form.name, email: form.email, school: form.school });
      const record: OutboxRecord = {
        id: request.id, state: endpoint ? 'queued' : 'mailto', request, endpoint, catalogId: form.catalogId,
        attempts: 0, nextAttemptAt: null, lastError: null, deliveredAt: null, statusUrl: null, fgStatus: null,
      };
      if (endpoint) await drainer.armWatchdog();
      await putRecord(db, record);
      await log.changed(true);
      if (!endpoint) return { kind: 'mailto', record, mailto: mailtoFor(request, targets.fgEmail!) };
      void drainer.drain().catch((error: unknown) => console.error('Bijsluiter: delivery failed', error));
      return { kind: 'queued', record };
    },

    /** All requests with the damaged ones. */
    async list(): Promise<{ records: OutboxRecord[]; damaged: DamagedRecord[] }> {
      return readOutbox(await deps.db());
    },

    profile: (): Promise<TeacherProfile> => deps.profile.read(),

    async retry(id: string): Promise<void> {
      const db = await deps.db();
      const record = await getRecord(db, id);
      const next = record && retryNow(record);
      if (!next) throw new Error('this request cannot be retried');
      await drainer.armWatchdog();
      await putRecord(db, next);
      await log.changed(true);
      await drainer.drain();
    },

    async cancel(id: string): Promise<void> {
      const db = await deps.db();
      const record = await getRecord(db, id);
      const next = record && cancel(record);
      if (!next) throw new Error('this request cannot be cancelled');
      await putRecord(db, next);
      await log.changed(true);
      await drainer.scheduleNext((await readOutbox(db)).records);
    },

    /** The e-mail for a request the receiver would not take (or any request). */
    async mailto(id: string): Promise<string> {
      const record = await getRecord(await deps.db(), id);
      const fgEmail = (await deps.targets()).fgEmail;
      if (!record || !fgEmail) throw new Error('no FG e-mail address is configured');
      return mailtoFor(record.request, fgEmail);
    },
  };
}

export type RequestIntake = ReturnType<typeof createRequestIntake>;
