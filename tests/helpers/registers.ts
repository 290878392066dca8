/**
 * Test registers: Ed25519 keys made in the test with WebCrypto, a small valid payload with a
 * tool for every status, and signing through the same DSSE code the FG's tool uses.
 */
import { encodeBase64 } from '../../lib/register/base64';
import { signRegisterText } from '../../lib/register/assemble';
import { signEnvelope } from '../../lib/register/dsse';
import { REGISTER_PAYLOAD_TYPE, type RegisterPayload } from '../../lib/register/schema';

export interface TestKey {
  privateKey: CryptoKey;
  publicRaw: Uint8Array;
  publicBase64: string;
}

/** A fresh Ed25519 key pair. */
export async function makeKey(): Promise<TestKey> {
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  const publicRaw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  return { privateKey: pair.privateKey, publicRaw, publicBase64: encodeBase64(publicRaw) };
}

/** Signs a payload object as every producer does (lib/register/assemble.ts), or raw text or another type as a hostile test needs, into envelope JSON text. */
export async function signRegister(payload: RegisterPayload | string, key: TestKey, payloadType = REGISTER_PAYLOAD_TYPE): Promise<string> {
  if (typeof payload !== 'string' && payloadType === REGISTER_PAYLOAD_TYPE) return signRegisterText(payload, key.privateKey, key.publicRaw);
  const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
  return JSON.stringify(await signEnvelope(new TextEncoder().encode(text), payloadType, key.privateKey, key.publicRaw));
}

const DAY = 86_400_000;

/** A valid payload: approved, changed, expired, pending, rejected and unvetted tools. */
export function samplePayload(overrides: Partial<RegisterPayload> = {}, now = new Date('2026-11-23T10:00:00Z')): RegisterPayload {
  return {
    format: 'bijsluiter-register/v1',
    serial: 5,
    issuedAt: new Date(now.getTime() - DAY).toISOString(),
    expiresAt: new Date(now.getTime() + 60 * DAY).toISOString(),
    publisher: { name: 'Stichting Voorbeeld Onderwijs', fg: { name: 'A. Jansen', email: 'fg@voorbeeld.example' } },
    tools: [
      {
        id: 'wordwall', name: 'Wordwall', category: 'quiz', match: ['wordwall.net'], status: 'approved',
        agreement: { type: 'model-verwerkersovereenkomst', modelVersion: '4.0', signedOn: '2025-03-01', validUntil: '2027-07-31', reference: 'VO-2025-031', bijsluiterVersion: '3.1' },
        conditions: ['Leerlingen loggen in met een pseudoniem'], alternatives: [],
        bijsluiter: { version: '3.1', date: '2025-01-15', security: { processingCountries: ['IE', 'GB'] } },
      },
      {
        id: 'forms', name: 'Formulieren', category: 'survey', match: ['docs.example.org/forms'], status: 'approved',
        agreement: { type: 'model-verwerkersovereenkomst', signedOn: '2025-01-01', bijsluiterVersion: '1.0' },
        conditions: [], alternatives: [], bijsluiter: { version: '2.0' },
      },
      {
        id: 'oldtool', name: 'Oude Tool', category: 'practice', match: ['oldtool.example'], status: 'approved',
        agreement: { type: 'other', signedOn: '2022-01-01', validUntil: '2026-07-31' }, conditions: [], alternatives: [],
      },
      { id: 'blooket', name: 'Blooket', category: 'quiz', match: ['blooket.com'], status: 'pending', conditions: [], alternatives: [] },
      { id: 'tiktok', name: 'TikTok', category: 'video', match: ['tiktok.com'], status: 'rejected', reason: 'Geen verwerkersovereenkomst mogelijk', conditions: [], alternatives: ['wordwall'] },
      { id: 'gimkit', name: 'Gimkit', category: 'quiz', match: ['gimkit.com'], status: 'unvetted', conditions: [], alternatives: [] },
    ],
    ...overrides,
  };
}
