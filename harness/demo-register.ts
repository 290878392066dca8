/**
 * The demo register, built by the FG's own `build` code from its YAML source (demo/source/) and
 * signed with the DEMO-ONLY key, dated now, so the demo, the end-to-end tests and the benchmarks
 * all start from the same realistic data.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { signRegisterText } from '../lib/register/assemble';
import { importPrivateKeyPem, type SigningKey } from '../lib/register/keys';
import { registerPayloadSchema, type RegisterPayload } from '../lib/register/schema';
import { buildPayload } from '../cli/commands/build';

const root = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));

/** The demo payload built from demo/source (serial 1, issued now); `source` picks another, such as the Flemish one. */
export function demoPayload(serial = 1, issuedAt = new Date(), source = 'demo/source'): RegisterPayload {
  const { payload, problems } = buildPayload(root(source), { serial, issuedAt });
  const errors = problems.filter((p) => p.level === 'error');
  if (errors.length) throw new Error(`the demo source has errors: ${errors.map((e) => e.message).join('; ')}`);
  return registerPayloadSchema.parse(payload);
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
  return signRegisterText(payload, key.privateKey, key.publicRaw);
}

/** The demo payload with `serial`, issued now and expiring in 60 days (or as `dates` say). */
export function datedDemoPayload(serial: number, now = new Date(), dates: { issuedAt?: string; expiresAt?: string } = {}): RegisterPayload {
  const payload = demoPayload(serial, new Date(now.getTime() - 60_000));
  return { ...payload, issuedAt: dates.issuedAt ?? payload.issuedAt, expiresAt: dates.expiresAt ?? payload.expiresAt };
}

