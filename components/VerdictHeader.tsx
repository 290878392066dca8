/** The verdict in words and a symbol (never colour alone), with the tool and supplier names. */
import { verdictSubject } from '../lib/badge';
import { t, type MessageKey } from '../lib/i18n';
import type { Verdict, VerdictKind } from '../lib/verdict';

const ICONS: Record<VerdictKind, string> = {
  none: '–',
  unknown: '?',
  approved: '✓',
  changed: '!',
  expired: '!',
  stale: '?',
  pending: '…',
  unvetted: '!',
  rejected: '✕',
};

export function VerdictHeader({ verdict }: { verdict: Verdict }) {
  const subject = verdictSubject(verdict) || t('thisSite');
  const vendor = verdict.tool?.vendor?.name ?? verdict.catalogEntry?.vendor?.name;
  return (
    <section class={`verdict verdict-${verdict.kind}`} aria-labelledby="verdict-tool" data-verdict={verdict.kind}>
      <span class="verdict-icon" aria-hidden="true">{ICONS[verdict.kind]}</span>
      <div>
        <h1 id="verdict-tool">{subject}</h1>
        <p class="verdict-words" role="status">{t(`verdict_${verdict.kind}` as MessageKey)}</p>
        {vendor ? <p class="muted">{t('popup_supplier', vendor)}</p> : null}
      </div>
    </section>
  );
}
