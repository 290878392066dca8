/**
 * Turns a page URL into the parts the matcher compares: lowercase ASCII host (IDN in punycode,
 * without port or trailing dot) and path. Anything that is not an http(s) URL gives null.
 *
 * Every navigation passes through here, so the common case is scanned by hand instead of by the
 * full URL parser: a lowercase http(s) URL with a plain host name (letters, digits, hyphens,
 * dots), no port or user info, and a path of plain characters without dot segments. Everything
 * else (IDN, IP addresses, ports, escapes, odd characters) goes to `new URL`; tests check on
 * tricky and random input that both give the same answer.
 */
export interface PageLocation {
  /** Lowercase ASCII host without port and without a trailing dot. */
  host: string;
  /** The URL's path, always starting with '/'. */
  path: string;
}

/** Characters a path may hold unchanged by the URL parser (RFC 3986 pchar without '%'). */
const PLAIN_PATH_CHAR = new Uint8Array(128);
for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/") PLAIN_PATH_CHAR[c.charCodeAt(0)] = 1;

const enum Code { Dot = 46, Slash = 47, Question = 63, Hash = 35, Hyphen = 45 }

/** End of a plain host starting at `start` (lowercase letters, digits, hyphens, single dots), or -1. */
export function scanPlainHost(text: string, start: number, allowUpper: boolean): number {
  let i = start;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === Code.Hyphen) continue;
    if (allowUpper && c >= 65 && c <= 90) continue;
    if (c === Code.Dot) {
      if (i === start || text.charCodeAt(i - 1) === Code.Dot) return -1;
      continue;
    }
    if (c === Code.Slash || c === Code.Question || c === Code.Hash) break;
    return -1;
  }
  return i === start ? -1 : i;
}

/**
 * Whether a host (lowercase, no trailing dot) is used as is by the URL parser: no punycode to
 * validate and not an IPv4 address in any notation (the parser rewrites a host whose last label
 * is a number).
 */
export function isPlainHost(host: string): boolean {
  if (host === '' || host.includes('xn--')) return false;
  const last = host.slice(host.lastIndexOf('.') + 1);
  if (last === '') return false;
  const first = last.charCodeAt(0);
  if (first < 48 || first > 57) return true;
  return !/^(?:\d+|0x[0-9a-f]*)$/i.test(last);
}

/** End of a plain path starting at `start` ('?', '#' or the end), or -1 when it needs the parser. */
export function scanPlainPath(text: string, start: number): number {
  let segment = start;
  let i = start;
  for (; i <= text.length; i++) {
    const c = i === text.length ? Code.Question : text.charCodeAt(i);
    if (c === Code.Slash || c === Code.Question || c === Code.Hash) {
      const length = i - segment - 1;
      if (i > start && text.charCodeAt(segment + 1) === Code.Dot && (length === 1 || (length === 2 && text.charCodeAt(segment + 2) === Code.Dot))) return -1;
      if (c !== Code.Slash) return i;
      segment = i;
      continue;
    }
    if (c > 127 || PLAIN_PATH_CHAR[c] === 0) return -1;
  }
  return i;
}

/**
 * A location whose path is worked out only when asked: most pages match no pattern at all, and
 * only path patterns need the path. The host of a plain URL does not depend on its path.
 */
class PlainLocation implements PageLocation {
  private cachedPath: string | undefined;
  constructor(readonly host: string, private readonly url: string, private readonly pathStart: number) {}

  get path(): string {
    if (this.cachedPath === undefined) {
      const end = this.url.charCodeAt(this.pathStart) === Code.Slash ? scanPlainPath(this.url, this.pathStart) : this.pathStart;
      this.cachedPath = end === -1 ? (parseWithUrl(this.url)?.path ?? '/') : end === this.pathStart ? '/' : this.url.slice(this.pathStart, end);
    }
    return this.cachedPath;
  }
}

/**
 * The host of a plain http(s) URL in one pass, or null when the full parser is needed: lowercase
 * letters, digits and hyphens in dot-separated labels, ending at '/', '?', '#' or the end; no
 * label starting "xn--" (punycode the parser validates); last label not a number (an IPv4
 * address the parser would rewrite).
 */
function scanPageHost(url: string, start: number): { host: string; end: number } | null {
  let labelStart = start;
  let i = start;
  for (; i < url.length; i++) {
    const c = url.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === Code.Hyphen) {
      if (i === labelStart && c === 120 && url.startsWith('n--', i + 1)) return null; // "xn--"
      continue;
    }
    if (c === Code.Dot) {
      if (i === labelStart) return null;
      labelStart = i + 1;
      continue;
    }
    if (c === Code.Slash || c === Code.Question || c === Code.Hash) break;
    return null;
  }
  let hostEnd = i;
  if (labelStart === i) {
    if (i === start || url.charCodeAt(i - 1) !== Code.Dot || i - 1 === start) return null;
    hostEnd = i - 1; // one trailing dot
    labelStart = url.lastIndexOf('.', hostEnd - 1) + 1;
    if (labelStart <= start) labelStart = start;
  }
  const first = url.charCodeAt(labelStart);
  if (first >= 48 && first <= 57 && !isPlainHost(url.slice(labelStart, hostEnd))) return null;
  return { host: url.slice(start, hostEnd), end: i };
}

/** Parses `url`; null when it cannot be parsed or is not http or https. */
export function parsePageUrl(url: string): PageLocation | null {
  const scheme = url.startsWith('https://') ? 8 : url.startsWith('http://') ? 7 : 0;
  if (scheme !== 0) {
    const scanned = scanPageHost(url, scheme);
    if (scanned) return new PlainLocation(scanned.host, url, scanned.end);
  }
  return parseWithUrl(url);
}

function parseWithUrl(url: string): PageLocation | null {
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
  return { host, path: parsed.pathname || '/' };
}

/**
 * `https://host[:port]/` of an http(s) page, what a vetting request sends by default (not the
 * page itself); null for anything else. Off the per-navigation path, so the full parser is fine.
 */
export function pageOrigin(url: string): string | null {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
    const host = parsed.hostname.replace(/\.+$/, '');
    return host ? `${parsed.protocol}//${host}${parsed.port ? `:${parsed.port}` : ''}/` : null;
  } catch {
    return null;
  }
}

/** The full parser's answer, for tests that check the fast path against it. */
export const parsePageUrlSlowly = parseWithUrl;
