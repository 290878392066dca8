/**
 * The demo register (demo/register.payload.json) signed with the DEMO-ONLY key, dated now, so
 * the demo, the end-to-end tests and the benchmarks all start from the same realistic data.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { encodeBase64 } from '../lib/register/base64';
import { signEnvelope } from '../lib/register/dsse';
import { importPrivateKeyPem, type SigningKey } from '../lib/register/keys';
import { REGISTER_PAYLOAD_TYPE, type RegisterPayload } from '../lib/register/schema';

const root = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));

/** The demo payload as committed. */
export function demoPayload(): RegisterPayload {
  return JSON.parse(readFileSync(root('demo/register.payload.json'), 'utf8')) as RegisterPayload;
}

/** The DEMO-ONLY signing key. */
export function demoKey(): Promise<SigningKey> {
  return importPrivateKeyPem(readFileSync(root('demo/keys/DEMO-ONLY-private-key.pem'), 'utf8'));
}

/** The DEMO-ONLY public key as policy takes it. */
export function demoPublicKey(): string {
  return readFileSync(root('demo/keys/DEMO-ONLY-public-key.txt'), 'utf8').trim();
}

/** Signs a payload as an envelope text. */
export async function signPayload(payload: RegisterPayload, key: SigningKey): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify(payload));
  return JSON.stringify(await signEnvelope(bytes, REGISTER_PAYLOAD_TYPE, key.privateKey, key.publicRaw));
}

/** The demo payload with `serial`, issued now and expiring in 60 days (or as `dates` say). */
export function datedDemoPayload(serial: number, now = new Date(), dates: { issuedAt?: string; expiresAt?: string } = {}): RegisterPayload {
  return {
    ...demoPayload(),
    serial,
    issuedAt: dates.issuedAt ?? new Date(now.getTime() - 60_000).toISOString(),
    expiresAt: dates.expiresAt ?? new Date(now.getTime() + 60 * 86_400_000).toISOString(),
  };
}

export { encodeBase64 };
