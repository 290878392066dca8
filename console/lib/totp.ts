/**
 * The second factor: time-based one-time passwords (RFC 6238 over RFC 4226's HOTP, HMAC-SHA1,
 * 6 digits, 30-second steps), as every authenticator app (Microsoft, Google, FreeOTP, 1Password)
 * reads them from an `otpauth://totp/…` URI, and one-time recovery codes. Pure: the caller keeps
 * the secret sealed and remembers the last step used, so a code is taken once.
 */
import { createHmac, randomBytes } from 'node:crypto';

export const TOTP_DIGITS = 6;
export const TOTP_PERIOD_S = 30;
/** Steps either side of now that still count: a phone's clock may be 30 s off. */
export const TOTP_WINDOW = 1;
export const RECOVERY_CODE_COUNT = 10;

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

export function base32Decode(text: string): Uint8Array {
  const clean = text.toUpperCase().replace(/[\s=-]/g, '');
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of clean) {
    const index = BASE32.indexOf(char);
    if (index < 0) throw new Error(`not base32: ${char}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Uint8Array.from(out);
}

/** 20 random bytes, the length RFC 4226 recommends for HMAC-SHA1. */
export function newTotpSecret(): Uint8Array {
  return randomBytes(20);
}

/** HOTP (RFC 4226 §5.3) for one counter value. */
export function hotp(secret: Uint8Array, counter: number): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const digest = createHmac('sha1', secret).update(message).digest();
  const offset = digest[digest.length - 1]! & 0x0f;
  const binary = ((digest[offset]! & 0x7f) << 24) | (digest[offset + 1]! << 16) | (digest[offset + 2]! << 8) | digest[offset + 3]!;
  return String(binary % 10 ** TOTP_DIGITS).padStart(TOTP_DIGITS, '0');
}

export function totpStep(now: Date): number {
  return Math.floor(now.getTime() / 1000 / TOTP_PERIOD_S);
}

export function totpAt(secret: Uint8Array, now: Date): string {
  return hotp(secret, totpStep(now));
}

/**
 * The step a code belongs to, when it is right for now (± the window) and newer than `lastStep`
 * (the step of the last code taken): null otherwise, so a code seen over a shoulder or replayed
 * from a log is worth nothing once it was used.
 */
export function verifyTotp(secret: Uint8Array, code: string, now: Date, lastStep: number): number | null {
  const digits = code.replace(/\s/g, '');
  if (!new RegExp(`^\\d{${TOTP_DIGITS}}$`).test(digits)) return null;
  const current = totpStep(now);
  let found: number | null = null;
  // every candidate is computed, so the time taken does not say which step matched
  for (let step = current - TOTP_WINDOW; step <= current + TOTP_WINDOW; step += 1) {
    if (hotp(secret, step) === digits && step > lastStep && found === null) found = step;
  }
  return found;
}

/** The URI an authenticator app reads (Key Uri Format): issuer and account shown in the app. */
export function otpauthUri(secret: Uint8Array, issuer: string, account: string): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  const params = new URLSearchParams({ secret: base32Encode(secret), issuer, algorithm: 'SHA1', digits: String(TOTP_DIGITS), period: String(TOTP_PERIOD_S) });
  return `otpauth://totp/${label}?${params.toString()}`;
}

/** Ten recovery codes of 10 base32 characters (50 bits each), written as `xxxxx-xxxxx`. */
export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const text = base32Encode(randomBytes(7)).slice(0, 10).toLowerCase();
    return `${text.slice(0, 5)}-${text.slice(5)}`;
  });
}

/** A recovery code as typed (any case, with or without the dash or spaces), in its stored form. */
export function normaliseRecoveryCode(text: string): string | null {
  const bare = text.toLowerCase().replace(/[\s-]/g, '');
  return /^[a-z2-7]{10}$/.test(bare) ? `${bare.slice(0, 5)}-${bare.slice(5)}` : null;
}
