/**
 * The background's composition root: builds the parts from the effects and connects them to
 * the browser's events. The entrypoint registers listeners and calls these handlers; the work
 * is done by the parts:
 *   state.ts           settings, keys, register and catalogue in memory
 *   sync-service.ts    sync, its status, the alarm, "Test connection"
 *   view-models.ts     what the pages are shown (pure)
 *   message-router.ts  sender check and schema; message-handlers.ts: one handler per message
 *   vetting-requests.ts  the outbox: outbox-log, outbox-drainer, request-intake, request-status
 *   toolbar-badge.ts   the badge per tab; sign-in-warnings.ts: the notification on sign-in screens
 */
import type { Reply } from '../messages';
import type { Database } from '../storage/db';
import type { SyncResult } from '../sync/sync-register';
import { siteResolver } from '../verdict';
import type { BackgroundEffects } from './effects';
import { OUTBOX_ALARM } from './outbox-drainer';
import { createMessageHandlers } from './message-handlers';
import { recogniseSignIn } from '../signin/recognise';
import { createSignInWarnings } from './sign-in-warnings';
import { routeMessage } from './message-router';
import { createStateStore, type BackgroundState } from './state';
import { setOfficerWord } from '../i18n';
import { officerWord, registerFramework } from '../register/framework';
import { createSyncService, SYNC_ALARM } from './sync-service';
import { applyBadge, TabSequencer, toolbarAction } from './toolbar-badge';
import { createVettingRequests } from './vetting-requests';
import { activeCatalog, pageVerdict, requestTargets } from './view-models';

export { OUTBOX_ALARM, SYNC_ALARM };

/** The register's word for its officer ("DPO" for a Flemish board) in the background's texts too: titles, e-mails. */
function useOfficerWord(current: BackgroundState): void {
  const payload = current.register?.payload;
  setOfficerWord(officerWord(registerFramework(payload), payload?.publisher.fg.title));
}

export function createBackground(effects: BackgroundEffects) {
  const { browser, now } = effects;
  const sequencer = new TabSequencer();
  let dbPromise: Promise<Database> | null = null;
  const db = () => (dbPromise ??= effects.openDb());

  const requests = createVettingRequests({
    ...effects,
    db,
    alarms: browser.alarms,
    targets: async () => requestTargets(await state.get()),
    resolveSite: async () => {
      const current = await state.get();
      return siteResolver(current.register, activeCatalog(current));
    },
    onOpenRequestsChanged: () => refreshAllTabs(),
  });
  const state = createStateStore({
    ...effects,
    db,
    onLatePolicy: () => void reloadConfig().catch((error: unknown) => console.error('Bijsluiter: late policy', error)),
    loadAlongside: () => requests.load(),
    onKeptCopyReplaced: () => refreshAllTabs(),
  });
  const sync = createSyncService({ ...effects, state, db, alarms: browser.alarms, syncStatus: effects.storage.syncStatus, onRegisterChanged: () => refreshAllTabs() });
  const signInWarnings = createSignInWarnings(effects);
  const handlers = createMessageHandlers({
    now,
    state,
    sync,
    requests,
    storage: effects.storage,
    tabUrl: async (tabId) => (await browser.tabs.get(tabId)).url ?? null,
    reloadConfig: () => reloadConfig(),
  });

  /** Sets the badge of one tab for the URL it now shows; a newer navigation wins. */
  async function updateTab(tabId: number, url: string): Promise<void> {
    const isCurrent = sequencer.begin(tabId);
    const [current, signIn] = await Promise.all([state.get(), recogniseSignIn(url)]);
    if (!isCurrent()) return;
    useOfficerWord(current);
    const verdict = pageVerdict(current, url, requests.openRequests(), now(), signIn);
    await applyBadge(toolbarAction(browser), tabId, verdict, effects.t);
    effects.onBadgeSet(tabId, url);
    if (verdict.signIn && current.config.values.signInNotifications) await signInWarnings.warn(tabId, verdict);
  }

  /** Recomputes every open tab (after a sync, a settings change, or a wake). */
  async function refreshAllTabs(): Promise<void> {
    const tabs = await browser.tabs.query({});
    await Promise.all(tabs.map((tab) => (tab.id !== undefined && tab.url ? updateTab(tab.id, tab.url) : undefined)));
  }

  /** Re-reads settings (policy or options page changed) and applies them without a restart. */
  async function reloadConfig(): Promise<void> {
    const { previous, next } = await state.reload();
    await sync.ensureAlarm(next.config.values.syncIntervalMinutes);
    const urlChanged = next.config.values.registerUrl !== previous.config.values.registerUrl;
    const keysChanged = next.keys.map((k) => k.keyId).join() !== previous.keys.map((k) => k.keyId).join();
    await refreshAllTabs();
    if (urlChanged || keysChanged || !next.register) await sync.sync();
  }

  /**
   * Once per browser session (runtime.onStartup, or the first wake when the browser did not
   * fire it, as happens for some profiles): refresh the register and deliver every waiting
   * request at once, backoff or not. Session storage is empty at each browser start.
   */
  async function startSessionOnce(): Promise<boolean> {
    if (await effects.storage.sessionStarted.read()) return false;
    await effects.storage.sessionStarted.write(true);
    await Promise.all([sync.sync(), requests.drain(true)]);
    return true;
  }

  return {
    updateTab,
    refreshAllTabs,
    reloadConfig,
    sync: (): Promise<SyncResult> => sync.sync(),
    statusView: () => handlers.getStatus({ type: 'getStatus' }),

    /** First event after a (re)start of the worker: badges for every open tab, the alarm. */
    async wake(): Promise<void> {
      const current = await state.get();
      await sync.ensureAlarm(current.config.values.syncIntervalMinutes);
      await refreshAllTabs();
      if (!(await startSessionOnce())) await requests.drain();
    },

    /** The browser is back online: deliver what waits, backoff or not. */
    onOnline: (): Promise<void> => requests.drain(true),

    /** The browser started. */
    async onStartup(): Promise<void> {
      await startSessionOnce();
    },

    /** Install or update: sync at once; a welcome tab on first install unless policy says not. */
    async onInstalled(reason: string): Promise<void> {
      const current = await state.get();
      if (reason === 'install' && !current.config.values.disableFirstRunPage) {
        await browser.tabs.create({ url: browser.runtime.getURL('/options.html?welcome=1') });
      }
      await sync.sync();
    },

    async onAlarm(name: string): Promise<void> {
      if (name === SYNC_ALARM) {
        await sync.sync();
        await requests.refreshStatuses();
      }
      if (name === OUTBOX_ALARM) await requests.drain();
    },

    onTabRemoved(tabId: number): void {
      sequencer.forget(tabId);
      signInWarnings.forget(tabId);
    },

    /** Answers a page's message (only this extension's own pages are heard). */
    async onMessage(message: unknown, sender: { id?: string; url?: string }): Promise<Reply<unknown>> {
      useOfficerWord(await state.get());
      return routeMessage(handlers, message, sender, { extensionId: browser.runtime.id, baseUrl: browser.runtime.getURL('/') });
    },
  };
}

export type Background = ReturnType<typeof createBackground>;
