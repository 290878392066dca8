/** The FG's own notification settings, API tokens, and the board's intake settings and policy values. */
import type { User } from '../store/accounts';
import { Csrf, Flash, formatWhen, Layout, type PageContext } from './layout';

export interface SettingsProps {
  page: PageContext;
  user: User;
  smtp: boolean;
  tokens: { id: number; label: string; createdAt: Date; lastUsedAt: Date | null; owner: string }[];
  newToken: string | null;
  newWebhookSecret: string | null;
  emailDomains: string;
  webhookUrl: string;
  policy: Record<string, unknown>;
  flash: string | null;
  error: string | null;
}

export function SettingsPage({ page, user, smtp, tokens, newToken, newWebhookSecret, emailDomains, webhookUrl, policy, flash, error }: SettingsProps) {
  return (
    <Layout page={page} section="settings" title={page.t('settingsTitle')}>
      <h1>{page.t('settingsTitle')}</h1>
      {flash ? <Flash kind="ok">{flash}</Flash> : null}
      {error ? <Flash kind="error">{error}</Flash> : null}
      <section aria-labelledby="notify-title">
        <h2 id="notify-title">{page.t('notifyTitle')}</h2>
        {!smtp ? <p class="notice"><span aria-hidden="true">! </span>{page.t('noSmtp')}</p> : null}
        <form method="post" action={`${page.base}/settings/me`} class="stack">
          <Csrf page={page} />
          <fieldset class="choices">
            <legend>{page.t('notifyHowOften')}</legend>
            {(['instant', 'hourly', 'off'] as const).map((mode) => (
              <label key={mode} for={`notify-${mode}`} class="choice">
                <input type="radio" id={`notify-${mode}`} name="notify" value={mode} checked={user.notify === mode} /> {page.t(`notify_${mode}`)}
              </label>
            ))}
          </fieldset>
          <label for="language">{page.t('language')}</label>
          <select id="language" name="language">
            <option value="nl" lang="nl" selected={user.language === 'nl'}>Nederlands</option>
            <option value="en" lang="en" selected={user.language === 'en'}>English</option>
          </select>
          <button type="submit">{page.t('saveSettings')}</button>
        </form>
      </section>
      <section aria-labelledby="tokens-title">
        <h2 id="tokens-title">{page.t('tokensTitle')}</h2>
        <p>{page.t('tokensIntro')}</p>
        {newToken ? (
          <div class="secret" role="status">
            <p>{page.t('tokenCreated')}</p>
            <p><code>{newToken}</code></p>
          </div>
        ) : null}
        {tokens.length === 0 ? <p>{page.t('noTokens')}</p> : (
          <ul>
            {tokens.map((t) => (
              <li key={t.id}>
                {t.label} <span class="muted">({t.owner}, {formatWhen(page.lang, t.createdAt)})</span>{' '}
                {page.canEdit ? (
                  <form method="post" action={`${page.base}/settings/tokens/${t.id}/revoke`} class="inline">
                    <Csrf page={page} />
                    <button type="submit" class="link-button" aria-label={`${page.t('tokenRevoke')}: ${t.label}`}>{page.t('tokenRevoke')}</button>
                  </form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {page.canEdit ? (
          <form method="post" action={`${page.base}/settings/tokens`} class="stack narrow">
            <Csrf page={page} />
            <label for="token-label">{page.t('tokenLabel')}</label>
            <input id="token-label" name="label" required maxLength={80} />
            <button type="submit">{page.t('tokenCreate')}</button>
          </form>
        ) : null}
      </section>
      <section aria-labelledby="intake-title">
        <h2 id="intake-title">{page.t('intakeTitle')}</h2>
        {newWebhookSecret ? (
          <div class="secret" role="status">
            <p>{page.t('webhookSecretShown')}</p>
            <p><code>{newWebhookSecret}</code></p>
          </div>
        ) : null}
        <form method="post" action={`${page.base}/settings/intake`} class="stack">
          <Csrf page={page} />
          <label for="emailDomains">{page.t('emailDomains')}</label>
          <input id="emailDomains" name="emailDomains" value={emailDomains} disabled={!page.canEdit} />
          <label for="webhookUrl">{page.t('webhookUrl')}</label>
          <input id="webhookUrl" name="webhookUrl" type="url" value={webhookUrl} disabled={!page.canEdit} />
          {page.canEdit ? <button type="submit">{page.t('saveSettings')}</button> : null}
        </form>
      </section>
      <section aria-labelledby="policy-title">
        <h2 id="policy-title">{page.t('policyTitle')}</h2>
        <p>{page.t('policyIntro')}</p>
        <pre>{JSON.stringify(policy, null, 2)}</pre>
      </section>
    </Layout>
  );
}
