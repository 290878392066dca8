/**
 * The register's match-pattern grammar (shared/spec/register.md, "Match patterns"):
 *
 *   example.com          the host and every subdomain of it
 *   =app.example.com     that exact host only
 *   example.com/forms    host as above, path /forms or below, per path segment
 *
 * Patterns are normalised the way page URLs are (lowercase, punycode, no trailing dot or slash),
 * so the matcher can compare strings.
 */
import { isPlainHost, scanPlainHost, scanPlainPath } from '../url';
import { isIpAddress, isPublicSuffix } from './public-suffix';

/** A parsed, normalised match pattern. */
export interface MatchPattern {
  /** Lowercase ASCII host, no port, no trailing dot. */
  host: string;
  /** True for `=host`: that host only, no subdomains. */
  exact: boolean;
  /** Path prefix without trailing slash; '' matches every path. */
  path: string;
}

/** The outcome of parsing one pattern: the pattern, or a reason a person can read. */
export type PatternResult = { ok: true; pattern: MatchPattern } | { ok: false; reason: string };

/**
 * Parses and normalises one pattern string; refuses what the spec refuses. `useUrlParser`
 * forces the general path (tests compare it with the fast one).
 */
export function parsePattern(source: string, useUrlParser = false): PatternResult {
  const text = source.trim();
  const exact = text.startsWith('=');
  // Fast path, same result as the URL parser (a test checks it): a plain ASCII host name and a
  // plain path, which is nearly every pattern of a large register.
  if (!useUrlParser) {
    const start = exact ? 1 : 0;
    const hostEnd = scanPlainHost(text, start, true);
    if (hostEnd !== -1 && (hostEnd === text.length || text.charCodeAt(hostEnd) === 47)) {
      const pathEnd = hostEnd === text.length ? hostEnd : scanPlainPath(text, hostEnd);
      let host = text.slice(start, hostEnd).toLowerCase();
      if (host.endsWith('.')) host = host.slice(0, -1);
      if (pathEnd === text.length && isPlainHost(host)) return finish(host, exact, text.slice(hostEnd), host, false);
    }
  }
  if (text === '') return fail('the pattern is empty');
  const body = exact ? text.slice(1) : text;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(body)) return fail('write the host without a scheme (no "https://")');
  if (/[*?#\s\\]/.test(body)) return fail('wildcards, "?", "#", spaces and backslashes are not allowed');
  const slash = body.indexOf('/');
  const rawHost = slash === -1 ? body : body.slice(0, slash);
  const rawPath = slash === -1 ? '' : body.slice(slash);
  if (rawHost === '') return fail('the pattern has no host');
  // what the URL parser would silently rewrite into another host is refused, so a pattern reads
  // as what it matches: percent-escapes (%41 → a), invisible characters (a zero-width space
  // vanishes), full-width letters and dots (ｗｏｒｄｗａｌｌ → wordwall, 。 → .)
  if (rawHost.includes('%')) return fail('percent-escapes (%41) are not allowed in a host; write the characters themselves');
  if (INVISIBLE.test(rawHost)) return fail('the host contains an invisible character (such as a zero-width space or soft hyphen)');
  if (FULL_WIDTH.test(rawHost)) return fail('the host contains full-width characters or dots; write them as ordinary letters, digits and "."');
  if (/:\d*$/.test(rawHost) && !rawHost.endsWith(']')) return fail('ports are not allowed in a pattern');

  let url: URL;
  try {
    url = new URL(`https://${rawHost}${rawPath}`);
  } catch {
    return fail(`"${rawHost}" is not a valid host name`);
  }
  if (url.port !== '' || url.username !== '' || url.password !== '') return fail('ports and user names are not allowed');
  let host = url.hostname;
  while (host.endsWith('.')) host = host.slice(0, -1);
  return finish(host, exact, rawPath === '' ? '' : url.pathname, rawHost);
}

function finish(host: string, exact: boolean, rawPath: string, written = host, mayBeIp = true): PatternResult {
  if (host === '' || host.startsWith('.') || host.includes('..')) return fail(`"${written}" is not a valid host name`);
  if (isPublicSuffix(host)) {
    return fail(`"${host}" is a public suffix: it would match every site under it`);
  }
  if (mayBeIp && isIpAddress(host) && !exact) {
    return fail(`"${host}" is an IP address: write it as "=${host}" to match that address only`);
  }
  let path = rawPath;
  while (path.endsWith('/')) path = path.slice(0, -1);
  return { ok: true, pattern: { host, exact, path } };
}

/** The canonical text of a parsed pattern, used to find the same pattern written twice. */
export function patternKey(pattern: MatchPattern): string {
  return `${pattern.exact ? '=' : ''}${pattern.host}${pattern.path}`;
}

/** Whether `path` (a URL path) is `prefix` or lies below it, comparing whole segments. */
export function pathMatches(prefix: string, path: string): boolean {
  if (prefix === '') return true;
  if (!path.startsWith(prefix)) return false;
  return path.length === prefix.length || path.charCodeAt(prefix.length) === 47; // '/'
}

const INVISIBLE = /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]/u;
const FULL_WIDTH = /[\uff01-\uff5e\u3002\uff61\u2024\u2025\u2026\ufe52]/u;

function fail(reason: string): PatternResult {
  return { ok: false, reason };
}
