/**
 * One handler per message type: each reads the state and the services and hands the work to
 * them or to the view models. The map's type (message-router.ts) checks that every message
 * type has its handler and returns what the page expects.
 */
import type { StatusView } from '../messages';
import { recogniseSignIn } from '../signin/recognise';
import type { BackgroundEffects } from './effects';
import type { Handlers } from './message-router';
import type { StateStore } from './state';
import type { SyncService } from './sync-service';
import type { VettingRequests } from './vetting-requests';
import { listTools, statusView, tabView, toolView } from './view-models';

export interface HandlerDeps {
  now: BackgroundEffects['now'];
  state: StateStore;
  sync: SyncService;
  requests: VettingRequests;
  storage: Pick<BackgroundEffects['storage'], 'syncStatus' | 'localSettings'>;
  /** The address a tab shows now (null when the browser does not say). */
  tabUrl: (tabId: number) => Promise<string | null>;
  /** Re-reads the settings and applies them (after the options page saved). */
  reloadConfig: () => Promise<void>;
}

export function createMessageHandlers(deps: HandlerDeps): Handlers {
  const { state, requests } = deps;
  const status = async (): Promise<StatusView> => statusView(await state.get(), await deps.storage.syncStatus.read());

  return {
    async getTabView({ tabId }) {
      // everything the popup needs, read in parallel: it waits on this before it can show anything
      const [url, current, sync, profile] = await Promise.all([deps.tabUrl(tabId), state.get(), deps.storage.syncStatus.read(), requests.profile()]);
      const signIn = url ? await recogniseSignIn(url) : null;
      return tabView({ state: current, url, status: statusView(current, sync), profile, openRequests: requests.openRequests(), now: deps.now(), signIn });
    },
    getStatus: status,
    async syncNow() {
      await deps.sync.sync();
      return status();
    },
    async saveSettings({ settings }) {
      const stored = { ...(await deps.storage.localSettings.read()) };
      if (settings.registerUrl !== undefined) stored.registerUrl = settings.registerUrl.trim() || undefined;
      if (settings.publicKeys !== undefined) stored.publicKeys = settings.publicKeys.map((k) => k.trim()).filter(Boolean);
      await deps.storage.localSettings.write(stored);
      await deps.reloadConfig();
      return status();
    },
    testConnection: ({ settings }) => deps.sync.testConnection(settings),
    listTools: async () => listTools(await state.get(), requests.openRequests(), deps.now()),
    getToolView: async ({ source, id }) => toolView(await state.get(), requests.openRequests(), source, id, deps.now()),
    submitRequest: ({ form }) => requests.submit(form),
    async listRequests({ refreshStatus }) {
      if (refreshStatus) void requests.refreshStatuses(true).catch(() => undefined);
      return { ...(await requests.list()), profile: await requests.profile() };
    },
    async retryRequest({ id }) {
      await requests.retry(id);
      return null;
    },
    async cancelRequest({ id }) {
      await requests.cancel(id);
      return null;
    },
    mailtoRequest: ({ id }) => requests.mailto(id),
  };
}

