/** The register's state in one short block: which register, how fresh, the last error. */
import { formatDateTime, t, type MessageKey } from '../lib/i18n';
import type { StatusView } from '../lib/messages';

export function RegisterStatus({ status }: { status: StatusView }) {
  const error = status.sync.lastError;
  return (
    <footer class="status" aria-label={t('options_health')}>
      {!status.configured ? <p>{t('popup_noRegister')}</p> : null}
      {status.register ? <p>{t('popup_registerState', status.register.publisherName, status.register.serial)}</p> : null}
      {status.configured ? <p>{t('popup_lastSync', formatDateTime(status.sync.lastSuccessAt))}</p> : null}
      {error && status.configured ? (
        <p class="error">{t('popup_syncError', t(`error_${error.code}` as MessageKey))}</p>
      ) : null}
    </footer>
  );
}
