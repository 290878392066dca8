/** Every refusal is JSON `{ "error": "…" }` with a 4xx (or 503) status that says what was wrong. */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export function refuse(c: Context, status: ContentfulStatusCode, error: string, headers: Record<string, string> = {}) {
  for (const [name, value] of Object.entries(headers)) c.header(name, value);
  c.header('cache-control', 'no-store');
  return c.json({ error }, status);
}

/** A database that does not answer: the extension retries a 503, the FG is told to try again. */
export const UNAVAILABLE = 'the console cannot reach its database right now; try again in a minute';
