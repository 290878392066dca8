/**
 * Keeping the register current: one sync at a time, its outcome recorded for the pages, the
 * periodic alarm, and the options page's "Test connection" (the same download and checks as a
 * sync, without storing anything).
 */
import type { TestResult } from '../messages';
import type { Database } from '../storage/db';
import type { SyncStatus } from '../storage/items';
import { downloadRegister } from '../sync/download-register';
import { syncRegister, type SyncResult } from '../sync/sync-register';
import { importKeys } from './config-source';
import type { Alarms, BackgroundEffects, StoredValue } from './effects';
import type { StateStore } from './state';

export const SYNC_ALARM = 'bijsluiter-sync';

export type SyncDeps = Pick<BackgroundEffects, 'now' | 'fetchImpl' | 'flags'> & {
  state: StateStore;
  db: () => Promise<Database>;
  alarms: Alarms;
  syncStatus: StoredValue<SyncStatus>;
  /** A new register is in force: verdicts may have changed. */
  onRegisterChanged: () => Promise<void>;
};

/** The status after an attempt: an error keeps the last success's time. */
export function nextSyncStatus(previous: SyncStatus, result: SyncResult, at: string, url: string | null): SyncStatus {
  return result.outcome === 'error'
    ? { ...previous, lastAttemptAt: at, lastOutcome: 'error', lastError: { ...result.error, at, url } }
    : { lastAttemptAt: at, lastSuccessAt: at, lastOutcome: result.outcome, lastError: null };
}

export function createSyncService(deps: SyncDeps) {
  let inFlight: Promise<SyncResult> | null = null;

  async function run(): Promise<SyncResult> {
    const current = await deps.state.get();
    const url = current.config.values.registerUrl;
    const result = await syncRegister({ db: await deps.db(), url, keys: current.keys, now: deps.now(), fetchOptions: { fetchImpl: deps.fetchImpl }, heldUnusable: current.register === null, acceptedBy: deps.flags.extensionVersion });
    if (result.outcome === 'updated') await deps.state.adopt(result.register, result.stored);
    await deps.syncStatus.write(nextSyncStatus(await deps.syncStatus.read(), result, deps.now().toISOString(), url ?? null));
    if (result.outcome === 'updated') await deps.onRegisterChanged();
    return result;
  }

  return {
    /** Runs one sync; a sync asked for while one runs gets that one's result. */
    sync(): Promise<SyncResult> {
      inFlight ??= run().finally(() => {
        inFlight = null;
      });
      return inFlight;
    },

    /** Sets the periodic sync alarm, unless it already has this period. */
    async ensureAlarm(periodInMinutes: number): Promise<void> {
      const existing = await deps.alarms.get(SYNC_ALARM);
      if (existing?.periodInMinutes === periodInMinutes) return;
      await deps.alarms.create(SYNC_ALARM, { periodInMinutes, delayInMinutes: periodInMinutes });
    },

    /** Downloads and checks the register the options page is about to save; stores nothing. */
    async testConnection(settings: { registerUrl?: string; publicKeys?: string[] }): Promise<TestResult> {
      const current = await deps.state.get();
      const url = settings.registerUrl ?? current.config.values.registerUrl;
      const { keys, problems } = await importKeys(settings.publicKeys ?? current.config.values.publicKeys ?? [], 'local');
      if (problems[0]) return { ok: false, error: { code: 'bad-public-key', detail: `${problems[0].key}: ${problems[0].reason}` } };
      if (!url) return { ok: false, error: { code: 'not-configured', detail: 'no register URL is configured' } };
      const downloaded = await downloadRegister(url, { keys, now: deps.now(), fetchOptions: { fetchImpl: deps.fetchImpl } });
      if (downloaded.kind === 'error') return { ok: false, error: downloaded.error };
      if (downloaded.kind === 'not-modified') return { ok: false, error: { code: 'not-modified-without-copy', detail: 'unexpected 304 answer' } };
      return { ok: true, publisherName: downloaded.payload.publisher.name, serial: downloaded.payload.serial, toolCount: downloaded.payload.tools.length };
    },
  };
}

export type SyncService = ReturnType<typeof createSyncService>;
