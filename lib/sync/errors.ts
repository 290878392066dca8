/**
 * Why a register was not taken. Every refusal has a code (translated on the options page) and a
 * detail naming the field, the tool id or the number that was wrong, so a school's IT admin can
 * act on it without reading code.
 */

export const SYNC_ERROR_CODES = [
  'not-configured',
  'bad-url',
  'no-public-keys',
  'bad-public-key',
  'timeout',
  'network',
  'http-status',
  'redirect',
  'too-large',
  'truncated',
  'html-page',
  'not-json',
  'bad-envelope',
  'wrong-payload-type',
  'bad-base64',
  'no-signatures',
  'bad-signature',
  'payload-not-json',
  'unsupported-format',
  'invalid-register',
  'future-dated',
  'rollback',
  'key-no-longer-trusted',
  'same-serial-different-content',
  'not-modified-without-copy',
  'storage',
] as const;

export type SyncErrorCode = (typeof SYNC_ERROR_CODES)[number];

/** A refusal: the code and the specifics in plain words. */
export interface SyncError {
  code: SyncErrorCode;
  detail: string;
}

/** Shorthand for building a SyncError. */
export function syncError(code: SyncErrorCode, detail: string): SyncError {
  return { code, detail };
}
