/**
 * A real OpenID Provider for tests and the demo: panva's `oidc-provider` (a certified OP
 * implementation) on 127.0.0.1 or localhost, with a plain login page of its own (an e-mail field,
 * as a school's IdP asks for an account) and consent given at once. What it signs is real: the
 * console verifies its ID tokens with its published keys, exactly as it would Entra's or Google's.
 *
 * Tests may change the token endpoint's answer (`tamper`), as an attacker between a provider and
 * the console could, to show the console refuses an ID token for another client or issuer.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import Provider, { type Configuration } from 'oidc-provider';

export interface OpAccount {
  email: string;
  /** What is typed at the provider's login (default: the e-mail address); another person may carry the same e-mail address. */
  login?: string;
  /** The provider's id of the person (default: from the login). */
  sub?: string;
  emailVerified?: boolean;
  /** Leave the e-mail address out of the ID token and userinfo. */
  noEmail?: boolean;
}

export interface OpClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}

export interface RunningProvider {
  issuer: string;
  provider: Provider;
  /** Replaces the ID token in the next token answers while set. */
  tamper: ((idToken: string) => Promise<string> | string) | null;
  close(): Promise<void>;
}

export type ProviderJwks = { keys: Record<string, unknown>[] };

/** Signing keys that two providers can share (so a test can tell an issuer check from a signature check). */
export async function providerKeys(): Promise<ProviderJwks> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  return { keys: [{ ...(await exportJWK(privateKey)), kid: 'test-key', alg: 'RS256', use: 'sig' }] };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

async function readBody(req: IncomingMessage): Promise<URLSearchParams> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return new URLSearchParams(text);
}

/** Starts a provider; `host` is 127.0.0.1 or localhost (another site than the console's 127.0.0.1, for a browser). */
export async function startOidcProvider(options: { clients: OpClient[]; accounts: OpAccount[]; host?: string; jwks?: ProviderJwks; idTokenTtlSeconds?: number }): Promise<RunningProvider> {
  const host = options.host ?? '127.0.0.1';
  let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end();
  const server: Server = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://${host}:${(server.address() as AddressInfo).port}`;
  const accounts = new Map(options.accounts.map((a) => [(a.login ?? a.email).toLowerCase(), a]));
  const configuration: Configuration = {
    clients: options.clients.map((c) => ({ client_id: c.clientId, client_secret: c.clientSecret, redirect_uris: c.redirectUris, token_endpoint_auth_method: 'client_secret_post', grant_types: ['authorization_code'], response_types: ['code'] })),
    jwks: (options.jwks ?? (await providerKeys())) as Configuration['jwks'],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    cookies: { keys: ['a test provider keeps its cookies signed with this'] },
    pkce: { required: () => true },
    ttl: { IdToken: options.idTokenTtlSeconds ?? 3600, AccessToken: 3600, AuthorizationCode: 60, Interaction: 600, Session: 600, Grant: 600 },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx, id) {
      const account = accounts.get(id.toLowerCase());
      if (!account) return undefined;
      return {
        accountId: id,
        async claims() {
          return { sub: account.sub ?? `sub-${account.login ?? account.email}`, name: account.email.split('@')[0], ...(account.noEmail ? {} : { email: account.email, email_verified: account.emailVerified ?? true }) };
        },
      };
    },
  };
  const provider = new Provider(issuer, configuration);
  const running: RunningProvider = {
    issuer,
    provider,
    tamper: null,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.path === '/token' && running.tamper && ctx.body && typeof (ctx.body as { id_token?: unknown }).id_token === 'string') {
      const body = ctx.body as { id_token: string };
      ctx.body = { ...body, id_token: await running.tamper(body.id_token) };
    }
  });
  const callback = provider.callback();
  handler = async (req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    const match = /^\/interaction\/([A-Za-z0-9_-]+)(\/login)?$/.exec(url.pathname);
    if (!match) return callback(req, res);
    try {
      const details = await provider.interactionDetails(req, res);
      if (details.prompt.name === 'consent') {
        const grant = new provider.Grant({ accountId: details.session!.accountId, clientId: String(details.params.client_id) });
        grant.addOIDCScope(String(details.params.scope ?? 'openid'));
        await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
        return;
      }
      if (req.method === 'POST' && match[2]) {
        const email = (await readBody(req)).get('email')?.trim().toLowerCase() ?? '';
        if (!accounts.has(email)) {
          res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' }).end(loginForm(details.uid, 'No such account at this provider.'));
          return;
        }
        await provider.interactionFinished(req, res, { login: { accountId: email } }, { mergeWithLastSubmission: false });
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(loginForm(details.uid, null));
    } catch (error) {
      res.writeHead(400, { 'content-type': 'text/plain' }).end(`interaction failed: ${(error as Error).message}`);
    }
  };
  return running;
}

function loginForm(uid: string, error: string | null): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test school login</title></head><body><main>
<h1>Test school login</h1>${error ? `<p role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/interaction/${escapeHtml(uid)}/login"><label for="email">E-mail</label> <input id="email" name="email" autocomplete="username" required> <button type="submit">Sign in</button></form>
</main></body></html>`;
}

/**
 * Goes through the provider as a browser would (cookies kept, redirects followed, the login form
 * filled with `email`) from the authorization URL until the provider sends the browser back to
 * a redirect URI; returns that address (the console's callback, with `code` and `state`).
 */
export async function loginAtProvider(authorizationUrl: string, email: string, redirectPrefix: string): Promise<string> {
  const jar = new Map<string, string>();
  const remember = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const index = pair!.indexOf('=');
      const name = pair!.slice(0, index);
      const value = pair!.slice(index + 1);
      if (!value || /expires=Thu, 01 Jan 1970/i.test(line)) jar.delete(name);
      else jar.set(name, value);
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  let url = authorizationUrl;
  let init: RequestInit = {};
  for (let hop = 0; hop < 15; hop += 1) {
    if (url.startsWith(redirectPrefix)) return url;
    const response = await fetch(url, { ...init, headers: { ...(init.headers ?? {}), cookie: cookie() }, redirect: 'manual' });
    remember(response);
    init = {};
    const location = response.headers.get('location');
    if (location) {
      url = new URL(location, url).href;
      continue;
    }
    const html = await response.text();
    const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
    if (response.status === 200 && action) {
      url = new URL(action, url).href;
      init = { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ email }).toString() };
      continue;
    }
    throw new Error(`the provider answered ${response.status} at ${url}: ${html.slice(0, 300)}`);
  }
  throw new Error('too many redirects at the provider');
}
