/**
 * What each verdict means for every view, in one table: the badge, the popup's symbol, whether a
 * vetting request is offered, whether alternatives and conditions show. The badge, the popup,
 * the options page and the request form all read this table, so they cannot disagree.
 *
 * Also the one rule for "this has an open request" (`openRequestFor`), used for the badge, the
 * popup, the options list and the request form's duplicate check.
 */
import type { OpenRequest, VerdictKind } from './verdict-types';

export const BADGE_GREEN = '#1a7f37';
export const BADGE_AMBER = '#9a5b00';
export const BADGE_RED = '#c62828';

export interface VerdictBehaviour {
  /** Toolbar badge text and colour (shared/spec/register.md, "Verdicts"); the text carries the meaning. */
  badge: { text: string; color: string | null };
  /** The symbol beside the verdict in words in the popup and on the options page. */
  icon: string;
  /** The teacher may ask the FG to vet the tool. */
  offersRequest: boolean;
  /** Approved alternatives are looked up and shown: the tool may not be used as it is. */
  showsAlternatives: boolean;
  /** The register's conditions for use are shown (a rejected tool has none to follow). */
  showsConditions: boolean;
  /** The register's reason is shown beside the advice. */
  showsReason: boolean;
  /** An open request of the teacher's turns this verdict into `pending`. */
  yieldsToOpenRequest: boolean;
  /** Offered as a filter in the options page's list (which lists only tools, never bare sites). */
  listFilter: boolean;
}

export const VERDICT_POLICY: Readonly<Record<VerdictKind, VerdictBehaviour>> = {
  none: { badge: { text: '', color: null }, icon: '–', offersRequest: false, showsAlternatives: false, showsConditions: false, showsReason: false, yieldsToOpenRequest: false, listFilter: false },
  unknown: { badge: { text: '', color: null }, icon: '?', offersRequest: true, showsAlternatives: false, showsConditions: false, showsReason: false, yieldsToOpenRequest: true, listFilter: false },
  approved: { badge: { text: '✓', color: BADGE_GREEN }, icon: '✓', offersRequest: false, showsAlternatives: false, showsConditions: true, showsReason: false, yieldsToOpenRequest: false, listFilter: true },
  changed: { badge: { text: '!', color: BADGE_AMBER }, icon: '!', offersRequest: true, showsAlternatives: false, showsConditions: true, showsReason: true, yieldsToOpenRequest: false, listFilter: true },
  expired: { badge: { text: '!', color: BADGE_AMBER }, icon: '!', offersRequest: true, showsAlternatives: true, showsConditions: true, showsReason: true, yieldsToOpenRequest: false, listFilter: true },
  stale: { badge: { text: '?', color: BADGE_AMBER }, icon: '?', offersRequest: false, showsAlternatives: false, showsConditions: true, showsReason: true, yieldsToOpenRequest: false, listFilter: true },
  pending: { badge: { text: '…', color: BADGE_AMBER }, icon: '…', offersRequest: false, showsAlternatives: true, showsConditions: true, showsReason: true, yieldsToOpenRequest: false, listFilter: true },
  unvetted: { badge: { text: '!', color: BADGE_RED }, icon: '!', offersRequest: true, showsAlternatives: true, showsConditions: true, showsReason: true, yieldsToOpenRequest: true, listFilter: true },
  rejected: { badge: { text: '✕', color: BADGE_RED }, icon: '✕', offersRequest: true, showsAlternatives: true, showsConditions: false, showsReason: true, yieldsToOpenRequest: false, listFilter: true },
};

/** What a request can be about: a register tool, a catalogue entry, or just a site. */
export interface RequestSubject {
  registerId: string | null;
  catalogId: string | null;
  /** The page's host; it decides only for a site that is no tool. */
  host: string | null;
}

/** Which register tool or catalogue entry a site belongs to now (the register first). */
export type SiteResolver = (site: { host: string; path: string }) => { registerId: string | null; catalogId: string | null };

/**
 * The teacher's open request for `subject`, if any: the one rule the badge, the popup, the
 * options list and the request form's duplicate check all use.
 *
 * A tool (register or catalogue) owns a request that names it, or that was made on a site the
 * register or catalogue files under that tool now (a request made before the FG added the tool
 * still counts for it, on whichever of its sites the teacher is). A site that is no tool owns
 * the requests made on that site.
 */
export function openRequestFor(requests: readonly OpenRequest[], subject: RequestSubject, resolveSite: SiteResolver): OpenRequest | null {
  return requests.find((request) => belongsTo(request, subject, resolveSite)) ?? null;
}

function belongsTo(request: OpenRequest, subject: RequestSubject, resolveSite: SiteResolver): boolean {
  if (subject.registerId !== null) {
    return request.registerId === subject.registerId || (request.registerId === null && resolveSite(request).registerId === subject.registerId);
  }
  if (subject.catalogId !== null) {
    if (request.catalogId === subject.catalogId) return true;
    const filed = resolveSite(request);
    return filed.registerId === null && filed.catalogId === subject.catalogId;
  }
  return subject.host !== null && request.host === subject.host;
}

/** The verdict once the teacher's open request is counted: only some verdicts yield to it. */
export function settleWithRequest(kind: VerdictKind, request: OpenRequest | null): { kind: VerdictKind; request: OpenRequest | null } {
  return request && VERDICT_POLICY[kind].yieldsToOpenRequest ? { kind: 'pending', request } : { kind, request: null };
}
