/**
 * Register URL and public keys, typed by a teacher or admin when no policy sets them. A value set
 * by policy is shown read-only with a note that the school manages it.
 */
import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import { t, type MessageKey } from '../lib/i18n';
import type { StatusView, TestResult } from '../lib/messages';
import { sendMessage } from '../lib/send-message';

export function SettingsForm({ status, onSaved }: { status: StatusView; onSaved: (next: StatusView) => void }) {
  const [registerUrl, setRegisterUrl] = useState(status.settings.registerUrl ?? '');
  const [keys, setKeys] = useState((status.settings.publicKeys ?? []).join('\n'));
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const urlManaged = status.sources.registerUrl === 'managed';
  const keysManaged = status.sources.publicKeys === 'managed';
  const edits = () => ({
    ...(urlManaged ? {} : { registerUrl }),
    ...(keysManaged ? {} : { publicKeys: keys.split(/\s+/).filter(Boolean) }),
  });

  async function run(action: () => Promise<string>) {
    setBusy(true);
    setMessage(null);
    try {
      setMessage(await action());
    } catch (error) {
      setMessage(t('options_testFailed', (error as Error).message));
    } finally {
      setBusy(false);
    }
  }

  const save = () =>
    run(async () => {
      onSaved(await sendMessage({ type: 'saveSettings', settings: edits() }));
      return t('options_saved');
    });
  const test = () =>
    run(async () => {
      const result: TestResult = await sendMessage({ type: 'testConnection', settings: edits() });
      return result.ok
        ? t('options_testOk', result.publisherName, result.serial, result.toolCount)
        : t('options_testFailed', `${t(`error_${result.error.code}` as MessageKey)}: ${result.error.detail}`);
    });

  return (
    <form onSubmit={(event) => { event.preventDefault(); void save(); }} aria-labelledby="settings-heading">
      <h2 id="settings-heading">{t('options_settings')}</h2>
      <label for="register-url">{t('options_registerUrl')}</label>
      <input id="register-url" type="url" value={registerUrl} readOnly={urlManaged} aria-describedby={urlManaged ? 'managed-note' : undefined}
        onInput={(event) => setRegisterUrl((event.target as HTMLInputElement).value)} />
      <label for="public-keys">{t('options_publicKeys')}</label>
      <textarea id="public-keys" rows={3} value={keys} readOnly={keysManaged} spellcheck={false}
        onInput={(event) => setKeys((event.target as HTMLTextAreaElement).value)} />
      {urlManaged || keysManaged ? <p id="managed-note" class="muted">{t('options_managed')}</p> : null}
      <p>
        <button type="submit" disabled={busy || (urlManaged && keysManaged)}>{t('options_save')}</button>{' '}
        <button type="button" class="secondary" disabled={busy} onClick={() => void test()}>{t('options_test')}</button>
      </p>
      <p role="status" id="settings-message">{message}</p>
      <details>
        <summary>{t('options_inForce')}</summary>
        <dl id="settings-in-force">
          {(Object.keys(status.settings) as (keyof typeof status.settings)[]).map((key) => (
            <Fragment key={key}>
              <dt>{key}</dt>
              <dd>{key === 'requestToken' ? t('options_tokenSet') : showValue(status.settings[key])} <span class="muted">({t(`options_source_${status.sources[key] ?? 'default'}` as MessageKey)})</span></dd>
            </Fragment>
          ))}
        </dl>
      </details>
    </form>
  );
}

function showValue(value: unknown): string {
  if (typeof value === 'boolean') return value ? t('options_yes') : t('options_no');
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}
