/**
 * One sync: download → accept (download-register.ts) → store (one transaction) → hand back the new register for the
 * in-memory swap. The last good register is replaced only by one that passed every check; any
 * failure leaves it untouched and comes back as a reason.
 */
import { buildMatchIndex } from '../matcher';
import { verifyEnvelope, type TrustedKey } from '../register/dsse';
import { envelopeSchema, REGISTER_PAYLOAD_TYPE } from '../register/schema';
import type { RegisterPayload, Tool } from '../register/schema';
import { loadStoredRegister, saveStoredRegister, type Database, type StoredRegister } from '../storage/db';
import type { LoadedRegister } from '../verdict';
import { sha256Hex } from '../register/base64';
import { acceptRegister } from './accept-register';
import { syncError, type SyncError } from './errors';
import { downloadRegister } from './download-register';
import type { FetchOptions } from './fetch-register';

export interface SyncInput {
  db: Database;
  url: string | undefined;
  keys: readonly TrustedKey[];
  now: Date;
  fetchOptions?: Omit<FetchOptions, 'conditional'>;
  /** The held copy could not be used (damaged, or keys changed): download in full, no 304. */
  heldUnusable?: boolean;
  /** This build's name: stored with the accepted payload, so the next wake can skip re-checking it. */
  acceptedBy?: string;
}

export type SyncResult =
  | { outcome: 'updated'; register: LoadedRegister; stored: StoredRegister }
  | { outcome: 'unchanged' }
  | { outcome: 'error'; error: SyncError };

/** Builds the in-memory form of a verified payload: the payload and its match index. */
export function loadPayload(payload: RegisterPayload): LoadedRegister {
  return { payload, index: buildMatchIndex<Tool>(payload.tools) };
}

/** Runs one sync of `input.url`. Never throws. */
export async function syncRegister(input: SyncInput): Promise<SyncResult> {
  const { db, url, keys, now } = input;
  if (!url) return { outcome: 'error', error: syncError('not-configured', 'no register URL is configured') };
  if (keys.length === 0) return { outcome: 'error', error: syncError('no-public-keys', 'no public key is configured, so no register can be trusted') };

  let held: StoredRegister | null;
  try {
    held = await loadStoredRegister(db);
  } catch (error) {
    held = null; // a damaged store must not stop a fresh download from repairing it
    void error;
  }
  // The held copy guards against rollback only while the key that signed it is still trusted:
  // a serial vouched for by a removed (say leaked) key must not lock out the new key's registers.
  if (held && !(await heldIsTrusted(held, keys))) held = null;
  const sameUrl = held !== null && held.url === url;
  const downloaded = await downloadRegister(url, { keys, now, held, conditional: sameUrl && !input.heldUnusable ? held : null, fetchOptions: input.fetchOptions });
  if (downloaded.kind === 'error') return { outcome: 'error', error: downloaded.error };
  if (downloaded.kind === 'not-modified') {
    if (sameUrl) return { outcome: 'unchanged' };
    return { outcome: 'error', error: syncError('not-modified-without-copy', 'the server answered 304 Not Modified, but no copy of this register is held') };
  }

  const envelopeText = new TextDecoder().decode(downloaded.bytes);
  // the same register again is "unchanged", unless the copy held was damaged: then this repairs it
  if (sameUrl && held && downloaded.payloadSha256 === held.payloadSha256 && held.envelopeText === envelopeText && !input.heldUnusable) {
    await saveQuietly(db, { ...held, etag: downloaded.etag, lastModified: downloaded.lastModified });
    return { outcome: 'unchanged' };
  }

  const stored: StoredRegister = {
    url,
    envelopeText,
    serial: downloaded.payload.serial,
    payloadSha256: downloaded.payloadSha256,
    etag: downloaded.etag,
    lastModified: downloaded.lastModified,
    storedAt: now.toISOString(),
    ...(input.acceptedBy ? { accepted: { by: input.acceptedBy, payloadJson: JSON.stringify(downloaded.payload) } } : {}),
  };
  try {
    await saveStoredRegister(db, stored);
  } catch (error) {
    return { outcome: 'error', error: syncError('storage', `the register could not be saved on this device (${(error as Error).message})`) };
  }
  return { outcome: 'updated', register: loadPayload(downloaded.payload), stored };
}

/** Whether the stored copy still verifies with one of `keys`. */
async function heldIsTrusted(held: StoredRegister, keys: readonly TrustedKey[]): Promise<boolean> {
  try {
    const envelope = envelopeSchema.safeParse(JSON.parse(held.envelopeText));
    return envelope.success && (await verifyEnvelope(envelope.data, keys, REGISTER_PAYLOAD_TYPE)).ok;
  } catch {
    return false;
  }
}

/**
 * Loads the stored register and checks it again with the keys in force now. When this build
 * (`acceptedBy`) accepted the copy itself, the signature and the payload's digest are checked
 * and the payload it kept is used; otherwise the envelope is accepted again in full.
 */
export async function loadHeldRegister(db: Database, keys: readonly TrustedKey[], now: Date, acceptedBy?: string): Promise<{ register: LoadedRegister; stored: StoredRegister; keptCopy?: true } | { register: null; error: SyncError | null }> {
  let stored: StoredRegister | null;
  try {
    stored = await loadStoredRegister(db);
  } catch (error) {
    return { register: null, error: syncError('storage', `the stored register could not be read (${(error as Error).message})`) };
  }
  if (!stored) return { register: null, error: null };
  if (typeof stored.envelopeText !== 'string') return { register: null, error: syncError('storage', 'the stored register is damaged') };
  if (acceptedBy && stored.accepted?.by === acceptedBy && typeof stored.accepted.payloadJson === 'string') {
    const own = await ownCopy(stored, stored.accepted.payloadJson, keys);
    if (own) {
      try {
        return { register: loadPayload(own), stored, keptCopy: true };
      } catch {
        // a kept copy that does not even index is damaged: accept the envelope again below
      }
    }
  }
  const accepted = await acceptRegister(new TextEncoder().encode(stored.envelopeText), { keys, now, checkIssuedAt: false });
  if (!accepted.ok) {
    // a copy that no configured key vouches for any more is dropped: say so in words
    if (accepted.error.code === 'bad-signature') {
      return { register: null, error: syncError('key-no-longer-trusted', `the register held on this device (serial ${stored.serial}) was signed by a key that is no longer among the configured public keys; it is no longer used, and the next register signed by a configured key is accepted whatever its serial`) };
    }
    return { register: null, error: accepted.error };
  }
  return { register: loadPayload(accepted.payload), stored };
}

/** The payload this build accepted, if the envelope still verifies and matches its digest. */
async function ownCopy(stored: StoredRegister, payloadJson: string, keys: readonly TrustedKey[]): Promise<RegisterPayload | null> {
  try {
    const envelope = envelopeSchema.safeParse(JSON.parse(stored.envelopeText));
    if (!envelope.success) return null;
    const verified = await verifyEnvelope(envelope.data, keys, REGISTER_PAYLOAD_TYPE);
    if (!verified.ok || (await sha256Hex(verified.payloadBytes)) !== stored.payloadSha256) return null;
    return JSON.parse(payloadJson) as RegisterPayload;
  } catch {
    return null;
  }
}

async function saveQuietly(db: Database, record: StoredRegister): Promise<void> {
  try {
    await saveStoredRegister(db, record);
  } catch {
    // Only the conditional-request headers were to be refreshed; the next sync downloads in full.
  }
}
