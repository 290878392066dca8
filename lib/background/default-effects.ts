/**
 * The real effects, read from the browser and the modules that hold globals. The one place the
 * background touches storage items, translations, the UUID source and build flags directly.
 */
import type { WxtBrowser as Browser } from 'wxt/browser';
import { benchBadgeSet } from '../bench-hooks';
import { formatDate } from '../format';
import { t } from '../i18n';
import { openDatabase } from '../storage/db';
import { localSettingsItem, outboxRevisionItem, readSyncStatus, readTeacherProfile, syncStatusItem, teacherProfileItem } from '../storage/items';
import { loadBundledCatalog } from './catalog-source';
import { readConfig } from './config-source';
import type { BackgroundEffects } from './effects';

/** The effects of the running extension; `overrides` replace single ones (tests). */
export function defaultEffects(browser: Browser, overrides: Partial<BackgroundEffects> & { managedTimeoutMs?: number } = {}): BackgroundEffects {
  const { managedTimeoutMs, ...rest } = overrides;
  return {
    browser,
    now: () => new Date(),
    random: Math.random,
    uuid: () => crypto.randomUUID(),
    // looked up at each call, so a test that stubs the global fetch is honoured
    fetchImpl: ((input, init) => fetch(input, init)) as typeof fetch,
    t,
    formatDate,
    openDb: () => openDatabase(),
    loadCatalog: () => loadBundledCatalog(browser),
    readConfig: () => readConfig(browser, () => localSettingsItem.getValue(), managedTimeoutMs),
    storage: {
      syncStatus: { read: readSyncStatus, write: (value) => syncStatusItem.setValue(value) },
      localSettings: { read: () => localSettingsItem.getValue(), write: (value) => localSettingsItem.setValue(value) },
      teacherProfile: { read: readTeacherProfile, write: (value) => teacherProfileItem.setValue(value) },
      outboxRevision: { read: () => outboxRevisionItem.getValue(), write: (value) => outboxRevisionItem.setValue(value) },
      sessionStarted: {
        read: async () => Boolean((await browser.storage.session.get('bijsluiterSessionStarted')).bijsluiterSessionStarted),
        write: (value) => browser.storage.session.set({ bijsluiterSessionStarted: value }),
      },
    },
    flags: { browserName: browserName(globalThis.navigator?.userAgent ?? ''), extensionVersion: browser.runtime.getManifest().version },
    notify: async (id, title, message) => {
      // absent where the browser withholds the permission: the badge and title still say it
      await browser.notifications?.create(id, { type: 'basic', iconUrl: browser.runtime.getURL('/icons/128.png'), title, message, priority: 2 });
    },
    onBadgeSet: benchBadgeSet,
    ...rest,
  };
}

/** Which browser this is, for the request's `client` field (Edge says "Edg/", Firefox "Firefox/"). */
export function browserName(userAgent: string): 'chrome' | 'edge' | 'firefox' {
  if (userAgent.includes('Edg/')) return 'edge';
  if (userAgent.includes('Firefox/')) return 'firefox';
  return 'chrome';
}
