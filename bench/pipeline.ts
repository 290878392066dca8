/**
 * The register pipeline at scale: verify + parse + validate + index + persist (fake-indexeddb),
 * on signed registers that the extension would actually download: every register measured here
 * fits the download cap (REGISTER_MAX_BYTES in lib/sync/fetch-register.ts, 5 MB), or the
 * measurement refuses to run.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { importPublicKey, signEnvelope, type TrustedKey } from '../lib/register/dsse';
import { encodeBase64 } from '../lib/register/base64';
import { REGISTER_PAYLOAD_TYPE } from '../lib/register/schema';
import { openDatabase, saveStoredRegister } from '../lib/storage/db';
import { acceptRegister } from '../lib/sync/accept-register';
import { REGISTER_MAX_BYTES } from '../lib/sync/fetch-register';
import { loadPayload } from '../lib/sync/sync-register';
import { syntheticPayload } from './synthetic';

interface Signer { key: TrustedKey; sign: (payload: Uint8Array) => Promise<Uint8Array> }

async function signer(): Promise<Signer> {
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  const key = (await importPublicKey(encodeBase64(raw))) as TrustedKey;
  return { key, sign: async (payload) => new TextEncoder().encode(JSON.stringify(await signEnvelope(payload, REGISTER_PAYLOAD_TYPE, pair.privateKey, raw))) };
}

function payloadBytes(toolCount: number): Uint8Array {
  const payload = syntheticPayload(toolCount);
  if (payload.tools.length !== toolCount) throw new Error(`asked for ${toolCount} synthetic tools, got ${payload.tools.length}`);
  return new TextEncoder().encode(JSON.stringify(payload));
}

/**
 * The largest number of synthetic tools with full privacy sheets whose signed register is at
 * most `maxBytes` (default: the download cap), and that register's size.
 */
export async function toolsAtCap(maxBytes = REGISTER_MAX_BYTES): Promise<{ toolCount: number; bytes: number }> {
  const { sign } = await signer();
  // the envelope is the payload in base64 plus a fixed frame; measure the frame once
  const small = payloadBytes(1);
  const frame = (await sign(small)).length - 4 * Math.ceil(small.length / 3);
  const most = syntheticPayload(Math.ceil(maxBytes / 1000)); // tools are well over 1 kB each
  const size = (n: number) => frame + 4 * Math.ceil(new TextEncoder().encode(JSON.stringify({ ...most, tools: most.tools.slice(0, n) })).length / 3);
  let low = 1; // fits
  let high = most.tools.length; // does not
  if (size(high) <= maxBytes) throw new Error('toolsAtCap: the synthetic tools are smaller than assumed');
  while (high - low > 1) {
    const mid = (low + high) >> 1;
    if (size(mid) <= maxBytes) low = mid;
    else high = mid;
  }
  const bytes = (await sign(payloadBytes(low))).length;
  if (bytes > maxBytes) throw new Error(`toolsAtCap: ${low} tools are ${bytes} bytes signed, over ${maxBytes}`);
  return { toolCount: low, bytes };
}

/**
 * Milliseconds per round for a signed register of `toolCount` tools with full sheets. Throws
 * when that register is larger than `maxBytes` (default: the download cap): the extension would
 * refuse to download it, so its pipeline time means nothing.
 */
export async function pipelineMs(toolCount: number, rounds = 5, maxBytes = REGISTER_MAX_BYTES): Promise<{ times: number[]; bytes: number }> {
  const { key, sign } = await signer();
  const bytes = await sign(payloadBytes(toolCount));
  if (bytes.length > maxBytes) throw new Error(`a register of ${toolCount} tools is ${(bytes.length / 2 ** 20).toFixed(1)} MB signed, over the ${(maxBytes / 2 ** 20).toFixed(1)} MB download cap`);
  const text = new TextDecoder().decode(bytes);
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
