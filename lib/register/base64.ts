/**
 * Strict base64 as the register spec writes it: the standard alphabet, padded, no whitespace.
 * url-safe or unpadded text is refused rather than guessed at, so a signature has one encoding.
 */

// A flat character class: a grouped repetition would recurse per group and overflow the stack on
// a register of a few megabytes.
const STANDARD_BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Decodes standard padded base64; null when the text is not exactly that. */
export function decodeBase64(text: string): Uint8Array | null {
  if (text.length % 4 !== 0 || !STANDARD_BASE64.test(text)) return null;
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Encodes bytes as standard padded base64. */
export function encodeBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

/** Lowercase hex of bytes. */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}

/** SHA-256 of bytes as lowercase hex (WebCrypto). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as BufferSource)));
}
