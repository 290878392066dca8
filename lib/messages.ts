/**
 * The one message protocol between the extension's pages (popup, options) and the background.
 * Messages are validated with zod on arrival and only accepted from this extension's own pages;
 * answers are typed per message type.
 */
import type { SettingProblem, SettingSource, SettingKey, Settings } from './config/settings';
import type { Framework } from './register/framework';
import type { OutboxRecord } from './requests/schema';
import type { DamagedRecord } from './requests/store';
import type { SyncStatus, TeacherProfile } from './storage/items';
import type { SyncError } from './sync/errors';
import type { ToolView } from './tool-view';
import type { VerdictKind } from './verdict-types';
import { z } from './zod';

const tabId = z.number().int().min(0);
const editableSettings = z.object({
  registerUrl: z.string().max(2048).optional(),
  publicKeys: z.array(z.string().max(200)).max(10).optional(),
});

/** Every message a page may send to the background. */
export const messageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('getTabView'), tabId }),
  z.object({ type: z.literal('getStatus') }),
  z.object({ type: z.literal('syncNow') }),
  z.object({ type: z.literal('saveSettings'), settings: editableSettings }),
  z.object({ type: z.literal('testConnection'), settings: editableSettings }),
  z.object({ type: z.literal('listTools') }),
  z.object({ type: z.literal('getToolView'), source: z.enum(['register', 'catalog']), id: z.string().max(64) }),
  // the form is validated in full by the request service (requestFormSchema)
  z.object({ type: z.literal('submitRequest'), form: z.record(z.string(), z.unknown()) }),
  z.object({ type: z.literal('listRequests'), refreshStatus: z.boolean().optional() }),
  z.object({ type: z.literal('retryRequest'), id: z.uuid() }),
  z.object({ type: z.literal('cancelRequest'), id: z.uuid() }),
  z.object({ type: z.literal('mailtoRequest'), id: z.uuid() }),
]);
export type Message = z.infer<typeof messageSchema>;
export type MessageType = Message['type'];

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

/** The FG to contact: from policy when set, else from the register. */
export interface FgContactView {
  name?: string;
  /** How the register names the data protection officer (`publisher.fg.title`). */
  title?: string;
  email: string;
  phone?: string;
  /** The register's framework, for the default title (lib/register/framework.ts `fgTitle`); absent: the Convenant. */
  framework?: Framework;
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
  fg: FgContactView | null;
  schoolName: string | null;
}

/** Everything the popup needs for one tab. */
export interface TabView {
  url: string | null;
  view: ToolView;
  status: StatusView;
  requestContext: RequestContextView;
}

/** What the request form needs to know. */
export interface RequestContextView {
  /** An endpoint is configured: the request is POSTed. */
  canSendDirectly: boolean;
  /** An FG e-mail address is known: the request can go by e-mail. */
  canMail: boolean;
  profile: TeacherProfile;
  /** The school's name when policy sets it (then not editable). */
  schoolFromPolicy: string | null;
  /** The teacher's open request for this tool, if any. */
  openRequestId: string | null;
}

/** The teacher's requests. */
export interface RequestsView {
  records: OutboxRecord[];
  damaged: DamagedRecord[];
  profile: TeacherProfile;
}

/** One row of the options page's list of tools. */
export interface ToolListItem {
  source: 'register' | 'catalog';
  id: string;
  name: string;
  vendorName: string | null;
  category: string;
  patterns: string[];
  verdict: VerdictKind;
}

/** The outcome of "test connection". */
export type TestResult = { ok: true; publisherName: string; serial: number; toolCount: number } | { ok: false; error: SyncError };

/** What became of a submitted vetting request. */
export type SubmitResult =
  | { kind: 'queued'; record: OutboxRecord }
  | { kind: 'mailto'; record: OutboxRecord; mailto: string }
  | { kind: 'duplicate'; record: OutboxRecord }
  | { kind: 'invalid'; fields: string[] };

/** The background's answer per message type. */
export interface ResponseMap {
  getTabView: TabView;
  getStatus: StatusView;
  syncNow: StatusView;
  saveSettings: StatusView;
  testConnection: TestResult;
  listTools: ToolListItem[];
  getToolView: ToolView;
  submitRequest: SubmitResult;
  listRequests: RequestsView;
  retryRequest: null;
  cancelRequest: null;
  mailtoRequest: string;
}

/** How every answer travels: the data, or the reason it could not be given. */
export type Reply<T> = { ok: true; data: T } | { ok: false; error: string };
