/**
 * Every item the extension keeps in browser storage, declared once, each with a version so a
 * later release can migrate it. Values read back are validated: a corrupted item falls back to
 * its default instead of breaking the worker.
 */
import { storage } from 'wxt/utils/storage';
import { SYNC_ERROR_CODES } from '../sync/errors';
import { z } from '../zod';

/** Settings typed on the options page (policy values live in storage.managed, read-only). */
export const localSettingsItem = storage.defineItem<Record<string, unknown>>('local:settings', {
  fallback: {},
  version: 1,
});

const syncErrorRecord = z.object({
  code: z.enum(SYNC_ERROR_CODES),
  detail: z.string(),
  at: z.string(),
  url: z.string().nullable(),
});

/** What the last sync attempts did, for the options page and the popup. */
export const syncStatusSchema = z.object({
  lastAttemptAt: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
  /** Outcome of the last attempt: a new register, the same one, or an error. */
  lastOutcome: z.enum(['updated', 'unchanged', 'error']).nullable(),
  lastError: syncErrorRecord.nullable(),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;
export type SyncErrorRecord = z.infer<typeof syncErrorRecord>;

export const EMPTY_SYNC_STATUS: SyncStatus = { lastAttemptAt: null, lastSuccessAt: null, lastOutcome: null, lastError: null };

export const syncStatusItem = storage.defineItem<SyncStatus>('local:syncStatus', {
  fallback: EMPTY_SYNC_STATUS,
  version: 1,
});

/** Reads the sync status, falling back to empty when the stored value is damaged. */
export async function readSyncStatus(): Promise<SyncStatus> {
  const parsed = syncStatusSchema.safeParse(await syncStatusItem.getValue());
  return parsed.success ? parsed.data : EMPTY_SYNC_STATUS;
}

/** The teacher's own details, remembered after the first request (never sent anywhere else). */
export const teacherProfileSchema = z.object({
  name: z.string().max(120).default(''),
  email: z.string().max(254).default(''),
  school: z.string().max(200).default(''),
});
export type TeacherProfile = z.infer<typeof teacherProfileSchema>;

export const teacherProfileItem = storage.defineItem<TeacherProfile>('local:teacherProfile', {
  fallback: { name: '', email: '', school: '' },
  version: 1,
});

/** Reads the remembered profile, empty when damaged. */
export async function readTeacherProfile(): Promise<TeacherProfile> {
  const parsed = teacherProfileSchema.safeParse(await teacherProfileItem.getValue());
  return parsed.success ? parsed.data : { name: '', email: '', school: '' };
}

/**
 * Bumped after every change to the outbox (which lives in IndexedDB), so open pages can follow
 * a request from queued to delivered through storage.onChanged.
 */
export const outboxRevisionItem = storage.defineItem<number>('local:outboxRevision', { fallback: 0, version: 1 });
