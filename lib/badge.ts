/**
 * How a verdict looks on the toolbar icon: text, colour and title exactly as the spec's verdict
 * table says. The text carries the meaning (✓ ! ? … ✕), so colour is never the only signal.
 */
import type { MessageKey } from './i18n';
import type { Verdict, VerdictKind } from './verdict';

export const BADGE_GREEN = '#1a7f37';
export const BADGE_AMBER = '#9a5b00';
export const BADGE_RED = '#c62828';

/** Badge text and colour per verdict (shared/spec/register.md, "Verdicts"). */
export const BADGE_STYLE: Readonly<Record<VerdictKind, { text: string; color: string | null }>> = {
  none: { text: '', color: null },
  unknown: { text: '', color: null },
  approved: { text: '✓', color: BADGE_GREEN },
  changed: { text: '!', color: BADGE_AMBER },
  expired: { text: '!', color: BADGE_AMBER },
  stale: { text: '?', color: BADGE_AMBER },
  pending: { text: '…', color: BADGE_AMBER },
  unvetted: { text: '!', color: BADGE_RED },
  rejected: { text: '✕', color: BADGE_RED },
};

export interface BadgeLook {
  text: string;
  color: string | null;
  title: string;
}

type Translate = (key: MessageKey, ...substitutions: string[]) => string;

/** The display name of whatever the verdict matched, or the site's host. */
export function verdictSubject(verdict: Verdict): string {
  return verdict.tool?.name ?? verdict.catalogEntry?.name ?? verdict.location?.host ?? '';
}

/** Badge text, colour and title (tooltip, naming tool and verdict) for a verdict. */
export function badgeFor(verdict: Verdict, translate: Translate): BadgeLook {
  const style = BADGE_STYLE[verdict.kind];
  const title = translate(`title_${verdict.kind}` as MessageKey, verdictSubject(verdict));
  return { text: style.text, color: style.color, title };
}
