/**
 * The background's logic, behind the thin entrypoint: holds the settings, the verified register
 * and the catalogue in memory, answers navigations with badges, runs syncs and answers the pages'
 * requests. Everything is loaded lazily on the first event after a wake, never at import.
 */
import type { WxtBrowser as Browser } from 'wxt/browser';
import type { EffectiveConfig } from '../config/settings';
import { lookup, type MatchIndex } from '../matcher';
import { requestSchema, type Envelope, type Request, type ResponseMap, type StatusView, type TabView, type ToolListItem } from '../messages';
import type { TrustedKey } from '../register/dsse';
import { parsePattern } from '../register/pattern';
import type { CatalogEntry } from '../register/schema';
import { openDatabase, type Database, type StoredRegister } from '../storage/db';
import { localSettingsItem, readSyncStatus, syncStatusItem, type SyncStatus } from '../storage/items';
import { acceptRegister } from '../sync/accept-register';
import type { SyncError } from '../sync/errors';
import { fetchRegister } from '../sync/fetch-register';
import { loadHeldRegister, syncRegister, type SyncResult } from '../sync/sync-register';
import { buildToolView, type ToolView } from '../tool-view';
import { computeVerdict, verdictForTool, type LoadedRegister, type OpenRequest, type Verdict, type VerdictKind } from '../verdict';
import { benchBadgeSet } from '../bench-hooks';
import { applyBadge, TabSequencer } from './badges';
import { loadBundledCatalog } from './catalog-source';
import { importKeys, readConfig } from './config-source';
import { createRequestService, OUTBOX_ALARM, type RequestTargets } from './requests';

export const SYNC_ALARM = 'bijsluiter-sync';

interface State {
  config: EffectiveConfig;
  keys: TrustedKey[];
  register: LoadedRegister | null;
  stored: StoredRegister | null;
  heldError: SyncError | null;
  catalog: MatchIndex<CatalogEntry> | null;
}

export interface ControllerDeps {
  /** Random source for backoff jitter (tests fix it). */
  random?: () => number;
  browser: Browser;
  now?: () => Date;
  openDb?: () => Promise<Database>;
  loadCatalog?: () => Promise<MatchIndex<CatalogEntry> | null>;
  managedTimeoutMs?: number;
  fetchImpl?: typeof fetch;
}

/** Creates the background controller. Call its handlers from the entrypoint's listeners. */
export function createController(deps: ControllerDeps) {
  const { browser } = deps;
  const now = deps.now ?? (() => new Date());
  const sequencer = new TabSequencer();
  let dbPromise: Promise<Database> | null = null;
  let catalogPromise: Promise<MatchIndex<CatalogEntry> | null> | null = null;
  let statePromise: Promise<State> | null = null;
  let syncInFlight: Promise<SyncResult> | null = null;

  const db = () => (dbPromise ??= (deps.openDb ?? (() => openDatabase()))());
  // a failed load is not kept: the next state load tries again instead of living without it
  const catalog = () =>
    (catalogPromise ??= (deps.loadCatalog ?? (() => loadBundledCatalog(browser)))().then((index) => {
      if (!index) catalogPromise = null;
      return index;
    }));
  const state = () => (statePromise ??= loadState());
  const requests = createRequestService({
    browser,
    db,
    now,
    fetchImpl: deps.fetchImpl,
    random: deps.random,
    targets: () => requestTargets(),
    onOpenRequestsChanged: () => refreshAllTabs(),
  });
  const openRequests = (): readonly OpenRequest[] => requests.openRequests();

  async function loadState(): Promise<State> {
    const { config, late } = await readConfig(browser, deps.managedTimeoutMs);
    // policy that arrives after start-up without a change event: apply it when it comes
    late?.then(() => reloadConfig()).catch((error: unknown) => console.error('Bijsluiter: late policy', error));
    const { keys, problems } = await importKeys(config.values.publicKeys ?? [], config.sources.publicKeys === 'managed' ? 'managed' : 'local');
    config.problems.push(...problems);
    const [catalogIndex, , held] = await Promise.all([
      catalog(),
      requests.load().catch((error: unknown) => console.error('Bijsluiter: the outbox could not be read', error)),
      db().then((database) => loadHeldRegister(database, keys, now())).catch((error: Error) => ({ register: null, error: { code: 'storage' as const, detail: error.message } })),
    ]);
    return {
      config,
      keys,
      catalog: catalogIndex,
      register: held.register,
      stored: 'stored' in held ? held.stored : null,
      heldError: held.register ? null : held.error,
    };
  }

  function verdictFor(current: State, url: string): Verdict {
    return computeVerdict({
      url,
      register: current.register,
      catalog: current.config.values.useBundledCatalog ? current.catalog : null,
      openRequests: openRequests(),
      now: now(),
    });
  }

  /** Sets the badge of one tab for the URL it now shows. */
  async function updateTab(tabId: number, url: string): Promise<void> {
    const isCurrent = sequencer.begin(tabId);
    const current = await state();
    if (!isCurrent()) return;
    await applyBadge(browser, tabId, verdictFor(current, url));
    benchBadgeSet(tabId, url);
  }

  /** Recomputes every open tab (after a sync, a settings change, or a wake). */
  async function refreshAllTabs(): Promise<void> {
    const tabs = await browser.tabs.query({});
    await Promise.all(tabs.map((tab) => (tab.id !== undefined && tab.url ? updateTab(tab.id, tab.url) : undefined)));
  }

  async function ensureAlarm(periodInMinutes: number): Promise<void> {
    const existing = await browser.alarms.get(SYNC_ALARM);
    if (existing?.periodInMinutes === periodInMinutes) return;
    await browser.alarms.create(SYNC_ALARM, { periodInMinutes, delayInMinutes: periodInMinutes });
  }

  async function recordSync(result: SyncResult, url: string | null): Promise<void> {
    const at = now().toISOString();
    const previous = await readSyncStatus();
    const next: SyncStatus =
      result.outcome === 'error'
        ? { ...previous, lastAttemptAt: at, lastOutcome: 'error', lastError: { ...result.error, at, url } }
        : { lastAttemptAt: at, lastSuccessAt: at, lastOutcome: result.outcome, lastError: null };
    await syncStatusItem.setValue(next);
  }

  /** Runs one sync (one at a time), swaps the register in on success and refreshes the badges. */
  function sync(): Promise<SyncResult> {
    syncInFlight ??= (async () => {
      const current = await state();
      const url = current.config.values.registerUrl;
      const result = await syncRegister({ db: await db(), url, keys: current.keys, now: now(), fetchOptions: { fetchImpl: deps.fetchImpl }, heldUnusable: current.register === null });
      if (result.outcome === 'updated') {
        current.register = result.register;
        current.stored = result.stored;
        current.heldError = null;
      }
      await recordSync(result, url ?? null);
      if (result.outcome === 'updated') await refreshAllTabs();
      return result;
    })().finally(() => {
      syncInFlight = null;
    });
    return syncInFlight;
  }

  /** Re-reads settings (policy or options page changed) and applies them without a restart. */
  async function reloadConfig(): Promise<void> {
    const previous = await state();
    statePromise = loadState();
    const next = await statePromise;
    await ensureAlarm(next.config.values.syncIntervalMinutes);
    const urlChanged = next.config.values.registerUrl !== previous.config.values.registerUrl;
    const keysChanged = next.keys.map((k) => k.keyId).join() !== previous.keys.map((k) => k.keyId).join();
    await refreshAllTabs();
    if (urlChanged || keysChanged || !next.register) await sync();
  }

  /**
   * Once per browser session (runtime.onStartup, or the first wake when the browser did not
   * fire it, as happens for some profiles): refresh the register and deliver every waiting
   * request at once, backoff or not. storage.session is empty at each browser start.
   */
  async function startSessionOnce(): Promise<boolean> {
    const { bijsluiterSessionStarted } = await browser.storage.session.get('bijsluiterSessionStarted');
    if (bijsluiterSessionStarted) return false;
    await browser.storage.session.set({ bijsluiterSessionStarted: true });
    await Promise.all([sync(), requests.drain(true)]);
    return true;
  }

  async function statusView(): Promise<StatusView> {
    const current = await state();
    const payload = current.register?.payload;
    return {
      configured: Boolean(current.config.values.registerUrl),
      registerUrl: current.config.values.registerUrl ?? null,
      settings: current.config.values,
      sources: current.config.sources,
      problems: current.config.problems,
      register: payload && current.stored
        ? {
            url: current.stored.url,
            serial: payload.serial,
            publisherName: payload.publisher.name,
            issuedAt: payload.issuedAt,
            expiresAt: payload.expiresAt,
            toolCount: payload.tools.length,
            fg: payload.publisher.fg,
          }
        : null,
      heldError: current.heldError,
      sync: await readSyncStatus(),
      fg: current.config.values.fgEmail
        ? { name: current.config.values.fgName, email: current.config.values.fgEmail }
        : payload?.publisher.fg ?? null,
      schoolName: current.config.values.schoolName ?? null,
    };
  }

  async function tabView(tabId: number): Promise<TabView> {
    // everything the popup needs, read in parallel: it waits on this before it can show anything
    const [tab, current, status, targets, profile] = await Promise.all([browser.tabs.get(tabId), state(), statusView(), requestTargets(), requests.profile()]);
    const url = tab.url ?? null;
    const verdict = verdictFor(current, url ?? '');
    return {
      url,
      view: buildToolView(verdict, current.register?.payload ?? null, now()),
      status,
      requestContext: {
        canSendDirectly: targets.endpoint !== null,
        canMail: targets.fgEmail !== null,
        profile,
        schoolFromPolicy: current.config.sources.schoolName === 'managed' ? current.config.values.schoolName ?? null : null,
        openRequestId: verdict.request?.id ?? null,
      },
    };
  }

  /** Where vetting requests go and whom to mail: policy first, then the register. */
  async function requestTargets(): Promise<RequestTargets> {
    const current = await state();
    const payload = current.register?.payload;
    return {
      endpoint: current.config.values.requestEndpoint ?? payload?.publisher.requestEndpoint ?? null,
      token: current.config.values.requestToken ?? null,
      fgEmail: current.config.values.fgEmail ?? payload?.publisher.fg.email ?? null,
      registerSerial: payload?.serial ?? null,
    };
  }

  /** An unvetted tool the teacher has an open request for counts as pending. */
  function withRequest(kind: VerdictKind, matches: (request: OpenRequest) => boolean): VerdictKind {
    return kind === 'unvetted' && openRequests().some(matches) ? 'pending' : kind;
  }

  /** Every register tool, and the catalogue sites the register does not cover, with verdicts. */
  async function listTools(): Promise<ToolListItem[]> {
    const current = await state();
    const payload = current.register?.payload;
    const items: ToolListItem[] = (payload?.tools ?? []).map((tool) => ({
      source: 'register', id: tool.id, name: tool.name, vendorName: tool.vendor?.name ?? null, category: tool.category,
      patterns: tool.match, verdict: withRequest(verdictForTool(tool, payload!, now()), (r) => r.registerId === tool.id),
    }));
    if (current.config.values.useBundledCatalog && current.catalog) {
      for (const entry of current.catalog.entries) {
        if (current.register && coveredByRegister(current.register, entry.match)) continue;
        items.push({ source: 'catalog', id: entry.id, name: entry.name, vendorName: entry.vendor?.name ?? null, category: entry.category, patterns: entry.match, verdict: withRequest('unvetted', (r) => r.catalogId === entry.id) });
      }
    }
    return items.sort((a, b) => a.name.localeCompare(b.name));
  }

  async function toolView(source: 'register' | 'catalog', id: string): Promise<ToolView> {
    const current = await state();
    const payload = current.register?.payload ?? null;
    const base: Verdict = { kind: 'unknown', location: null, tool: null, catalogEntry: null, request: null };
    if (source === 'register') {
      const tool = payload?.tools.find((t) => t.id === id);
      if (!tool || !payload) throw new Error(`no tool "${id}" in the register`);
      const request = openRequests().find((r) => r.registerId === id) ?? null;
      const kind = verdictForTool(tool, payload, now());
      return buildToolView({ ...base, tool, request: kind === 'unvetted' ? request : null, kind: kind === 'unvetted' && request ? 'pending' : kind }, payload, now());
    }
    const entry = current.catalog?.entries.find((e) => e.id === id);
    if (!entry) throw new Error(`no tool "${id}" in the catalogue`);
    const request = openRequests().find((r) => r.catalogId === id) ?? null;
    return buildToolView({ ...base, catalogEntry: entry, request, kind: request ? 'pending' : 'unvetted' }, payload, now());
  }

  async function testConnection(settings: { registerUrl?: string; publicKeys?: string[] }): Promise<ResponseMap['testConnection']> {
    const current = await state();
    const url = settings.registerUrl ?? current.config.values.registerUrl;
    const { keys, problems } = await importKeys(settings.publicKeys ?? current.config.values.publicKeys ?? [], 'local');
    if (problems[0]) return { ok: false, error: { code: 'bad-public-key', detail: `${problems[0].key}: ${problems[0].reason}` } };
    if (!url) return { ok: false, error: { code: 'not-configured', detail: 'no register URL is configured' } };
    const fetched = await fetchRegister(url, { fetchImpl: deps.fetchImpl });
    if (fetched.kind === 'error') return { ok: false, error: fetched.error };
    if (fetched.kind === 'not-modified') return { ok: false, error: { code: 'not-modified-without-copy', detail: 'unexpected 304 answer' } };
    const accepted = await acceptRegister(fetched.bytes, { keys, now: now() });
    if (!accepted.ok) return { ok: false, error: accepted.error };
    return { ok: true, publisherName: accepted.payload.publisher.name, serial: accepted.payload.serial, toolCount: accepted.payload.tools.length };
  }

  async function saveSettings(settings: { registerUrl?: string; publicKeys?: string[] }): Promise<StatusView> {
    const stored = { ...(await localSettingsItem.getValue()) };
    if (settings.registerUrl !== undefined) stored.registerUrl = settings.registerUrl.trim() || undefined;
    if (settings.publicKeys !== undefined) stored.publicKeys = settings.publicKeys.map((k) => k.trim()).filter(Boolean);
    await localSettingsItem.setValue(stored);
    await reloadConfig();
    return statusView();
  }

  async function dispatch(request: Request): Promise<ResponseMap[Request['type']]> {
    switch (request.type) {
      case 'getTabView':
        return tabView(request.tabId);
      case 'getStatus':
        return statusView();
      case 'syncNow':
        await sync();
        return statusView();
      case 'saveSettings':
        return saveSettings(request.settings);
      case 'testConnection':
        return testConnection(request.settings);
      case 'listTools':
        return listTools();
      case 'getToolView':
        return toolView(request.source, request.id);
      case 'submitRequest':
        return requests.submit(request.form);
      case 'listRequests': {
        if (request.refreshStatus) void requests.refreshStatuses(true).catch(() => undefined);
        return { ...(await requests.list()), profile: await requests.profile() };
      }
      case 'retryRequest':
        await requests.retry(request.id);
        return null;
      case 'cancelRequest':
        await requests.cancel(request.id);
        return null;
      case 'mailtoRequest':
        return requests.mailto(request.id);
    }
  }

  return {
    updateTab,
    refreshAllTabs,
    sync,
    reloadConfig,
    statusView,

    /** First event after a (re)start of the worker: badges for every open tab, the alarm. */
    async wake(): Promise<void> {
      const current = await state();
      await ensureAlarm(current.config.values.syncIntervalMinutes);
      await refreshAllTabs();
      if (!(await startSessionOnce())) await requests.drain();
    },

    /** The browser is back online: deliver what waits, backoff or not. */
    onOnline(): Promise<void> {
      return requests.drain(true);
    },

    /** The browser started. */
    async onStartup(): Promise<void> {
      await startSessionOnce();
    },

    /** Install or update: sync at once; a welcome tab on first install unless policy says not. */
    async onInstalled(reason: string): Promise<void> {
      const current = await state();
      if (reason === 'install' && !current.config.values.disableFirstRunPage) {
        await browser.tabs.create({ url: browser.runtime.getURL('/options.html?welcome=1') });
      }
      await sync();
    },

    async onAlarm(name: string): Promise<void> {
      if (name === SYNC_ALARM) {
        await sync();
        await requests.refreshStatuses();
      }
      if (name === OUTBOX_ALARM) await requests.drain();
    },

    onTabRemoved(tabId: number): void {
      sequencer.forget(tabId);
    },

    /** Validates a page's request, checks it comes from this extension's pages, and answers it. */
    async onMessage(message: unknown, sender: { id?: string; url?: string }): Promise<Envelope<unknown>> {
      const ownPages = browser.runtime.getURL('/');
      if (sender.id !== browser.runtime.id || !sender.url?.startsWith(ownPages)) {
        return { ok: false, error: 'messages are only accepted from Bijsluiter\'s own pages' };
      }
      const parsed = requestSchema.safeParse(message);
      if (!parsed.success) return { ok: false, error: `invalid request: ${parsed.error.issues[0]?.message ?? ''}` };
      try {
        return { ok: true, data: await dispatch(parsed.data) };
      } catch (error) {
        return { ok: false, error: (error as Error).message };
      }
    },
  };
}

export type Controller = ReturnType<typeof createController>;

/** Whether the register already matches one of a catalogue entry's patterns. */
function coveredByRegister(register: LoadedRegister, patterns: readonly string[]): boolean {
  return patterns.some((source) => {
    const parsed = parsePattern(source);
    return parsed.ok && lookup(register.index, { host: parsed.pattern.host, path: parsed.pattern.path || '/' }) !== null;
  });
}
