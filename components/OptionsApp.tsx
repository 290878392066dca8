/** The options page: settings (read-only where policy sets them) and register health. */
import { useEffect, useState } from 'preact/hooks';
import { t } from '../lib/i18n';
import type { StatusView } from '../lib/messages';
import { sendRequest } from '../lib/send-message';
import { RegisterHealth } from './RegisterHealth';
import { SettingsForm } from './SettingsForm';

export function OptionsApp() {
  const [status, setStatus] = useState<StatusView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    sendRequest({ type: 'getStatus' }).then(setStatus, (error: Error) => setProblem(error.message));
  }, []);
  const welcome = new URLSearchParams(location.search).has('welcome');
  return (
    <main class="options">
      <h1>{t('options_title')}</h1>
      {welcome ? <p>{t('options_welcome')}</p> : null}
      {problem ? <p role="alert">{problem}</p> : null}
      {status ? (
        <>
          <SettingsForm status={status} onSaved={setStatus} />
          <RegisterHealth status={status} onChange={setStatus} />
        </>
      ) : null}
    </main>
  );
}
