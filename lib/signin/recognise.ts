/**
 * Recognising a "Sign in with Google / Microsoft / Entree" screen from its address alone, and
 * which client it asks for: `client_id` and `redirect_uri` (OAuth 2 / OpenID Connect), or the
 * service provider's Issuer in a SAML `SAMLRequest` (HTTP-Redirect binding: raw DEFLATE, then
 * base64). Nothing here fetches anything; the address is all the browser already shows.
 *
 * Every input is hostile: nested `continue` addresses are followed at most a few levels,
 * a SAMLRequest is size-capped before and after inflating, and the XML is never parsed as a
 * document, only searched for the two values needed.
 */
import { readCappedStream } from '../net/read-capped';

export type SignInProvider = 'google' | 'microsoft' | 'saml' | 'oauth';

export interface SignInRequest {
  provider: SignInProvider;
  /** The identity provider's host (accounts.google.com, login.microsoftonline.com, …). */
  idpHost: string;
  /** OAuth `client_id`, or the SAML service provider's entity id (its Issuer). */
  client: string | null;
  /** Where the answer goes: `redirect_uri`, or the SAML AssertionConsumerServiceURL. */
  returnUrl: string | null;
  /** What is asked for (`scope`, space-separated), as given. */
  scopes: string[];
}

/** Longest SAMLRequest parameter read (base64 characters), and longest inflated XML. */
export const MAX_SAML_PARAM = 16 * 1024;
export const MAX_SAML_XML = 64 * 1024;
const MAX_URL = 32 * 1024;
const MAX_NESTING = 4;

const GOOGLE_HOST = 'accounts.google.com';
const MICROSOFT_HOSTS = new Set(['login.microsoftonline.com', 'login.live.com', 'login.microsoft.com', 'login.windows.net']);

/**
 * A cheap first look, run on every navigation: only addresses that carry an OAuth client or a
 * SAML request can be sign-in screens, so every other page costs one string search or two.
 */
export function mayBeSignIn(url: string): boolean {
  // a nested or twice-encoded request still contains the parameter's name ("client_id%3D…")
  return url.length <= MAX_URL && (url.includes('client_id') || url.includes('SAMLRequest'));
}

/** Inflates raw DEFLATE data, refusing more than `maxBytes` of output. */
export type Inflate = (data: Uint8Array, maxBytes: number) => Promise<Uint8Array | null>;

/** The sign-in request `url` makes, or null when it is no sign-in screen. Never throws. */
export async function recogniseSignIn(url: string, inflate: Inflate = inflateRaw): Promise<SignInRequest | null> {
  if (!mayBeSignIn(url)) return null;
  try {
    return await recogniseAt(url, inflate, 0);
  } catch {
    return null;
  }
}

async function recogniseAt(url: string, inflate: Inflate, depth: number): Promise<SignInRequest | null> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  const host = parsed.hostname.toLowerCase();
  const params = parsed.searchParams;

  const samlRequest = params.get('SAMLRequest');
  if (samlRequest !== null) return fromSaml(host, samlRequest, inflate);

  const clientId = params.get('client_id');
  if (host === GOOGLE_HOST) {
    if (clientId) return fromOAuth('google', host, params);
    // the /v3/signin/… and /ServiceLogin screens carry the OAuth request inside `continue`
    return depth < MAX_NESTING ? nested(params.get('continue'), inflate, depth) : null;
  }
  if (MICROSOFT_HOSTS.has(host)) return clientId ? fromOAuth('microsoft', host, params) : null;
  if (clientId && params.get('redirect_uri')) return fromOAuth('oauth', host, params);
  return null;
}

/** Follows an address nested in a parameter, decoding once more when it was encoded twice. */
async function nested(value: string | null, inflate: Inflate, depth: number): Promise<SignInRequest | null> {
  if (!value) return null;
  let next = value;
  if (/^https?%3A/i.test(next)) {
    try {
      next = decodeURIComponent(next);
    } catch {
      return null;
    }
  }
  if (!/^https?:\/\//i.test(next)) return null;
  return recogniseAt(next, inflate, depth + 1);
}

function fromOAuth(provider: SignInProvider, idpHost: string, params: URLSearchParams): SignInRequest {
  const scope = params.get('scope') ?? '';
  return {
    provider,
    idpHost,
    client: (params.get('client_id') ?? '').trim().slice(0, 256) || null,
    returnUrl: httpUrl(params.get('redirect_uri')),
    scopes: scope.split(/[\s+]+/).filter(Boolean).slice(0, 50).map((s) => s.slice(0, 200)),
  };
}

async function fromSaml(idpHost: string, param: string, inflate: Inflate): Promise<SignInRequest> {
  const unknown: SignInRequest = { provider: 'saml', idpHost, client: null, returnUrl: null, scopes: [] };
  if (param.length === 0 || param.length > MAX_SAML_PARAM) return unknown;
  // a '+' that was not percent-encoded arrives as a space
  const bytes = base64Bytes(param.replace(/ /g, '+'));
  if (!bytes) return unknown;
  const inflated = await inflate(bytes, MAX_SAML_XML).catch(() => null);
  if (!inflated) return unknown;
  const xml = new TextDecoder('utf-8', { fatal: false }).decode(inflated);
  if (!/<([A-Za-z0-9_-]+:)?AuthnRequest[\s>]/.test(xml)) return unknown;
  // bounded quantifiers only: the XML is the attacker's, and a repeated "<Issuer " must not make this quadratic
  const issuer = /<([A-Za-z0-9_-]{1,64}:)?Issuer(\s[^>]{0,512})?>([^<]{1,1024})<\/([A-Za-z0-9_-]{1,64}:)?Issuer>/.exec(xml)?.[3];
  const acs = /\sAssertionConsumerServiceURL\s*=\s*("([^"]{1,2048})"|'([^']{1,2048})')/.exec(xml);
  return { ...unknown, client: issuer ? xmlText(issuer).trim() || null : null, returnUrl: httpUrl(acs ? xmlText(acs[2] ?? acs[3] ?? '') : null) };
}

function httpUrl(value: string | null): string | null {
  if (!value || value.length > 2048) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

function xmlText(value: string): string {
  return value.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|amp|lt|gt|quot|apos);/gi, (entity, name: string) => {
    const lower = name.toLowerCase();
    if (lower.startsWith('#x')) return safeCodePoint(parseInt(lower.slice(2), 16)) ?? entity;
    if (lower.startsWith('#')) return safeCodePoint(parseInt(lower.slice(1), 10)) ?? entity;
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[lower] ?? entity;
  });
}

function safeCodePoint(code: number): string | null {
  return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : null;
}

function base64Bytes(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return null;
  try {
    const binary = atob(text);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return null;
  }
}

/** Raw DEFLATE with the platform's DecompressionStream, stopped as soon as it passes the cap. */
export async function inflateRaw(data: Uint8Array, maxBytes: number): Promise<Uint8Array | null> {
  return readCappedStream(new Blob([new Uint8Array(data)]).stream().pipeThrough(new DecompressionStream('deflate-raw')), maxBytes);
}
