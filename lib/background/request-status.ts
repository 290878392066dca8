/**
 * Asking the receiver for the FG's status of delivered requests: when the popup opens (`force`)
 * and on the sync alarm (then not more than once a minute per request). Pages and verdicts are
 * told only when a status actually changed.
 */
import type { fetchFgStatus } from '../requests/deliver';
import { putRecord, readOutbox } from '../requests/store';
import type { Database } from '../storage/db';
import type { BackgroundEffects } from './effects';
import type { OutboxLog } from './outbox-log';

/** A delivered request's status is asked again at most this often. */
const STATUS_REFRESH_MS = 60_000;

export type StatusDeps = Pick<BackgroundEffects, 'now'> & {
  db: () => Promise<Database>;
  log: OutboxLog;
  /** Reads one statusUrl (lib/requests/deliver.ts's fetchFgStatus with the fetch bound). */
  fetchStatus: (statusUrl: string) => ReturnType<typeof fetchFgStatus>;
};

export function createStatusRefresher(deps: StatusDeps) {
  return async function refreshStatuses(force = false): Promise<void> {
    const db = await deps.db();
    const { records } = await readOutbox(db);
    let any = false;
    for (const record of records) {
      if (record.state !== 'delivered' || !record.statusUrl) continue;
      if (!force && record.fgStatus && deps.now().getTime() - Date.parse(record.fgStatus.checkedAt) < STATUS_REFRESH_MS) continue;
      const status = await deps.fetchStatus(record.statusUrl);
      if ('error' in status) continue;
      const old = record.fgStatus;
      await putRecord(db, { ...record, fgStatus: { ...status, checkedAt: deps.now().toISOString() } });
      if (!old || old.status !== status.status || old.note !== status.note || old.updatedAt !== status.updatedAt) any = true;
    }
    if (any) await deps.log.changed(true);
  };
}
