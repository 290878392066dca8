/**
 * How a verdict looks on the toolbar icon: the policy table's text and colour, and a title that
 * names the tool and the verdict. The text carries the meaning (✓ ! ? … ✕), never colour alone.
 */
import type { MessageKey } from './i18n';
import type { Verdict } from './verdict';
import { providerName } from './signin/provider-name';
import { VERDICT_POLICY } from './verdict-policy';

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
  const style = VERDICT_POLICY[verdict.kind].badge;
  // on a sign-in screen the title names the tool asking and the account it wants
  const title = verdict.signIn
    ? translate('title_signIn', verdictSubject(verdict) || translate('signIn_unknownTool'), providerName(verdict.signIn.provider, verdict.signIn.idpHost), translate(`verdict_${verdict.kind}` as MessageKey))
    : translate(`title_${verdict.kind}` as MessageKey, verdictSubject(verdict));
  return { text: style.text, color: style.color, title };
}
