/**
 * Turns a page URL into the parts the matcher compares: lowercase ASCII host (IDN in punycode,
 * without port or trailing dot) and path. Anything that is not an http(s) URL gives null.
 */
export interface PageLocation {
  /** Lowercase ASCII host without port and without a trailing dot. */
  host: string;
  /** The URL's path, always starting with '/'. */
  path: string;
  /** `https://host/` style origin, what a vetting request sends by default. */
  origin: string;
}

/** Parses `url`; null when it cannot be parsed or is not http or https. */
export function parsePageUrl(url: string): PageLocation | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  let host = parsed.hostname;
  while (host.endsWith('.')) host = host.slice(0, -1);
  if (host === '') return null;
  const port = parsed.port ? `:${parsed.port}` : '';
  return { host, path: parsed.pathname || '/', origin: `${parsed.protocol}//${host}${port}/` };
}
