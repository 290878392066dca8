/**
 * Fetch → accept: downloads a register and runs every check on it. The sync and the options
 * page's "Test connection" both go through here, so a register that tests fine is one the sync
 * would take.
 */
import type { TrustedKey } from '../register/dsse';
import type { RegisterPayload } from '../register/schema';
import { acceptRegister, type HeldRegister } from './accept-register';
import type { SyncError } from './errors';
import { fetchRegister, type ConditionalHeaders, type FetchOptions } from './fetch-register';

export interface DownloadOptions {
  keys: readonly TrustedKey[];
  now: Date;
  /** The register held now, for the rollback check (same URL only). */
  held?: HeldRegister | null;
  /** Validators of the copy held, for a conditional request; null downloads in full. */
  conditional?: ConditionalHeaders | null;
  fetchOptions?: Omit<FetchOptions, 'conditional'>;
}

export type DownloadResult =
  | { kind: 'accepted'; payload: RegisterPayload; payloadSha256: string; bytes: Uint8Array; etag: string | null; lastModified: string | null }
  | { kind: 'not-modified' }
  | { kind: 'error'; error: SyncError };

/** Downloads `url` and accepts it or says why not. Never throws. */
export async function downloadRegister(url: string, options: DownloadOptions): Promise<DownloadResult> {
  const fetched = await fetchRegister(url, { ...options.fetchOptions, conditional: options.conditional ?? null });
  if (fetched.kind !== 'body') return fetched;
  const accepted = await acceptRegister(fetched.bytes, { keys: options.keys, now: options.now, held: options.held ?? null, url });
  if (!accepted.ok) return { kind: 'error', error: accepted.error };
  return { kind: 'accepted', payload: accepted.payload, payloadSha256: accepted.payloadSha256, bytes: fetched.bytes, etag: fetched.etag, lastModified: fetched.lastModified };
}
