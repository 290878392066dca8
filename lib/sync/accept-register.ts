/**
 * From downloaded bytes to a register we may use: envelope → signature → payload → schema →
 * dates → anti-rollback. Pure apart from WebCrypto; every refusal says why. Used by sync, by
 * loading the stored copy at wake (with the keys in force now) and by the FG's `verify`.
 */
import { describeIssues } from '../register/describe-issues';
import { jsonStructureProblem } from '../register/strict-json';
import { verifyEnvelope, type TrustedKey } from '../register/dsse';
import { sha256Hex } from '../register/base64';
import { envelopeSchema, REGISTER_FORMAT, REGISTER_PAYLOAD_TYPE, registerPayloadSchema, type RegisterPayload } from '../register/schema';
import { syncError, type SyncError } from './errors';

/** A register may be dated at most this far ahead of the device clock (clock skew). */
export const MAX_FUTURE_SKEW_MS = 24 * 60 * 60 * 1000;

/** What the client holds now, for the anti-rollback check. */
export interface HeldRegister {
  url: string;
  serial: number;
  payloadSha256: string;
}

export interface AcceptOptions {
  keys: readonly TrustedKey[];
  now: Date;
  /** The register held now; null when none. Rollback is judged only against the same URL. */
  held?: HeldRegister | null;
  url?: string;
  /** Refuse a register dated ahead of the clock (a download); off when loading our own copy. */
  checkIssuedAt?: boolean;
}

export type AcceptResult =
  | { ok: true; payload: RegisterPayload; payloadSha256: string; keyId: string }
  | { ok: false; error: SyncError };

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Checks downloaded register bytes; see the module comment for the order of the checks. */
export async function acceptRegister(bytes: Uint8Array, options: AcceptOptions): Promise<AcceptResult> {
  if (options.keys.length === 0) return fail('no-public-keys', 'no public key is configured, so no register can be trusted');
  const text = decodeText(bytes);
  if (text === null) return fail('not-json', 'the file is not UTF-8 text');
  const json = parseJson(text);
  if (!json.ok) return { ok: false, error: json.error };

  const envelope = envelopeSchema.safeParse(json.value);
  if (!envelope.success) {
    return fail('bad-envelope', `not a signed register (DSSE envelope): ${describeIssues(envelope.error.issues, json.value, 3)}`);
  }
  const verified = await verifyEnvelope(envelope.data, options.keys, REGISTER_PAYLOAD_TYPE);
  if (!verified.ok) return fail(verified.code, verified.detail);

  // Only from here on is anything in the payload trusted.
  const payloadText = decodeText(verified.payloadBytes);
  const structure = payloadText === null ? null : jsonStructureProblem(payloadText);
  if (structure) return fail('invalid-register', `the signed payload is not plain JSON: ${structure}`);
  const payloadJson = payloadText === null ? null : safeJson(payloadText);
  if (payloadJson === undefined || payloadJson === null || typeof payloadJson !== 'object') {
    return fail('payload-not-json', 'the signed payload is not a JSON object');
  }
  const format = (payloadJson as { format?: unknown }).format;
  if (format !== REGISTER_FORMAT) {
    return fail('unsupported-format', `the register's format is ${JSON.stringify(format)?.slice(0, 80) ?? 'missing'}; this version reads "${REGISTER_FORMAT}"`);
  }
  const parsed = registerPayloadSchema.safeParse(payloadJson);
  if (!parsed.success) return fail('invalid-register', describeIssues(parsed.error.issues, payloadJson));
  const payload = parsed.data;

  if (options.checkIssuedAt !== false && Date.parse(payload.issuedAt) > options.now.getTime() + MAX_FUTURE_SKEW_MS) {
    return fail('future-dated', `issuedAt ${payload.issuedAt} is more than a day ahead of this device's clock (${options.now.toISOString()})`);
  }
  const payloadSha256 = await sha256Hex(verified.payloadBytes);
  const held = options.held;
  if (held && options.url !== undefined && held.url === options.url) {
    if (payload.serial < held.serial) {
      return fail('rollback', `serial ${payload.serial} is lower than serial ${held.serial} held now (an older register)`);
    }
    if (payload.serial === held.serial && payloadSha256 !== held.payloadSha256) {
      return fail('same-serial-different-content', `serial ${payload.serial} is the one held now, but its content differs; a changed register needs a higher serial`);
    }
  }
  return { ok: true, payload, payloadSha256, keyId: verified.keyId };
}

function decodeText(bytes: Uint8Array): string | null {
  try {
    return decoder.decode(bytes);
  } catch {
    return null;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: SyncError } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const start = text.trimStart().slice(0, 200).toLowerCase();
    if (start.startsWith('<')) {
      return { ok: false, error: syncError('html-page', 'the address returned a web page (HTML), not the register; check the URL and that the file is published') };
    }
    if (text.trim() === '') return { ok: false, error: syncError('not-json', 'the file is empty') };
    const message = (error as Error).message;
    if (/end of (json )?input|unterminated|unexpected end/i.test(message)) {
      return { ok: false, error: syncError('truncated', `the register ends too early (${message})`) };
    }
    return { ok: false, error: syncError('not-json', `the file is not JSON (${message})`) };
  }
}

function fail(code: SyncError['code'], detail: string): AcceptResult {
  return { ok: false, error: syncError(code, detail) };
}
