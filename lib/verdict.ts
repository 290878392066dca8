/**
 * The verdict for a page: one pure function, used for the badge, the popup and the tests
 * (shared/spec/register.md, "Verdicts"). It reads only what it is given; nothing leaves the device.
 */
import { schoolDay } from './dates';
import { lookup, type MatchIndex } from './matcher';
import type { CatalogEntry, RegisterPayload, Tool } from './register/schema';
import { parsePageUrl, type PageLocation } from './url';
import type { OpenRequest, SignInContext, VerdictKind } from './verdict-types';
import { openRequestFor, settleWithRequest, type SiteResolver } from './verdict-policy';

/** A verified register, ready for lookups. */
export interface LoadedRegister {
  payload: RegisterPayload;
  index: MatchIndex<Tool>;
}

/** Everything the verdict depends on. */
export interface VerdictInput {
  url: string;
  register: LoadedRegister | null;
  catalog: MatchIndex<CatalogEntry> | null;
  openRequests: readonly OpenRequest[];
  now: Date;
}

/** The verdict and what it was based on. */
export interface Verdict {
  kind: VerdictKind;
  location: PageLocation | null;
  tool: Tool | null;
  catalogEntry: CatalogEntry | null;
  request: OpenRequest | null;
  /** Set on a "Sign in with …" screen: the verdict is then the tool asking's (lib/signin/). */
  signIn?: SignInContext;
}

/**
 * Computes the verdict for `input.url`. Order for an approved tool, most serious first: an
 * agreement past its end date (`expired`), then an outdated register (`stale`), then a sheet
 * that changed since signing (`changed`).
 *
 * The clock is never trusted to go backwards past what the register itself proves: "today" is
 * the later of `now` and the register's `issuedAt`, so setting the clock back cannot un-expire an
 * agreement the register already dated.
 */
export function computeVerdict(input: VerdictInput): Verdict {
  const location = parsePageUrl(input.url);
  const result: Verdict = { kind: 'none', location, tool: null, catalogEntry: null, request: null };
  if (!location) return result;

  const tool = input.register ? lookup(input.register.index, location) : null;
  if (tool && input.register) {
    result.tool = tool;
    result.kind = verdictForTool(tool, input.register.payload, input.now);
  } else {
    result.catalogEntry = input.catalog ? lookup(input.catalog, location) : null;
    result.kind = result.catalogEntry ? 'unvetted' : 'unknown';
  }

  const subject = { registerId: tool?.id ?? null, catalogId: result.catalogEntry?.id ?? null, host: location.host };
  const settled = settleWithRequest(result.kind, openRequestFor(input.openRequests, subject, siteResolver(input.register, input.catalog)));
  result.kind = settled.kind;
  result.request = settled.request;
  return result;
}

/** The later of the device clock and the register's issuedAt: the clock never un-expires things. */
export function effectiveNow(payload: RegisterPayload, now: Date): Date {
  return new Date(Math.max(now.getTime(), Date.parse(payload.issuedAt)));
}

/** The verdict for a register tool, whatever URL it was reached by (also used by lists). */
export function verdictForTool(tool: Tool, payload: RegisterPayload, now: Date): VerdictKind {
  if (tool.status !== 'approved') return tool.status;
  const today = effectiveNow(payload, now);
  const agreement = tool.agreement;
  if (agreement?.validUntil && agreement.validUntil < schoolDay(today)) return 'expired';
  if (today.getTime() > Date.parse(payload.expiresAt)) return 'stale';
  const signedVersion = agreement?.bijsluiterVersion;
  const currentVersion = tool.bijsluiter?.version;
  if (signedVersion && currentVersion && signedVersion !== currentVersion) return 'changed';
  return 'approved';
}

/** Which register tool (first) or catalogue entry a site belongs to, as a verdict would find it. */
export function siteResolver(register: LoadedRegister | null, catalog: MatchIndex<CatalogEntry> | null): SiteResolver {
  return ({ host, path }) => {
    const location = { host, path };
    const tool = register ? lookup(register.index, location) : null;
    if (tool) return { registerId: tool.id, catalogId: null };
    return { registerId: null, catalogId: catalog ? lookup(catalog, location)?.id ?? null : null };
  };
}
