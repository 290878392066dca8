/** The verwerkersovereenkomst: type, model version, dates, reference; a warning when it ends soon. */
import { formatDate } from '../lib/format';
import { t } from '../lib/i18n';
import type { Agreement } from '../lib/register/schema';

export function AgreementInfo({ agreement, expiresInDays }: { agreement: Agreement; expiresInDays: number | null }) {
  const type = agreement.type === 'other'
    ? t('agreement_other')
    : agreement.modelVersion ? t('agreement_model', agreement.modelVersion) : t('agreement_modelNoVersion');
  return (
    <section aria-labelledby="agreement-heading">
      <h2 id="agreement-heading">{t('agreement_heading')}</h2>
      {expiresInDays !== null && agreement.validUntil ? (
        <p class="warning" role="note"><span aria-hidden="true">⚠ </span>{t('agreement_expiresSoon', formatDate(agreement.validUntil), expiresInDays)}</p>
      ) : null}
      <dl>
        <dt>{t('agreement_type')}</dt><dd>{type}</dd>
        <dt>{t('agreement_signedOn')}</dt><dd>{formatDate(agreement.signedOn)}</dd>
        <dt>{t('agreement_validUntil')}</dt><dd>{agreement.validUntil ? formatDate(agreement.validUntil) : t('agreement_noEnd')}</dd>
        {agreement.reference ? <><dt>{t('agreement_reference')}</dt><dd>{agreement.reference}</dd></> : null}
        {agreement.bijsluiterVersion ? <><dt>{t('agreement_sheetVersion')}</dt><dd>{agreement.bijsluiterVersion}</dd></> : null}
      </dl>
    </section>
  );
}
