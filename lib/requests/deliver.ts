/**
 * Talking to the request receiver: the POST of one request (Idempotency-Key = the request id,
 * 30 s timeout, no redirects followed) and the GET of its status. Answers are validated; a
 * redirect, a non-JSON body or a wrong shape is a recorded reason, never a crash.
 */
import { INSTRUMENTED_BUILD } from '../build-flags';
import { isAllowedRemoteUrl } from '../config/settings';
import { fetchWithTimeout } from '../net/fetch-with-timeout';
import { classifyAnswer, type AttemptResult } from './outbox';
import { fgStatusSchema, receivedSchema, type FgStatus, type VettingRequest } from './schema';

/** How long one POST may take (2 s in the instrumented build, so the soak's timeouts are quick). */
export const REQUEST_TIMEOUT_MS = INSTRUMENTED_BUILD ? 2_000 : 30_000;

/** Posts one request. Never throws. */
export async function postRequest(endpoint: string, request: VettingRequest, fetchImpl: typeof fetch = fetch, timeoutMs = REQUEST_TIMEOUT_MS, token: string | null = null): Promise<AttemptResult> {
  if (!isAllowedRemoteUrl(endpoint)) return { kind: 'rejected', reason: `the request address "${endpoint.slice(0, 100)}" is not https` };
  const init: RequestInit = {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': request.id, ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(request),
    credentials: 'omit',
    redirect: 'manual',
    cache: 'no-store',
  };
  const outcome = await fetchWithTimeout(fetchImpl, endpoint, init, timeoutMs, async (response): Promise<AttemptResult> => {
    if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
      return { kind: 'rejected', reason: 'the request address redirects elsewhere; the FG should configure its final address' };
    }
    const text = await readText(response);
    // a 409 (already received: an earlier attempt arrived but its answer was lost) may carry
    // the statusUrl too; without it the teacher could never see the FG's decision
    if (response.ok || response.status === 409) {
      const parsed = receivedSchema.safeParse(safeJson(text));
      const statusUrl = parsed.success && parsed.data.statusUrl && isAllowedRemoteUrl(parsed.data.statusUrl) ? parsed.data.statusUrl : null;
      return classifyAnswer(response.status, '', statusUrl);
    }
    return classifyAnswer(response.status, serverMessage(text), null);
  });
  if (outcome.kind === 'answer') return outcome.value;
  if (outcome.kind === 'timeout') return { kind: 'retry', reason: `no answer within ${Math.round(timeoutMs / 1000)} seconds` };
  return { kind: 'retry', reason: `could not reach the request address (${outcome.message})` };
}

/** Reads the FG's status of a request. */
export async function fetchFgStatus(statusUrl: string, fetchImpl: typeof fetch = fetch, timeoutMs = REQUEST_TIMEOUT_MS): Promise<FgStatus | { error: string }> {
  if (!isAllowedRemoteUrl(statusUrl)) return { error: 'the status address is not https' };
  const outcome = await fetchWithTimeout(fetchImpl, statusUrl, { credentials: 'omit', redirect: 'manual', cache: 'no-store' }, timeoutMs, async (response): Promise<FgStatus | { error: string }> => {
    if (!response.ok) return { error: `the status address answered HTTP ${response.status}` };
    const parsed = fgStatusSchema.safeParse(safeJson(await readText(response)));
    return parsed.success ? parsed.data : { error: 'the status answer is not in the expected form' };
  });
  if (outcome.kind === 'answer') return outcome.value;
  return { error: outcome.kind === 'timeout' ? 'the status address did not answer in time' : `could not reach the status address (${outcome.message})` };
}

/** The server's message from a JSON `{message}` / `{error}` body or plain text, kept short. */
export function serverMessage(text: string): string {
  const json = safeJson(text) as { message?: unknown; error?: unknown } | undefined;
  const fromJson = typeof json?.message === 'string' ? json.message : typeof json?.error === 'string' ? json.error : null;
  const raw = fromJson ?? (text.trimStart().startsWith('<') ? '' : text);
  return raw.replace(/\s+/g, ' ').trim().slice(0, 300);
}

async function readText(response: Response): Promise<string> {
  try {
    return (await response.text()).slice(0, 64 * 1024);
  } catch {
    return '';
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
