/**
 * What the pages are shown, computed from the background's state without side effects: the
 * status, one tab's view, the list of tools, one tool's view, and where requests go. Every
 * verdict here comes from computeVerdict or the same two rules it uses (verdict-policy.ts), so
 * the badge, the popup and the options list agree about every site.
 */
import { lookup, type MatchIndex } from '../matcher';
import type { FgContactView, RequestContextView, StatusView, TabView, ToolListItem } from '../messages';
import { parsePattern } from '../register/pattern';
import { registerFramework, type Framework } from '../register/framework';
import type { CatalogEntry } from '../register/schema';
import type { SyncStatus, TeacherProfile } from '../storage/items';
import { buildToolView, type ToolView } from '../tool-view';
import type { SignInRequest } from '../signin/recognise';
import { verdictOnSignInScreen } from '../signin/tool-asking';
import { computeVerdict, siteResolver, verdictForTool, type LoadedRegister, type Verdict } from '../verdict';
import type { OpenRequest } from '../verdict-types';
import { openRequestFor, settleWithRequest } from '../verdict-policy';
import type { BackgroundState } from './state';

/** Where vetting requests go and whom to mail: policy first, then the register. */
export interface RequestTargets {
  endpoint: string | null;
  /** The policy's requestToken, sent only to the endpoint in force (never to an older one a queued request names). */
  token: string | null;
  fgEmail: string | null;
  registerSerial: number | null;
}

/** The catalogue, when the settings let it count. */
export function activeCatalog(state: BackgroundState): MatchIndex<CatalogEntry> | null {
  return state.config.values.useBundledCatalog ? state.catalog : null;
}

/** The verdict for a page; on a sign-in screen, the verdict of the tool asking. */
export function pageVerdict(state: BackgroundState, url: string, openRequests: readonly OpenRequest[], now: Date, signIn: SignInRequest | null = null): Verdict {
  const input = { register: state.register, catalog: activeCatalog(state), openRequests, now };
  const own = computeVerdict({ url, ...input });
  return signIn ? verdictOnSignInScreen(own, signIn, input) : own;
}

export function requestTargets(state: BackgroundState): RequestTargets {
  const payload = state.register?.payload;
  return {
    endpoint: state.config.values.requestEndpoint ?? payload?.publisher.requestEndpoint ?? null,
    token: state.config.values.requestToken ?? null,
    fgEmail: state.config.values.fgEmail ?? payload?.publisher.fg.email ?? null,
    registerSerial: payload?.serial ?? null,
  };
}

/** The FG to ask, with the register's framework when it names one (for how the FG is called). */
function fgContact(fg: FgContactView | null, framework: Framework | undefined): FgContactView | null {
  return fg && framework ? { ...fg, framework } : fg;
}

export function statusView(state: BackgroundState, sync: SyncStatus): StatusView {
  const payload = state.register?.payload;
  const values = state.config.values;
  return {
    configured: Boolean(values.registerUrl),
    registerUrl: values.registerUrl ?? null,
    settings: values,
    sources: state.config.sources,
    problems: state.config.problems,
    register: payload && state.stored
      ? {
          url: state.stored.url,
          serial: payload.serial,
          publisherName: payload.publisher.name,
          issuedAt: payload.issuedAt,
          expiresAt: payload.expiresAt,
          toolCount: payload.tools.length,
          fg: payload.publisher.fg,
        }
      : null,
    heldError: state.heldError,
    sync,
    fg: fgContact(values.fgEmail ? { name: values.fgName, email: values.fgEmail, ...(payload?.publisher.fg.title ? { title: payload.publisher.fg.title } : {}) } : payload?.publisher.fg ?? null, payload ? registerFramework(payload) : undefined),
    schoolName: values.schoolName ?? null,
  };
}

export interface TabInput {
  state: BackgroundState;
  url: string | null;
  status: StatusView;
  profile: TeacherProfile;
  openRequests: readonly OpenRequest[];
  now: Date;
  /** The sign-in request the tab's address makes, if it is a sign-in screen. */
  signIn?: SignInRequest | null;
}

/**
 * Everything the popup shows for one tab. On a sign-in screen the page is the tool asking's
 * site (where the answer goes), never the screen's own address with its one-time parameters.
 */
export function tabView({ state, url: tabUrl, status, profile, openRequests, now, signIn = null }: TabInput): TabView {
  const verdict = pageVerdict(state, tabUrl ?? '', openRequests, now, signIn);
  // decided by the verdict: a screen that could not vouch for the tool asking is an ordinary page
  const url = verdict.signIn ? (signIn?.returnUrl ? new URL(signIn.returnUrl).origin + '/' : null) : tabUrl;
  const targets = requestTargets(state);
  const requestContext: RequestContextView = {
    canSendDirectly: targets.endpoint !== null,
    canMail: targets.fgEmail !== null,
    profile,
    schoolFromPolicy: state.config.sources.schoolName === 'managed' ? state.config.values.schoolName ?? null : null,
    openRequestId: verdict.request?.id ?? null,
  };
  return { url, view: buildToolView(verdict, state.register?.payload ?? null, now), status, requestContext };
}

/** Every register tool, and the catalogue sites the register does not cover, with verdicts. */
export function listTools(state: BackgroundState, openRequests: readonly OpenRequest[], now: Date): ToolListItem[] {
  const payload = state.register?.payload;
  const catalog = activeCatalog(state);
  const resolveSite = siteResolver(state.register, catalog);
  const items: ToolListItem[] = (payload?.tools ?? []).map((tool) => ({
    source: 'register', id: tool.id, name: tool.name, vendorName: tool.vendor?.name ?? null, category: tool.category, patterns: tool.match,
    verdict: settleWithRequest(verdictForTool(tool, payload!, now), openRequestFor(openRequests, { registerId: tool.id, catalogId: null, host: null }, resolveSite)).kind,
  }));
  for (const entry of catalog?.entries ?? []) {
    if (state.register && coveredByRegister(state.register, entry.match)) continue;
    items.push({
      source: 'catalog', id: entry.id, name: entry.name, vendorName: entry.vendor?.name ?? null, category: entry.category, patterns: entry.match,
      verdict: settleWithRequest('unvetted', openRequestFor(openRequests, { registerId: null, catalogId: entry.id, host: null }, resolveSite)).kind,
    });
  }
  return items.sort((a, b) => a.name.localeCompare(b.name));
}

/** One tool of the list, as the popup would show it. */
export function toolView(state: BackgroundState, openRequests: readonly OpenRequest[], source: 'register' | 'catalog', id: string, now: Date): ToolView {
  const payload = state.register?.payload ?? null;
  const resolveSite = siteResolver(state.register, activeCatalog(state));
  const base: Verdict = { kind: 'unknown', location: null, tool: null, catalogEntry: null, request: null };
  if (source === 'register') {
    const tool = payload?.tools.find((t) => t.id === id);
    if (!tool || !payload) throw new Error(`no tool "${id}" in the register`);
    const settled = settleWithRequest(verdictForTool(tool, payload, now), openRequestFor(openRequests, { registerId: id, catalogId: null, host: null }, resolveSite));
    return buildToolView({ ...base, tool, ...settled }, payload, now);
  }
  const entry = state.catalog?.entries.find((e) => e.id === id);
  if (!entry) throw new Error(`no tool "${id}" in the catalogue`);
  const settled = settleWithRequest('unvetted', openRequestFor(openRequests, { registerId: null, catalogId: id, host: null }, resolveSite));
  return buildToolView({ ...base, catalogEntry: entry, ...settled }, payload, now);
}

/** Whether the register already matches one of a catalogue entry's patterns. */
function coveredByRegister(register: LoadedRegister, patterns: readonly string[]): boolean {
  return patterns.some((source) => {
    const parsed = parsePattern(source);
    return parsed.ok && lookup(register.index, { host: parsed.pattern.host, path: parsed.pattern.path || '/' }) !== null;
  });
}
