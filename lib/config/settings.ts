/**
 * The extension's settings (shared/spec/deployment-and-requests.md, "Configuration"): one zod
 * schema per key, so a managed value of the wrong type is ignored on its own, with a reason,
 * while the other keys still apply. A managed value always wins over one entered on the options
 * page; the options page shows it read-only.
 */
import { z } from '../zod';

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Whether `value` is an https URL, or an http URL on this machine (for tests and demos). */
export function isAllowedRemoteUrl(value: string): boolean {
  try {
    const url = new URL(value);
    if (url.username || url.password) return false;
    return url.protocol === 'https:' || (url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname));
  } catch {
    return false;
  }
}

const remoteUrl = z.string().trim().max(2048).refine(isAllowedRemoteUrl, 'must be an https:// URL');

/** One schema per setting key. */
export const SETTING_SCHEMAS = {
  registerUrl: remoteUrl,
  publicKeys: z.array(z.string().trim().min(1).max(200)).max(10),
  fgName: z.string().trim().min(1).max(200),
  fgEmail: z.email().max(254),
  requestEndpoint: remoteUrl,
  /** Sent as `Authorization: Bearer …` with requests so the endpoint can refuse the rest of the internet. */
  requestToken: z.string().trim().min(8).max(500).regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces'),
  schoolName: z.string().trim().min(1).max(200),
  syncIntervalMinutes: z.number().int().min(15).max(1440),
  useBundledCatalog: z.boolean(),
  disableFirstRunPage: z.boolean(),
  /** A system notification on a sign-in screen for a tool that is not approved (such screens often open without a toolbar). */
  signInNotifications: z.boolean(),
} as const;

export type SettingKey = keyof typeof SETTING_SCHEMAS;
export const SETTING_KEYS = Object.keys(SETTING_SCHEMAS) as SettingKey[];
export type Settings = { [K in SettingKey]?: z.infer<(typeof SETTING_SCHEMAS)[K]> };

/** Values that apply when neither policy nor the options page sets a key. */
export const DEFAULT_SETTINGS = { syncIntervalMinutes: 360, useBundledCatalog: true, disableFirstRunPage: false, signInNotifications: true } as const;

/** A setting that was ignored, and why. */
export interface SettingProblem {
  source: 'managed' | 'local';
  key: string;
  reason: string;
}

/** Where each effective value came from. */
export type SettingSource = 'managed' | 'local' | 'default';

/** The settings in force, with their sources and whatever was ignored. */
export interface EffectiveConfig {
  values: Settings & typeof DEFAULT_SETTINGS;
  sources: Partial<Record<SettingKey, SettingSource>>;
  problems: SettingProblem[];
}

/** Validates a raw settings object key by key; wrong or unknown keys become problems. */
export function readSettings(raw: unknown, source: 'managed' | 'local'): { values: Settings; problems: SettingProblem[] } {
  const values: Record<string, unknown> = {};
  const problems: SettingProblem[] = [];
  if (raw === null || raw === undefined) return { values, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { values, problems: [{ source, key: '*', reason: 'settings are not an object' }] };
  }
  for (const [key, value] of Object.entries(raw)) {
    if (value === undefined || value === null || value === '') continue;
    if (!(key in SETTING_SCHEMAS)) {
      problems.push({ source, key, reason: 'unknown setting, ignored' });
      continue;
    }
    const parsed = SETTING_SCHEMAS[key as SettingKey].safeParse(value);
    if (parsed.success) values[key] = parsed.data;
    else problems.push({ source, key, reason: `${describeType(value)} ignored: ${parsed.error.issues[0]?.message ?? 'invalid'}` });
  }
  return { values: values as Settings, problems };
}

/** Merges defaults, local and managed settings; managed wins per key. */
export function mergeSettings(managedRaw: unknown, localRaw: unknown, managedError?: string): EffectiveConfig {
  const managed = readSettings(managedRaw, 'managed');
  const local = readSettings(localRaw, 'local');
  const sources: EffectiveConfig['sources'] = {};
  const values: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const key of SETTING_KEYS) {
    if (key in DEFAULT_SETTINGS) sources[key] = 'default';
    if (local.values[key] !== undefined) {
      values[key] = local.values[key];
      sources[key] = 'local';
    }
    if (managed.values[key] !== undefined) {
      values[key] = managed.values[key];
      sources[key] = 'managed';
    }
  }
  const problems = [...managed.problems, ...local.problems];
  if (managedError) problems.unshift({ source: 'managed', key: '*', reason: managedError });
  return { values: values as EffectiveConfig['values'], sources, problems };
}

function describeType(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `the text "${value.slice(0, 60)}"`;
  return `a ${typeof value}`;
}
