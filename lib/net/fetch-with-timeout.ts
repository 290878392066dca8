/**
 * One fetch with a deadline that covers the answer's body too: `read` runs inside the same
 * timeout, so a server that sends headers and then trickles the body cannot hold a sync or a
 * delivery forever. Never throws: a timeout and a network error come back as outcomes, so each
 * caller words them for its own reader.
 */
export type TimedFetchOutcome<T> =
  | { kind: 'answer'; value: T }
  | { kind: 'timeout' }
  | { kind: 'error'; message: string };

export async function fetchWithTimeout<T>(
  fetchImpl: typeof fetch,
  url: string,
  init: RequestInit,
  timeoutMs: number,
  read: (response: Response, signal: AbortSignal) => Promise<T>,
): Promise<TimedFetchOutcome<T>> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetchImpl(url, { ...init, signal: controller.signal });
    return { kind: 'answer', value: await read(response, controller.signal) };
  } catch (error) {
    if (controller.signal.aborted) return { kind: 'timeout' };
    // undici says only "fetch failed"; the reason (refused, private address, TLS) is its cause
    const cause = (error as { cause?: { message?: string } }).cause?.message;
    const message = (error as Error).message ?? String(error);
    return { kind: 'error', message: cause ? `${message}: ${cause}` : message };
  } finally {
    clearTimeout(timer);
  }
}
