/**
 * The background's state in memory: the settings in force, the trusted keys, the verified
 * register and the bundled catalogue. Loaded lazily on the first event after a wake (never at
 * import), re-loaded when settings change, and swapped when a sync brings a new register.
 */
import type { EffectiveConfig } from '../config/settings';
import type { MatchIndex } from '../matcher';
import type { TrustedKey } from '../register/dsse';
import type { CatalogEntry } from '../register/schema';
import type { Database, StoredRegister } from '../storage/db';
import type { SyncError } from '../sync/errors';
import { loadHeldRegister } from '../sync/sync-register';
import type { LoadedRegister } from '../verdict';
import { importKeys } from './config-source';
import type { BackgroundEffects } from './effects';

export interface BackgroundState {
  config: EffectiveConfig;
  keys: TrustedKey[];
  register: LoadedRegister | null;
  stored: StoredRegister | null;
  /** Why the stored register could not be used, if it could not. */
  heldError: SyncError | null;
  catalog: MatchIndex<CatalogEntry> | null;
}

export type StateDeps = Pick<BackgroundEffects, 'readConfig' | 'loadCatalog' | 'now' | 'flags'> & {
  db: () => Promise<Database>;
  /** Policy arrived late (after start-up, without a change event): apply it. */
  onLatePolicy: () => void;
  /** Loaded alongside the state, so verdicts have it too (the open requests); a failure is logged. */
  loadAlongside: () => Promise<void>;
  /**
   * The register was taken from the copy this build kept, checked by signature and digest only;
   * the full check of the envelope runs after the first badges and replaced it (a kept payload
   * someone altered in storage, or damaged): verdicts may have changed.
   */
  onKeptCopyReplaced: () => Promise<void>;
  /** When the full check of a kept copy runs (after the first badges; tests run it at once). */
  later?: (run: () => void) => void;
};

export function createStateStore(deps: StateDeps) {
  let current: Promise<BackgroundState> | null = null;
  let catalogPromise: Promise<MatchIndex<CatalogEntry> | null> | null = null;

  // a failed catalogue load is not kept: the next state load tries again instead of living without it
  const catalog = () =>
    (catalogPromise ??= deps.loadCatalog().then((index) => {
      if (!index) catalogPromise = null;
      return index;
    }));

  async function load(): Promise<BackgroundState> {
    const { config, late } = await deps.readConfig();
    late?.then(() => deps.onLatePolicy()).catch((error: unknown) => console.error('Bijsluiter: late policy', error));
    const { keys, problems } = await importKeys(config.values.publicKeys ?? [], config.sources.publicKeys === 'managed' ? 'managed' : 'local');
    config.problems.push(...problems);
    const [catalogIndex, , held] = await Promise.all([
      catalog(),
      deps.loadAlongside().catch((error: unknown) => console.error('Bijsluiter: the outbox could not be read', error)),
      deps.db().then((database) => loadHeldRegister(database, keys, deps.now(), deps.flags.extensionVersion)).catch((error: Error) => ({ register: null, error: { code: 'storage' as const, detail: error.message } })),
    ]);
    const state: BackgroundState = {
      config,
      keys,
      catalog: catalogIndex,
      register: held.register,
      stored: 'stored' in held ? held.stored : null,
      heldError: held.register ? null : held.error,
    };
    if ('keptCopy' in held && held.keptCopy) (deps.later ?? ((run) => setTimeout(run, 2000)))(() => void recheckKeptCopy(state, keys).catch((error: unknown) => console.error('Bijsluiter: checking the kept register failed', error)));
    return state;
  }

  /**
   * The full acceptance of the stored envelope, off the path of the first badge: the kept payload
   * is trusted only as far as this build wrote it, and storage is not a signature. A difference
   * means the kept copy was altered or damaged; the envelope's own verdicts win.
   */
  async function recheckKeptCopy(state: BackgroundState, keys: TrustedKey[]): Promise<void> {
    const kept = state.register;
    if (!kept) return;
    const full = await loadHeldRegister(await deps.db(), keys, deps.now());
    if (state.register !== kept) return; // a sync replaced it meanwhile
    if (full.register && JSON.stringify(full.register.payload) === JSON.stringify(kept.payload)) return;
    state.register = full.register;
    state.stored = full.register ? full.stored : null;
    state.heldError = full.register ? null : full.error;
    console.error('Bijsluiter: the register kept on this device differed from its signed envelope; the envelope applies');
    await deps.onKeptCopyReplaced();
  }

  return {
    /** The state, loaded on first use. */
    get: (): Promise<BackgroundState> => (current ??= load()),

    /** Loads it again (settings changed) and gives the state before and after. */
    async reload(): Promise<{ previous: BackgroundState; next: BackgroundState }> {
      const previous = await (current ??= load());
      current = load();
      return { previous, next: await current };
    },

    /** Puts a newly synced register in force. */
    async adopt(register: LoadedRegister, stored: StoredRegister): Promise<void> {
      const state = await (current ??= load());
      state.register = register;
      state.stored = stored;
      state.heldError = null;
    },
  };
}

export type StateStore = ReturnType<typeof createStateStore>;
