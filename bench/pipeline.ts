/** The register pipeline at scale: verify + parse + validate + index + persist (fake-indexeddb). */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { importPublicKey, signEnvelope, type TrustedKey } from '../lib/register/dsse';
import { encodeBase64 } from '../lib/register/base64';
import { REGISTER_PAYLOAD_TYPE } from '../lib/register/schema';
import { openDatabase, saveStoredRegister } from '../lib/storage/db';
import { acceptRegister } from '../lib/sync/accept-register';
import { loadPayload } from '../lib/sync/sync-register';
import { syntheticPayload } from './synthetic';

/** Milliseconds per round for a signed register of `toolCount` tools with full sheets. */
export async function pipelineMs(toolCount: number, rounds = 5): Promise<{ times: number[]; bytes: number }> {
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  const key = (await importPublicKey(encodeBase64(raw))) as TrustedKey;
  const envelope = await signEnvelope(new TextEncoder().encode(JSON.stringify(syntheticPayload(toolCount))), REGISTER_PAYLOAD_TYPE, pair.privateKey, raw);
  const text = JSON.stringify(envelope);
  const bytes = new TextEncoder().encode(text);
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    globalThis.indexedDB = new IDBFactory();
    const db = await openDatabase();
    const start = performance.now();
    const accepted = await acceptRegister(bytes, { keys: [key], now: new Date() });
    if (!accepted.ok) throw new Error(`pipeline refused the synthetic register: ${accepted.error.detail}`);
    const loaded = loadPayload(accepted.payload);
    await saveStoredRegister(db, { url: 'https://bench.example/register.json', envelopeText: text, serial: 1, payloadSha256: accepted.payloadSha256, etag: null, lastModified: null, storedAt: new Date().toISOString() });
    times.push(performance.now() - start);
    if (loaded.index.hostCount === 0) throw new Error('empty index');
    db.close();
  }
  return { times, bytes: bytes.length };
}
