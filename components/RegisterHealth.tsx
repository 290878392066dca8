/** Register health for the IT admin: address, serial, dates, last attempt and success, the exact last error. */
import { useState } from 'preact/hooks';
import { formatDateTime, t, type MessageKey } from '../lib/i18n';
import type { StatusView } from '../lib/messages';
import { sendMessage } from '../lib/send-message';

export function RegisterHealth({ status, onChange }: { status: StatusView; onChange: (next: StatusView) => void }) {
  const [busy, setBusy] = useState(false);
  const { register, sync } = status;
  const error = sync.lastError ?? (status.heldError ? { ...status.heldError, at: null, url: null } : null);
  const syncNow = async () => {
    setBusy(true);
    try {
      onChange(await sendMessage({ type: 'syncNow' }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="health-heading">
      <h2 id="health-heading">{t('options_health')}</h2>
      {!status.configured ? <p>{t('popup_noRegister')}</p> : null}
      <dl>
        <dt>{t('options_url')}</dt><dd>{status.registerUrl ?? t('options_none')}</dd>
        <dt>{t('options_publisher')}</dt><dd>{register?.publisherName ?? t('options_none')}</dd>
        <dt>{t('options_serial')}</dt><dd id="register-serial">{register?.serial ?? t('options_none')}</dd>
        <dt>{t('options_issued')}</dt><dd>{register ? formatDateTime(register.issuedAt) : t('options_none')}</dd>
        <dt>{t('options_expires')}</dt><dd>{register ? formatDateTime(register.expiresAt) : t('options_none')}</dd>
        <dt>{t('options_lastAttempt')}</dt><dd>{formatDateTime(sync.lastAttemptAt)}</dd>
        <dt>{t('options_lastSuccess')}</dt><dd>{formatDateTime(sync.lastSuccessAt)}</dd>
        <dt>{t('options_lastError')}</dt>
        <dd id="last-error" class={error ? 'error' : undefined}>
          {error ? `${t(`error_${error.code}` as MessageKey)}: ${error.detail}${error.at ? ` (${formatDateTime(error.at)})` : ''}` : t('options_none')}
        </dd>
      </dl>
      {status.problems.length > 0 ? (
        <>
          <h3>{t('options_problems')}</h3>
          <ul>{status.problems.map((p) => <li key={`${p.source}-${p.key}`}>{`${p.source} ${p.key}: ${p.reason}`}</li>)}</ul>
        </>
      ) : null}
      <button type="button" id="sync-now" disabled={busy || !status.configured} onClick={() => void syncNow()}>{t('options_syncNow')}</button>
    </section>
  );
}
