/**
 * Stand-ins for the identity providers' sign-in screens (Google, Microsoft, an Entree-like SAML
 * IdP) and a tool page that opens one in a popup window, as real tools do. Only the addresses
 * matter to the extension; the pages say what they stand in for. Shared by the end-to-end test,
 * the demo and the screenshots.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { deflateRawSync } from 'node:zlib';
import type { HostHandler } from './server';

export const GOOGLE_HOST = 'accounts.google.com';
export const MICROSOFT_HOST = 'login.microsoftonline.com';
export const ENTREE_HOST = 'aselect.entree.kennisnet.nl';

/** Google's consent screen address for `clientId`, returning to `redirectUri`. */
export function googleConsentUrl(clientId: string, redirectUri: string, scopes: string[]): string {
  return `https://${GOOGLE_HOST}/o/oauth2/v2/auth?${new URLSearchParams({ client_id: clientId, redirect_uri: redirectUri, response_type: 'code', scope: scopes.join(' '), state: 'demo-state' })}`;
}

/** Google's newer sign-in screen, with the OAuth request nested in `continue`. */
export function googleNestedUrl(clientId: string, redirectUri: string, scopes: string[]): string {
  return `https://${GOOGLE_HOST}/v3/signin/identifier?${new URLSearchParams({ continue: googleConsentUrl(clientId, redirectUri, scopes), flowName: 'GeneralOAuthFlow' })}`;
}

export function microsoftConsentUrl(clientId: string, redirectUri: string, scopes: string[]): string {
  return `https://${MICROSOFT_HOST}/common/oauth2/v2.0/authorize?${new URLSearchParams({ client_id: clientId, redirect_uri: redirectUri, response_type: 'code', scope: scopes.join(' ') })}`;
}

/** An Entree-like IdP's sign-in address with a SAML AuthnRequest (HTTP-Redirect binding). */
export function samlRedirectUrl(entityId: string, acsUrl: string): string {
  const xml = `<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_demo" Version="2.0" IssueInstant="${new Date().toISOString()}" AssertionConsumerServiceURL="${acsUrl}"><saml:Issuer>${entityId}</saml:Issuer></samlp:AuthnRequest>`;
  return `https://${ENTREE_HOST}/saml/sso?${new URLSearchParams({ SAMLRequest: deflateRawSync(Buffer.from(xml)).toString('base64'), RelayState: 'demo' })}`;
}

function page(title: string, body: string): (req: IncomingMessage, res: ServerResponse) => void {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`);
  };
}

/** Host handlers for the three identity providers. */
export function signInHosts(): Record<string, HostHandler> {
  const consent = (who: string) => page(`Sign in – ${who}`, `<h1>Stand-in: sign in with ${who}</h1><p>An app wants to access your school account.</p><button>Cancel</button> <button>Allow</button>`);
  return {
    [GOOGLE_HOST]: consent('Google'),
    [MICROSOFT_HOST]: consent('Microsoft'),
    [ENTREE_HOST]: consent('Entree Federatie'),
  };
}

/** A tool's page whose "Sign in with Google" button opens `signInUrl` in a popup window. */
export function toolPageWithSignInPopup(toolName: string, signInUrl: string): HostHandler {
  const escaped = signInUrl.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  return page(toolName, `<h1>${toolName}</h1><button id="sign-in" data-url="${escaped}" onclick="window.open(this.dataset.url, 'signin', 'popup,width=480,height=640')">Sign in with Google</button>`);
}
