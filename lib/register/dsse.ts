/**
 * DSSE (Dead Simple Signing Envelope) with Ed25519 over WebCrypto: the pre-authentication
 * encoding, verification against the configured public keys, and signing (for the FG's tool,
 * the demo and the tests). One implementation for the extension, the CLI and the tests.
 */
import { decodeBase64, encodeBase64, sha256Hex } from './base64';
import type { Envelope } from './schema';

const ED25519 = { name: 'Ed25519' } as const;
const encoder = new TextEncoder();

/** A public key the register may be signed with. */
export interface TrustedKey {
  /** Hex SHA-256 of the raw key: the DSSE keyid. */
  keyId: string;
  /** The key as configured (standard base64 of the 32 raw bytes). */
  base64: string;
  cryptoKey: CryptoKey;
}

/** `PAE(type, payload)` = "DSSEv1" SP len(type) SP type SP len(payload) SP payload. */
export function preAuthEncoding(payloadType: string, payload: Uint8Array): Uint8Array {
  const typeBytes = encoder.encode(payloadType);
  const head = encoder.encode(`DSSEv1 ${typeBytes.length} ${payloadType} ${payload.length} `);
  const out = new Uint8Array(head.length + payload.length);
  out.set(head, 0);
  out.set(payload, head.length);
  return out;
}

/** Imports one base64 raw Ed25519 public key; a reason when it is not one. */
export async function importPublicKey(base64: string): Promise<TrustedKey | { error: string }> {
  const text = base64.trim();
  const raw = decodeBase64(text);
  if (!raw) return { error: 'is not standard base64' };
  if (raw.length !== 32) return { error: `is ${raw.length} bytes; an Ed25519 public key is 32 bytes` };
  try {
    const cryptoKey = await crypto.subtle.importKey('raw', raw as BufferSource, ED25519, true, ['verify']);
    return { keyId: await sha256Hex(raw), base64: text, cryptoKey };
  } catch (error) {
    return { error: `could not be imported (${(error as Error).message})` };
  }
}

/** The result of checking an envelope's signatures. */
export type VerifyResult =
  | { ok: true; payloadBytes: Uint8Array; keyId: string }
  | { ok: false; code: 'wrong-payload-type' | 'bad-base64' | 'no-signatures' | 'bad-signature'; detail: string };

/**
 * Verifies that at least one signature in the envelope is a valid Ed25519 signature over
 * PAE(payloadType, payload) by one of `keys`. The keyid is only a hint: every signature is
 * tried against every key, so a wrong or missing keyid cannot lock out a valid signature.
 */
export async function verifyEnvelope(envelope: Envelope, keys: readonly TrustedKey[], expectedType: string): Promise<VerifyResult> {
  if (envelope.payloadType !== expectedType) {
    return { ok: false, code: 'wrong-payload-type', detail: `payloadType is "${envelope.payloadType.slice(0, 80)}", expected "${expectedType}"` };
  }
  const payloadBytes = decodeBase64(envelope.payload);
  if (!payloadBytes) return { ok: false, code: 'bad-base64', detail: 'the payload is not standard padded base64' };
  if (envelope.signatures.length === 0) return { ok: false, code: 'no-signatures', detail: 'the envelope carries no signatures' };
  const message = preAuthEncoding(envelope.payloadType, payloadBytes);
  for (const signature of envelope.signatures) {
    const sig = decodeBase64(signature.sig);
    if (!sig || sig.length !== 64) continue;
    const ordered = [...keys].sort((a, b) => Number(b.keyId === signature.keyid) - Number(a.keyId === signature.keyid));
    for (const key of ordered) {
      if (await crypto.subtle.verify(ED25519, key.cryptoKey, sig as BufferSource, message as BufferSource)) {
        return { ok: true, payloadBytes, keyId: key.keyId };
      }
    }
  }
  const hints = envelope.signatures.map((s) => s.keyid ?? '(no keyid)').join(', ');
  return {
    ok: false,
    code: 'bad-signature',
    detail: `no signature verifies with the ${keys.length} configured public key(s); the envelope names key id(s) ${hints.slice(0, 300)}`,
  };
}

/** Signs a payload into a DSSE envelope with an Ed25519 private key (PKCS#8 or CryptoKey). */
export async function signEnvelope(payloadBytes: Uint8Array, payloadType: string, privateKey: CryptoKey, publicKeyRaw: Uint8Array): Promise<Envelope> {
  const sig = new Uint8Array(await crypto.subtle.sign(ED25519, privateKey, preAuthEncoding(payloadType, payloadBytes) as BufferSource));
  return {
    payloadType,
    payload: encodeBase64(payloadBytes),
    signatures: [{ keyid: await sha256Hex(publicKeyRaw), sig: encodeBase64(sig) }],
  };
}
