import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeBase64 } from '../../lib/register/base64';
import { importPublicKey, preAuthEncoding, verifyEnvelope, type TrustedKey } from '../../lib/register/dsse';
import { REGISTER_PAYLOAD_TYPE, type Envelope } from '../../lib/register/schema';
import { makeKey, samplePayload, signRegister, type TestKey } from '../helpers/registers';

async function trusted(key: TestKey): Promise<TrustedKey> {
  const imported = await importPublicKey(key.publicBase64);
  if ('error' in imported) throw new Error(imported.error);
  return imported;
}

async function signed(key: TestKey): Promise<Envelope> {
  return JSON.parse(await signRegister(samplePayload(), key)) as Envelope;
}

describe('PAE', () => {
  it('encodes as DSSE v1 specifies, with byte lengths', () => {
    const text = new TextDecoder().decode(preAuthEncoding('application/x', new TextEncoder().encode('héllo')));
    expect(text).toBe('DSSEv1 13 application/x 6 héllo');
  });
});

describe('verifyEnvelope', () => {
  it('accepts a valid signature and returns the payload bytes', async () => {
    const key = await makeKey();
    const envelope = await signed(key);
    const result = await verifyEnvelope(envelope, [await trusted(key)], REGISTER_PAYLOAD_TYPE);
    expect(result.ok).toBe(true);
    if (result.ok) expect(JSON.parse(new TextDecoder().decode(result.payloadBytes)).serial).toBe(5);
  });

  it('refuses a tampered payload', async () => {
    const key = await makeKey();
    const envelope = await signed(key);
    const bytes = decodeBase64(envelope.payload)!;
    bytes[10] = bytes[10]! ^ 1;
    const result = await verifyEnvelope({ ...envelope, payload: encodeBase64(bytes) }, [await trusted(key)], REGISTER_PAYLOAD_TYPE);
    expect(result).toMatchObject({ ok: false, code: 'bad-signature' });
  });

  it('refuses a tampered payload type', async () => {
    const key = await makeKey();
    const envelope = await signed(key);
    const result = await verifyEnvelope({ ...envelope, payloadType: 'application/json' }, [await trusted(key)], REGISTER_PAYLOAD_TYPE);
    expect(result).toMatchObject({ ok: false, code: 'wrong-payload-type' });
    // and a signature made over another type fails even when the expected type is claimed
    const other = JSON.parse(await signRegister(samplePayload(), key, 'application/json')) as Envelope;
    expect(await verifyEnvelope({ ...other, payloadType: REGISTER_PAYLOAD_TYPE }, [await trusted(key)], REGISTER_PAYLOAD_TYPE)).toMatchObject({ ok: false, code: 'bad-signature' });
  });

  it('refuses a signature by an unknown key', async () => {
    const envelope = await signed(await makeKey());
    const result = await verifyEnvelope(envelope, [await trusted(await makeKey())], REGISTER_PAYLOAD_TYPE);
    expect(result).toMatchObject({ ok: false, code: 'bad-signature' });
  });

  it('refuses an envelope without signatures', async () => {
    const key = await makeKey();
    const envelope = await signed(key);
    const result = await verifyEnvelope({ ...envelope, signatures: [] }, [await trusted(key)], REGISTER_PAYLOAD_TYPE);
    expect(result).toMatchObject({ ok: false, code: 'no-signatures' });
  });

  it('accepts when one of two configured keys signed (rotation), whatever the keyid says', async () => {
    const oldKey = await makeKey();
    const newKey = await makeKey();
    const envelope = await signed(newKey);
    envelope.signatures[0]!.keyid = 'not-a-real-hint';
    const result = await verifyEnvelope(envelope, [await trusted(oldKey), await trusted(newKey)], REGISTER_PAYLOAD_TYPE);
    expect(result.ok).toBe(true);
  });

  it('accepts when one of two signatures is valid and ignores an extra bogus one', async () => {
    const key = await makeKey();
    const envelope = await signed(key);
    envelope.signatures.unshift({ keyid: 'x', sig: encodeBase64(new Uint8Array(64)) });
    expect((await verifyEnvelope(envelope, [await trusted(key)], REGISTER_PAYLOAD_TYPE)).ok).toBe(true);
  });

  it('refuses a signature over the bare payload without PAE', async () => {
    const key = await makeKey();
    const envelope = await signed(key);
    const payload = decodeBase64(envelope.payload)!;
    const bare = new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, key.privateKey, payload as BufferSource));
    const result = await verifyEnvelope({ ...envelope, signatures: [{ sig: encodeBase64(bare) }] }, [await trusted(key)], REGISTER_PAYLOAD_TYPE);
    expect(result).toMatchObject({ ok: false, code: 'bad-signature' });
  });

  it('refuses url-safe or unpadded payload base64 (the spec says standard, padded)', async () => {
    const key = await makeKey();
    const envelope = await signed(key);
    const unpadded = envelope.payload.replace(/=+$/, '');
    if (unpadded !== envelope.payload) {
      expect(await verifyEnvelope({ ...envelope, payload: unpadded }, [await trusted(key)], REGISTER_PAYLOAD_TYPE)).toMatchObject({ ok: false, code: 'bad-base64' });
    }
    expect(await verifyEnvelope({ ...envelope, payload: ` ${envelope.payload}` }, [await trusted(key)], REGISTER_PAYLOAD_TYPE)).toMatchObject({ ok: false, code: 'bad-base64' });
    expect(decodeBase64('-_-_')).toBeNull();
  });
});

describe('decodeBase64', () => {
  it('decodes a payload of several megabytes (no regex recursion)', () => {
    const bytes = new Uint8Array(6 * 1024 * 1024).map((_, i) => i % 251);
    expect(decodeBase64(encodeBase64(bytes))?.length).toBe(bytes.length);
  });
  it('refuses bad padding and lengths', () => {
    expect(decodeBase64('QQ==')).toEqual(new Uint8Array([65]));
    for (const bad of ['QQ=', 'Q===', '=QQQ', 'QQ=Q', 'QUJD\n', 'QUJ']) expect(decodeBase64(bad), bad).toBeNull();
  });
});

describe('importPublicKey', () => {
  it('refuses text that is not a 32-byte base64 key', async () => {
    expect(await importPublicKey('not base64!')).toEqual({ error: 'is not standard base64' });
    expect(await importPublicKey(encodeBase64(new Uint8Array(31)))).toMatchObject({ error: expect.stringContaining('32 bytes') });
  });
  it('gives the keyid as hex sha-256 of the raw key', async () => {
    const key = await makeKey();
    const imported = await importPublicKey(`  ${key.publicBase64}\n`);
    expect(imported).toMatchObject({ keyId: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });
});
