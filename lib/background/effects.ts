/**
 * Everything the background reaches outside itself, in one interface: the parts take what they
 * need from it, so each can be tested with plain objects instead of a fake browser. The real
 * values are assembled once, in default-effects.ts.
 */
import type { WxtBrowser as Browser } from 'wxt/browser';
import type { EffectiveConfig } from '../config/settings';
import type { MessageKey } from '../i18n';
import type { MatchIndex } from '../matcher';
import type { CatalogEntry } from '../register/schema';
import type { Database } from '../storage/db';
import type { SyncStatus, TeacherProfile } from '../storage/items';

/** One value kept in browser storage, read back validated. */
export interface StoredValue<T> {
  read(): Promise<T>;
  write(value: T): Promise<void>;
}

export type Translate = (key: MessageKey, ...substitutions: (string | number)[]) => string;

/** The browser's alarms, as far as the background uses them. */
export type Alarms = Pick<Browser['alarms'], 'get' | 'create' | 'clear'>;

export interface BackgroundEffects {
  /** Only the edges use it: toolbar, tabs, alarms, session storage, the runtime's identity. */
  browser: Browser;
  now: () => Date;
  /** Random source for backoff jitter (tests fix it). */
  random: () => number;
  uuid: () => string;
  fetchImpl: typeof fetch;
  t: Translate;
  formatDate: (iso: string | null | undefined) => string;
  openDb: () => Promise<Database>;
  /** The bundled catalogue, indexed; null when it could not be read (tried again next time). */
  loadCatalog: () => Promise<MatchIndex<CatalogEntry> | null>;
  /** The settings in force (policy over local); `late` settles when slow policy arrives. */
  readConfig: () => Promise<{ config: EffectiveConfig; late?: Promise<unknown> }>;
  storage: {
    syncStatus: StoredValue<SyncStatus>;
    localSettings: StoredValue<Record<string, unknown>>;
    teacherProfile: StoredValue<TeacherProfile>;
    /** Bumped on every outbox change so open pages can follow it. */
    outboxRevision: StoredValue<number>;
    /** Per browser session (emptied at each browser start). */
    sessionStarted: StoredValue<boolean>;
  };
  flags: {
    browserName: 'chrome' | 'edge' | 'firefox';
    extensionVersion: string;
  };
  /** Shows a system notification (replacing one with the same id). */
  notify: (id: string, title: string, message: string) => Promise<void>;
  /** Called after a tab's badge is set (the benchmark build times it). */
  onBadgeSet: (tabId: number, url: string) => void;
}
