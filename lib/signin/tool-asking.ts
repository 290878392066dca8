/**
 * Which tool a sign-in screen is for, and its verdict: the register tool whose `signIn` names
 * the client; else the tool (register first, then catalogue) whose patterns match where the
 * answer goes (`redirect_uri`, or the SAML AssertionConsumerServiceURL); else an unknown tool.
 * An unknown tool asking for a school account is not vetted: the register does not list it.
 */
import { lookup } from '../matcher';
import { signInClientKey, type RegisterPayload, type SignInClient, type Tool } from '../register/schema';
import { parsePageUrl } from '../url';
import { siteResolver, verdictForTool, type Verdict, type VerdictInput } from '../verdict';
import { openRequestFor, settleWithRequest } from '../verdict-policy';
import { vouchesForApproval } from './identity-providers';
import type { SignInRequest } from './recognise';
import type { IdentifiedBy } from '../verdict-types';

const claimIndexes = new WeakMap<RegisterPayload, Map<string, Tool>>();

/**
 * The key a screen's client is looked up by: the screen's client as the register writes one
 * (Google and Microsoft client ids are lowercase there), keyed by the register's own rule.
 */
export function requestClientKey(request: SignInRequest): string | null {
  if (!request.client) return null;
  const client: SignInClient =
    request.provider === 'saml'
      ? { provider: 'saml', entityId: request.client }
      : request.provider === 'oauth'
        ? { provider: 'oauth', host: request.idpHost, clientId: request.client }
        : { provider: request.provider, clientId: request.client.toLowerCase() };
  return signInClientKey(client);
}

function claims(payload: RegisterPayload): Map<string, Tool> {
  let index = claimIndexes.get(payload);
  if (!index) {
    index = new Map();
    for (const tool of payload.tools) {
      for (const client of tool.signIn ?? []) {
        const key = signInClientKey(client);
        if (!index.has(key)) index.set(key, tool);
      }
    }
    claimIndexes.set(payload, index);
  }
  return index;
}

/**
 * What a page that looks like a sign-in screen shows: the tool asking's verdict on an identity
 * provider the extension knows (identity-providers.ts). Elsewhere any page could have put the
 * parameters in its own address, so the page keeps its own verdict when it is a known tool (a
 * rejected site cannot trade its ✕ for another tool's milder verdict) and never gets an approval
 * from it.
 */
export function verdictOnSignInScreen(own: Verdict, request: SignInRequest, input: Omit<VerdictInput, 'url'>): Verdict {
  const asking = signInVerdict(request, input);
  if (vouchesForApproval(request, input.register?.payload)) return asking;
  if (own.kind !== 'unknown' && own.kind !== 'none') return own;
  return asking.kind === 'approved' ? own : asking;
}

/** The verdict for the tool a sign-in screen asks for (verdictOnSignInScreen decides whether it applies). */
export function signInVerdict(request: SignInRequest, input: Omit<VerdictInput, 'url'>): Verdict {
  const location = request.returnUrl ? parsePageUrl(request.returnUrl) : null;
  const key = requestClientKey(request);
  const claimed = key && input.register ? claims(input.register.payload).get(key) ?? null : null;
  const bySite = !claimed && location && input.register ? lookup(input.register.index, location) : null;
  const tool = claimed ?? bySite;
  const catalogEntry = !tool && location && input.catalog ? lookup(input.catalog, location) : null;
  const identifiedBy: IdentifiedBy = claimed ? 'signIn' : tool || catalogEntry ? 'site' : null;
  const kind = tool && input.register ? verdictForTool(tool, input.register.payload, input.now) : 'unvetted';
  const subject = { registerId: tool?.id ?? null, catalogId: catalogEntry?.id ?? null, host: location?.host ?? null };
  const settled = settleWithRequest(kind, openRequestFor(input.openRequests, subject, siteResolver(input.register, input.catalog)));
  return {
    ...settled,
    location,
    tool,
    catalogEntry,
    signIn: { provider: request.provider, idpHost: request.idpHost, client: request.client, returnHost: location?.host ?? null, scopes: request.scopes, identifiedBy },
  };
}
