/** What the verdict means for the teacher and what to do, with the register's reason. */
import { formatDate } from '../lib/format';
import { t, type MessageKey } from '../lib/i18n';
import type { ToolView } from '../lib/tool-view';
import { VERDICT_POLICY } from '../lib/verdict-policy';
import { ShowMore } from './ShowMore';

export function VerdictAdvice({ view }: { view: ToolView }) {
  const { verdict } = view;
  const tool = verdict.tool;
  let advice: string;
  switch (verdict.kind) {
    case 'changed':
      advice = t('advice_changed', tool?.bijsluiter?.version ?? '?', tool?.agreement?.bijsluiterVersion ?? '?');
      break;
    case 'expired':
      advice = t('advice_expired', formatDate(tool?.agreement?.validUntil));
      break;
    case 'stale':
      advice = t('advice_stale', formatDate(view.registerExpiresAt));
      break;
    default:
      advice = t(`advice_${verdict.kind}` as MessageKey);
  }
  const reason = tool?.reason;
  return (
    <section class="advice" aria-label={t('reason_heading')}>
      <p>{advice}</p>
      {verdict.request ? <p>{t('advice_pendingRequest', formatDate(verdict.request.createdAt))}</p> : null}
      {reason && VERDICT_POLICY[verdict.kind].showsReason ? (
        <p><strong>{t('reason_heading')}: </strong><ShowMore text={reason} /></p>
      ) : null}
    </section>
  );
}
