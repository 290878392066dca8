/**
 * A tool's sign-in clients (`signIn` in the register) as short text, one client an entry, the way
 * an FG types them in a spreadsheet cell or the console's editor:
 *
 *   google: 123-abc.apps.googleusercontent.com
 *   microsoft: 0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0
 *   saml: https://sp.voorbeeld.example/metadata
 *   oauth: login.voorbeeld.example my-client-id
 *
 * The provider is the word before the first colon (so a SAML entity id keeps its own colons).
 * Nothing here decides whether an id is valid: the register's schema does that afterwards and
 * names the entry that is wrong.
 */
import type { SignInClient } from './schema';

export const SIGN_IN_PROVIDERS = ['google', 'microsoft', 'saml', 'oauth'] as const;

/** How to write an entry, for error messages and labels. */
export const SIGN_IN_FORMAT = 'google: CLIENT-ID, microsoft: APP-ID, saml: ENTITY-ID or oauth: HOST CLIENT-ID';

/**
 * One entry as a (not yet validated) sign-in client. An entry without a "word:" prefix gives a
 * client with an empty provider, which the schema refuses by name; `null` only for an empty entry.
 */
export function parseSignInEntry(entry: string): Record<string, string> | null {
  const text = entry.trim();
  if (!text) return null;
  const prefixed = /^([A-Za-z]+)\s*:\s*([\s\S]*)$/.exec(text);
  // "https://…" alone is a SAML entity id written without its prefix: still an unknown provider
  if (!prefixed || /^\/\//.test(prefixed[2]!)) return { provider: '', clientId: text };
  const provider = prefixed[1]!.toLowerCase();
  const value = prefixed[2]!.trim();
  switch (provider) {
    case 'saml':
      return { provider, entityId: value };
    case 'oauth': {
      const [host = '', ...rest] = value.split(/\s+/);
      return { provider, host, clientId: rest.join(' ') };
    }
    default:
      return { provider, clientId: value };
  }
}

/** Entries separated by `split` (new lines in the editor; new lines or ";" in a CSV cell). */
export function parseSignInList(text: string, split: RegExp): Record<string, string>[] {
  return text.split(split).map(parseSignInEntry).filter((c): c is Record<string, string> => c !== null);
}

/** One client as an entry, the inverse of parseSignInEntry. */
export function signInEntry(client: SignInClient): string {
  switch (client.provider) {
    case 'saml':
      return `saml: ${client.entityId}`;
    case 'oauth':
      return `oauth: ${client.host} ${client.clientId}`;
    default:
      return `${client.provider}: ${client.clientId}`;
  }
}

/** A client as a person reads it in a diff or a report ("Google client 123-abc…"). */
export function describeSignIn(client: SignInClient): string {
  switch (client.provider) {
    case 'google':
      return `Google client ${client.clientId}`;
    case 'microsoft':
      return `Microsoft app ${client.clientId}`;
    case 'saml':
      return `SAML service provider ${client.entityId}`;
    case 'oauth':
      return `OAuth client ${client.clientId} at ${client.host}`;
  }
}
