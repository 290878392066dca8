/**
 * The outbox as the rest of the background sees it: the teacher's open requests kept in memory
 * for verdicts, loaded once per worker (putting back requests a stopped worker left mid-send),
 * and one place that announces every change: the revision pages follow, and the verdicts when
 * the set of open requests may have changed.
 */
import { openRequests, recoverInterrupted } from '../requests/outbox';
import { putRecord, readOutbox } from '../requests/store';
import type { Database } from '../storage/db';
import type { OpenRequest } from '../verdict-types';
import type { BackgroundEffects, StoredValue } from './effects';

export type OutboxLogDeps = Pick<BackgroundEffects, 'now'> & {
  db: () => Promise<Database>;
  revision: StoredValue<number>;
  /** The set of open requests changed: verdicts may change. */
  onOpenRequestsChanged: () => Promise<void>;
};

export function createOutboxLog(deps: OutboxLogDeps) {
  let open: OpenRequest[] = [];
  let loaded: Promise<void> | null = null;

  return {
    /** The open requests, for verdicts (synchronous: kept in memory). */
    openRequests: (): readonly OpenRequest[] => open,

    /**
     * Once per worker: load the open requests and put back requests a stopped worker left
     * mid-send. Every drain waits for it, so an alarm that wakes the worker cannot drain before
     * the interrupted request is due again (and then clear the alarm as if nothing waited).
     */
    load(): Promise<void> {
      loaded ??= (async () => {
        const db = await deps.db();
        const { records } = await readOutbox(db);
        for (const record of records) {
          const recovered = recoverInterrupted(record, deps.now());
          if (recovered !== record) await putRecord(db, recovered);
        }
        open = openRequests(records);
      })().catch((error: unknown) => {
        loaded = null;
        throw error;
      });
      return loaded;
    },

    /** After every write to the outbox. `openMayHaveChanged` re-reads the open requests. */
    async changed(openMayHaveChanged: boolean): Promise<void> {
      await deps.revision.write((await deps.revision.read()) + 1);
      if (openMayHaveChanged) {
        open = openRequests((await readOutbox(await deps.db())).records);
        await deps.onOpenRequestsChanged();
      }
    },
  };
}

export type OutboxLog = ReturnType<typeof createOutboxLog>;
