/**
 * Single sign-on for a board with OpenID Connect, through panva's openid-client (a certified
 * relying party): discovery at ISSUER/.well-known/openid-configuration (the issuer in the
 * document must be the issuer configured), the authorization code flow with PKCE (S256), `state`
 * and `nonce`, and the ID token's signature (the issuer's JWKS), `iss`, `aud`, `exp`, `iat` and
 * `nonce` checked by the library. What this module adds: which issuers may be used, the
 * console's clock (so an expired token is judged by the time the console keeps), timeouts and
 * the address guard on every request the console makes to the provider.
 */
import * as client from 'openid-client';
import { guardedFetch } from './guarded-fetch';

export interface SsoSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** What the login button says after "Log in with" (Microsoft, Google, SURFconext, Entree). */
  name: string;
}

/** The claims the console reads; the rest is not kept. */
export interface SsoIdentity {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean | null;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
const SCOPE = 'openid email profile';
const TIMEOUT_S = 10;

/** Null when `issuer` may be used: https, or http on this machine's loopback only; else the reason. */
export function issuerProblem(issuer: string): string | null {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return 'the issuer is not a URL';
  }
  if (url.search || url.hash || url.username || url.password) return 'the issuer has no query, fragment or credentials';
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) return null;
  return 'the issuer must be https (http only on 127.0.0.1 or localhost)';
}

function isLoopbackIssuer(issuer: string): boolean {
  return LOOPBACK_HOSTS.has(new URL(issuer).hostname);
}

interface CachedConfig {
  config: client.Configuration;
  at: number;
}
const configs = new Map<string, CachedConfig>();
const CACHE_MS = 10 * 60_000;

/**
 * The provider's configuration (discovered, cached ten minutes per instance: a cache, not state
 * another instance needs). `skewSeconds` is the console's clock minus the machine's, so token
 * times are judged by the console's clock. `allowPrivate` lets the connection reach private
 * addresses (the operator's setting); a loopback issuer is always reachable, as the spec allows it.
 */
export async function providerConfig(sso: SsoSettings, skewSeconds: number, allowPrivate: boolean): Promise<client.Configuration> {
  const problem = issuerProblem(sso.issuer);
  if (problem) throw new Error(problem);
  const skew = Math.round(skewSeconds);
  const key = JSON.stringify([sso.issuer, sso.clientId, sso.clientSecret, skew, allowPrivate]);
  const cached = configs.get(key);
  if (cached && Date.now() - cached.at < CACHE_MS) return cached.config;
  const loopback = isLoopbackIssuer(sso.issuer);
  const fetchImpl = guardedFetch({ allowPrivate: allowPrivate || loopback });
  const config = await client.discovery(
    new URL(sso.issuer),
    sso.clientId,
    { client_secret: sso.clientSecret, [client.clockSkew]: skew } as Partial<client.ClientMetadata>,
    client.ClientSecretPost(sso.clientSecret),
    {
      timeout: TIMEOUT_S,
      [client.customFetch]: fetchImpl as unknown as client.CustomFetch,
      ...(new URL(sso.issuer).protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : {}),
    },
  );
  configs.set(key, { config, at: Date.now() });
  return config;
}

export interface SsoStart {
  url: string;
  state: string;
  nonce: string;
  verifier: string;
}

/** A confirmation (before publishing, tokens, login settings) wants a login made just now, not a provider's remembered one. */
export const CONFIRM_MAX_AGE_S = 300;

/** Where to send the browser, and the secrets to keep until it comes back. */
export async function beginSso(config: client.Configuration, redirectUri: string, confirm = false): Promise<SsoStart> {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: SCOPE,
    response_type: 'code',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    ...(confirm ? { prompt: 'login', max_age: String(CONFIRM_MAX_AGE_S) } : {}),
  });
  return { url: url.href, state, nonce, verifier };
}

/**
 * The identity the provider vouches for, after the code is exchanged and the ID token checked.
 * Throws (with the library's reason) on any failed check: a wrong state, a used code, an ID
 * token from another issuer or for another client, an expired one.
 */
export async function finishSso(config: client.Configuration, callbackUrl: URL, checks: { state: string; nonce: string; verifier: string; confirm?: boolean }): Promise<SsoIdentity> {
  const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
    pkceCodeVerifier: checks.verifier,
    expectedState: checks.state,
    expectedNonce: checks.nonce,
    idTokenExpected: true,
    // a confirmation: the ID token's auth_time must say the person logged in at the provider just now
    ...(checks.confirm ? { maxAge: CONFIRM_MAX_AGE_S } : {}),
  });
  const claims = tokens.claims();
  if (!claims) throw new Error('the provider sent no ID token');
  let email = typeof claims.email === 'string' ? claims.email : null;
  let verified = typeof claims.email_verified === 'boolean' ? claims.email_verified : null;
  if (!email && tokens.access_token) {
    // some providers (SURFconext, Entree) put the e-mail address in userinfo only
    const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
    email = typeof info.email === 'string' ? info.email : null;
    verified = typeof info.email_verified === 'boolean' ? info.email_verified : verified;
  }
  return { issuer: claims.iss, subject: claims.sub, email: email ? email.trim().toLowerCase() : null, emailVerified: verified };
}

/** Forgets cached provider configurations (a board's settings changed). */
export function forgetProviderConfigs(): void {
  configs.clear();
}
