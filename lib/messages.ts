/**
 * The one message protocol between the extension's pages (popup, options) and the background.
 * Requests are validated with zod on arrival and only accepted from this extension's own pages;
 * responses are typed per request.
 */
import type { SettingProblem, SettingSource, SettingKey, Settings } from './config/settings';
import type { SyncStatus } from './storage/items';
import type { SyncError } from './sync/errors';
import type { Verdict } from './verdict';
import { z } from './zod';

const tabId = z.number().int().min(0);
const editableSettings = z.object({
  registerUrl: z.string().max(2048).optional(),
  publicKeys: z.array(z.string().max(200)).max(10).optional(),
});

/** Every request a page may send to the background. */
export const requestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('getTabView'), tabId }),
  z.object({ type: z.literal('getStatus') }),
  z.object({ type: z.literal('syncNow') }),
  z.object({ type: z.literal('saveSettings'), settings: editableSettings }),
  z.object({ type: z.literal('testConnection'), settings: editableSettings }),
]);
export type Request = z.infer<typeof requestSchema>;

/** A summary of the register held, for the popup and the options page. */
export interface RegisterSummary {
  url: string;
  serial: number;
  publisherName: string;
  issuedAt: string;
  expiresAt: string;
  toolCount: number;
  fg: { name?: string; email: string; phone?: string };
}

/** What the pages show about configuration and sync. */
export interface StatusView {
  configured: boolean;
  registerUrl: string | null;
  settings: Settings;
  sources: Partial<Record<SettingKey, SettingSource>>;
  problems: SettingProblem[];
  register: RegisterSummary | null;
  /** Why the stored register could not be used, if it could not. */
  heldError: SyncError | null;
  sync: SyncStatus;
}

/** Everything the popup needs for one tab. */
export interface TabView {
  url: string | null;
  verdict: Verdict;
  status: StatusView;
}

/** The outcome of "test connection". */
export type TestResult = { ok: true; publisherName: string; serial: number; toolCount: number } | { ok: false; error: SyncError };

/** Response type per request type. */
export interface ResponseMap {
  getTabView: TabView;
  getStatus: StatusView;
  syncNow: StatusView;
  saveSettings: StatusView;
  testConnection: TestResult;
}

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: string };
