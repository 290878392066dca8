/**
 * Ed25519 private keys as PKCS#8 PEM (what `openssl genpkey -algorithm ed25519` writes and the
 * FG's `keygen` makes), imported with WebCrypto. Used by the FG's tool, the demo and the tests;
 * the extension itself only ever holds public keys.
 */
import { decodeBase64, encodeBase64 } from './base64';

/** A private key ready to sign, with its public half as raw bytes. */
export interface SigningKey {
  privateKey: CryptoKey;
  publicRaw: Uint8Array;
}

const PEM_BLOCK = /-----BEGIN PRIVATE KEY-----([\s\S]+?)-----END PRIVATE KEY-----/;

/** Reads a PKCS#8 PEM Ed25519 private key; throws with a plain reason when it is not one. */
export async function importPrivateKeyPem(pem: string): Promise<SigningKey> {
  const match = PEM_BLOCK.exec(pem);
  if (!match) throw new Error('not a PKCS#8 PEM private key (expected "-----BEGIN PRIVATE KEY-----")');
  const der = decodeBase64(match[1]!.replace(/\s+/g, ''));
  if (!der) throw new Error('the PEM body is not valid base64');
  let privateKey: CryptoKey;
  try {
    privateKey = await crypto.subtle.importKey('pkcs8', der as BufferSource, { name: 'Ed25519' }, true, ['sign']);
  } catch {
    throw new Error('not an Ed25519 private key (only Ed25519 keys can sign a register)');
  }
  const jwk = await crypto.subtle.exportKey('jwk', privateKey);
  const x = jwk.x ?? '';
  const publicRaw = decodeBase64(x.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(x.length / 4) * 4, '='));
  if (!publicRaw || publicRaw.length !== 32) throw new Error('could not derive the public key');
  return { privateKey: await crypto.subtle.importKey('pkcs8', der as BufferSource, { name: 'Ed25519' }, false, ['sign']), publicRaw };
}

/** Writes a PKCS#8 private key as PEM text. */
export function toPem(der: Uint8Array): string {
  const body = encodeBase64(der).replace(/(.{64})/g, '$1\n').trimEnd();
  return `-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----\n`;
}
