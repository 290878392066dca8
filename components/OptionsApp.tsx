/** The options page: settings (read-only where policy sets them) and register health. */
import { setOfficerWord } from '../lib/i18n';
import { officerWord } from '../lib/register/framework';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '../lib/i18n';
import type { StatusView } from '../lib/messages';
import { sendMessage } from '../lib/send-message';
import { RegisterHealth } from './RegisterHealth';
import { SettingsForm } from './SettingsForm';
import { ToolList } from './ToolList';
import { MyRequests, useRequests } from './MyRequests';

export function OptionsApp() {
  const [status, setStatus] = useState<StatusView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    const refresh = () => sendMessage({ type: 'getStatus' }).then((next) => {
      // the board's own word for its officer ("DPO" in Flanders) in every text from here on
      setOfficerWord(officerWord(next.fg?.framework, next.fg?.title));
      setStatus(next);
    }, (error: Error) => setProblem(error.message));
    // A sync (on install, on the alarm, after a policy change) records its outcome in local
    // storage; the page follows it live instead of showing what was true when it opened.
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && 'syncStatus' in changes) void refresh();
    };
    void refresh();
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, []);
  const welcome = new URLSearchParams(location.search).has('welcome');
  return (
    <main class="options">
      <h1>{t('options_title')}</h1>
      {welcome ? <p>{t('options_welcome')}</p> : null}
      {problem ? <p role="alert">{problem}</p> : null}
      {status ? (
        <>
          {/* Re-mount the form when the settings in force change (policy arriving late, a save). */}
          <SettingsForm key={JSON.stringify([status.settings.registerUrl, status.settings.publicKeys, status.sources])} status={status} onSaved={setStatus} />
          <RegisterHealth status={status} onChange={setStatus} />
          <OptionsRequests />
          <ToolList key={status.register?.serial ?? 0} />
        </>
      ) : null}
    </main>
  );
}

/** The teacher's own requests, followed live. */
function OptionsRequests() {
  const [requests, reload] = useRequests();
  return <MyRequests view={requests} onChange={reload} />;
}
