// @vitest-environment node
/**
 * Signature attacks: every single-bit flip of the payload, the payloadType and the signature of
 * a valid envelope is refused; base64 variants the spec does not allow are refused; extra
 * signatures neither help an attacker nor lock out a valid one; key rotation works.
 */
import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeBase64 } from '../../../lib/register/base64';
import { importPublicKey, verifyEnvelope, type TrustedKey } from '../../../lib/register/dsse';
import { REGISTER_PAYLOAD_TYPE, type Envelope } from '../../../lib/register/schema';
import { acceptRegister } from '../../../lib/sync/accept-register';
import { makeKey, signRegister } from '../../helpers/registers';

const SMALL = JSON.stringify({ format: 'bijsluiter-register/v1', serial: 1, issuedAt: '2026-11-01T00:00:00Z', expiresAt: '2027-01-01T00:00:00Z', publisher: { name: 'B', fg: { email: 'fg@b.example' } }, tools: [] });
export const signatureCounts = { payloadBits: 0, typeBits: 0, signatureBits: 0 };

async function setup() {
  const key = await makeKey();
  const trusted = (await importPublicKey(key.publicBase64)) as TrustedKey;
  const envelope = JSON.parse(await signRegister(SMALL, key)) as Envelope;
  return { key, trusted, envelope };
}

describe('every single-bit flip is refused', () => {
  it('of the payload, the payloadType and the signature', async () => {
    const { trusted, envelope } = await setup();
    expect((await verifyEnvelope(envelope, [trusted], REGISTER_PAYLOAD_TYPE)).ok).toBe(true);
    const payload = decodeBase64(envelope.payload)!;
    for (let bit = 0; bit < payload.length * 8; bit++) {
      const flipped = payload.slice();
      flipped[bit >> 3] = flipped[bit >> 3]! ^ (1 << (bit & 7));
      const result = await verifyEnvelope({ ...envelope, payload: encodeBase64(flipped) }, [trusted], REGISTER_PAYLOAD_TYPE);
      expect(result.ok, `payload bit ${bit}`).toBe(false);
      signatureCounts.payloadBits++;
    }
    const type = new TextEncoder().encode(envelope.payloadType);
    for (let bit = 0; bit < type.length * 8; bit++) {
      const flipped = type.slice();
      flipped[bit >> 3] = flipped[bit >> 3]! ^ (1 << (bit & 7));
      const result = await verifyEnvelope({ ...envelope, payloadType: new TextDecoder().decode(flipped) }, [trusted], REGISTER_PAYLOAD_TYPE);
      expect(result.ok, `type bit ${bit}`).toBe(false);
      signatureCounts.typeBits++;
    }
    const sig = decodeBase64(envelope.signatures[0]!.sig)!;
    for (let bit = 0; bit < sig.length * 8; bit++) {
      const flipped = sig.slice();
      flipped[bit >> 3] = flipped[bit >> 3]! ^ (1 << (bit & 7));
      const result = await verifyEnvelope({ ...envelope, signatures: [{ sig: encodeBase64(flipped) }] }, [trusted], REGISTER_PAYLOAD_TYPE);
      expect(result.ok, `signature bit ${bit}`).toBe(false);
      signatureCounts.signatureBits++;
    }
    expect(signatureCounts.payloadBits + signatureCounts.typeBits + signatureCounts.signatureBits).toBeGreaterThan(2000);
  }, 120_000);
});

describe('encodings and extra signatures', () => {
  it('refuses url-safe, unpadded and whitespace-broken base64 in payload and signature', async () => {
    const { trusted, envelope } = await setup();
    const variants = (text: string) => [
      text.replace(/\+/g, '-').replace(/\//g, '_'),
      text.replace(/=+$/, ''),
      `${text.slice(0, 8)}\n${text.slice(8)}`,
      ` ${text}`,
    ].filter((v) => v !== text);
    for (const payload of variants(envelope.payload)) {
      expect((await verifyEnvelope({ ...envelope, payload }, [trusted], REGISTER_PAYLOAD_TYPE)).ok, payload.slice(0, 20)).toBe(false);
    }
    for (const sig of variants(envelope.signatures[0]!.sig)) {
      expect((await verifyEnvelope({ ...envelope, signatures: [{ sig }] }, [trusted], REGISTER_PAYLOAD_TYPE)).ok).toBe(false);
    }
  });

  it('unsigned extra entries and a wrong keyid hint neither help nor hurt', async () => {
    const { trusted, envelope, key } = await setup();
    const junk = [{ sig: encodeBase64(new Uint8Array(64)) }, { keyid: 'x', sig: 'AAAA' }, { sig: encodeBase64(new Uint8Array(63)) }];
    expect((await verifyEnvelope({ ...envelope, signatures: junk }, [trusted], REGISTER_PAYLOAD_TYPE)).ok).toBe(false);
    expect((await verifyEnvelope({ ...envelope, signatures: [...junk, { keyid: 'wrong', sig: envelope.signatures[0]!.sig }] }, [trusted], REGISTER_PAYLOAD_TYPE)).ok).toBe(true);
    // a valid signature by a key that is not configured is refused, even next to junk
    const other = JSON.parse(await signRegister(SMALL, await makeKey())) as Envelope;
    expect((await verifyEnvelope({ ...envelope, signatures: [...other.signatures, ...junk] }, [trusted], REGISTER_PAYLOAD_TYPE)).ok).toBe(false);
    void key;
  });

  it('key rotation: old and new key both configured accept either; dropping the old key refuses its registers', async () => {
    const oldKey = await makeKey();
    const newKey = await makeKey();
    const both = [(await importPublicKey(oldKey.publicBase64)) as TrustedKey, (await importPublicKey(newKey.publicBase64)) as TrustedKey];
    const now = new Date('2026-11-23T10:00:00Z');
    const byOld = new TextEncoder().encode(await signRegister(SMALL, oldKey));
    const byNew = new TextEncoder().encode(await signRegister(SMALL, newKey));
    expect((await acceptRegister(byOld, { keys: both, now })).ok).toBe(true);
    expect((await acceptRegister(byNew, { keys: both, now })).ok).toBe(true);
    expect((await acceptRegister(byOld, { keys: [both[1]!], now })).ok).toBe(false);
  });
});
