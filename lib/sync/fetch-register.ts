/**
 * Fetching the register: one GET of the configured URL and nothing else. Conditional (ETag /
 * If-Modified-Since), bounded in time (the whole body, so a slow drip times out too) and in
 * size (counted while streaming, not trusted from Content-Length), no cookies.
 */
import { readCappedStream } from '../net/read-capped';
import { fetchWithTimeout } from '../net/fetch-with-timeout';
import { isAllowedRemoteUrl } from '../config/settings';
import { syncError, type SyncError } from './errors';

/** Limits of a register download. */
export const REGISTER_MAX_BYTES = 5 * 1024 * 1024;
export const REGISTER_TIMEOUT_MS = 30_000;

/** What the previous download left for a conditional request. */
export interface ConditionalHeaders {
  etag: string | null;
  lastModified: string | null;
}

export type FetchOutcome =
  | { kind: 'not-modified' }
  | { kind: 'body'; bytes: Uint8Array; etag: string | null; lastModified: string | null }
  | { kind: 'error'; error: SyncError };

export interface FetchOptions {
  conditional?: ConditionalHeaders | null;
  timeoutMs?: number;
  maxBytes?: number;
  fetchImpl?: typeof fetch;
}

/** Downloads the register at `url`. Never throws: failures come back as a SyncError. */
export async function fetchRegister(url: string, options: FetchOptions = {}): Promise<FetchOutcome> {
  const { conditional, timeoutMs = REGISTER_TIMEOUT_MS, maxBytes = REGISTER_MAX_BYTES, fetchImpl = fetch } = options;
  if (!isAllowedRemoteUrl(url)) return fail('bad-url', `"${url.slice(0, 200)}" is not an https:// address`);
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (conditional?.etag) headers['If-None-Match'] = conditional.etag;
  if (conditional?.lastModified) headers['If-Modified-Since'] = conditional.lastModified;

  const outcome = await fetchWithTimeout(fetchImpl, url, { headers, credentials: 'omit', cache: 'no-cache', redirect: 'follow' }, timeoutMs, async (response, signal): Promise<FetchOutcome> => {
    if (response.redirected || (response.url && response.url !== url)) {
      const finalUrl = response.url;
      if (!isAllowedRemoteUrl(finalUrl)) return fail('redirect', `the server redirected to "${finalUrl.slice(0, 200)}", which is not https`);
      if (new URL(finalUrl).host !== new URL(url).host) {
        return fail('redirect', `the server redirected to another host (${new URL(finalUrl).host}); publish the register at its final address`);
      }
    }
    if (response.status === 304) return { kind: 'not-modified' };
    if (!response.ok) return fail('http-status', `the server answered HTTP ${response.status} ${response.statusText}`.trim());
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (declared > maxBytes) return fail('too-large', `the register is ${declared} bytes; the limit is ${maxBytes}`);
    let bytes: Uint8Array | null;
    try {
      bytes = await readCapped(response, maxBytes);
    } catch (error) {
      if (signal.aborted) throw error;
      return fail('truncated', `the connection closed before the whole register arrived (${(error as Error).message})`);
    }
    if (bytes === null) return fail('too-large', `the register is larger than the limit of ${maxBytes} bytes`);
    if (Number.isFinite(declared) && bytes.length < declared) {
      return fail('truncated', `the download stopped after ${bytes.length} of ${declared} bytes`);
    }
    return { kind: 'body', bytes, etag: response.headers.get('etag'), lastModified: response.headers.get('last-modified') };
  });
  if (outcome.kind === 'answer') return outcome.value;
  if (outcome.kind === 'timeout') return fail('timeout', `no complete answer within ${Math.round(timeoutMs / 1000)} seconds`);
  return fail('network', `could not reach the server (${outcome.message}); check the address, the network, and that the server allows cross-origin reads (Access-Control-Allow-Origin)`);
}

async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array | null> {
  if (!response.body) {
    const whole = new Uint8Array(await response.arrayBuffer());
    return whole.byteLength > maxBytes ? null : whole;
  }
  return readCappedStream(response.body, maxBytes);
}

function fail(code: SyncError['code'], detail: string): FetchOutcome {
  return { kind: 'error', error: syncError(code, detail) };
}
