/** The verdict in words and a symbol (never colour alone), with the tool and supplier names. */
import { verdictSubject } from '../lib/badge';
import { t, type MessageKey } from '../lib/i18n';
import type { Verdict } from '../lib/verdict';
import { VERDICT_POLICY } from '../lib/verdict-policy';
import { hostForPeople } from '../lib/punycode';

export function VerdictHeader({ verdict }: { verdict: Verdict }) {
  const subject = verdictSubject(verdict) || t('thisSite');
  const vendor = verdict.tool?.vendor?.name ?? verdict.catalogEntry?.vendor?.name;
  return (
    <section class={`verdict verdict-${verdict.kind}`} aria-labelledby="verdict-tool" data-verdict={verdict.kind}>
      <span class="verdict-icon" aria-hidden="true">{VERDICT_POLICY[verdict.kind].icon}</span>
      <div>
        <h1 id="verdict-tool">{subject}</h1>
        <p class="verdict-words" role="status">{t(`verdict_${verdict.kind}` as MessageKey)}</p>
        {vendor ? <p class="muted">{t('popup_supplier', vendor)}</p> : null}
        {/* the site as the teacher reads it, with the browser's punycode beside a non-ASCII host,
            so a look-alike (a Cyrillic а in wordwall.net) shows itself */}
        {verdict.location ? <p class="muted site-host">{hostForPeople(verdict.location.host)}</p> : null}
      </div>
    </section>
  );
}
