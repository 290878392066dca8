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
  signIn: SignInSettings;
}

export interface SignInSettings {
  sso: { issuer: string; clientId: string; name: string } | null;
  redirectUri: string;
  passwordLogin: boolean;
  sessionMethod: 'password' | 'totp' | 'sso';
  secondFactorSince: Date | null;
  recoveryCodesLeft: number;
  error: string | null;
}

/** How this FG logs in (the second factor) and, for an FG, how everyone of the board does (single sign-on, passwords). */
function SignInSection({ page, signIn }: { page: PageContext; signIn: SignInSettings }) {
  return (
    <section aria-labelledby="signin-title">
      <h2 id="signin-title">{page.t('mfaTitle')}</h2>
      {signIn.error ? <Flash kind="error">{signIn.error}</Flash> : null}
      <p>{signIn.secondFactorSince ? page.t('mfaOn', formatWhen(page.lang, signIn.secondFactorSince), signIn.recoveryCodesLeft) : page.t('mfaOff')}</p>
      <p><a href={`${page.base}/settings/second-factor`}>{signIn.secondFactorSince ? page.t('mfaRestart') : page.t('mfaStart')}</a></p>
      <h2 id="sso-title">{page.t('ssoTitle')}</h2>
      <p>{page.t('ssoIntro')}</p>
      <p><code class="wrap">{signIn.redirectUri}</code></p>
      {page.canEdit ? (
        <>
          <form method="post" action={`${page.base}/settings/sso`} class="stack">
            <Csrf page={page} />
            <label for="sso-issuer">{page.t('ssoIssuer')}</label>
            <input id="sso-issuer" name="issuer" type="url" required value={signIn.sso?.issuer ?? ''} />
            <label for="sso-client">{page.t('ssoClientId')}</label>
            <input id="sso-client" name="clientId" required value={signIn.sso?.clientId ?? ''} autoComplete="off" />
            <label for="sso-secret">{page.t('ssoClientSecret')}</label>
            <input id="sso-secret" name="clientSecret" type="password" autoComplete="new-password" required={!signIn.sso} />
            <label for="sso-name">{page.t('ssoName')}</label>
            <input id="sso-name" name="name" maxLength={40} value={signIn.sso?.name ?? ''} placeholder="Microsoft" />
            <button type="submit">{page.t('ssoSave')}</button>
          </form>
          {signIn.sso ? (
            <form method="post" action={`${page.base}/settings/sso`} class="inline">
              <Csrf page={page} />
              <input type="hidden" name="remove" value="1" />
              <button type="submit" class="link-button">{page.t('ssoRemove')}</button>
            </form>
          ) : null}
          <h3>{page.t('passwordLoginLabel')}</h3>
          <p>{signIn.passwordLogin ? page.t('passwordLoginOn') : page.t('passwordLoginOffNow', signIn.sso?.name ?? 'SSO')}</p>
          {signIn.sso ? (
            <form method="post" action={`${page.base}/settings/password-login`} class="inline">
              <Csrf page={page} />
              <input type="hidden" name="passwordLogin" value={signIn.passwordLogin ? 'off' : 'on'} />
              <button type="submit">{signIn.passwordLogin ? page.t('passwordLoginTurnOff') : page.t('passwordLoginTurnOn')}</button>
            </form>
          ) : null}
        </>
      ) : signIn.sso ? <p>{page.t('ssoButton', signIn.sso.name)}</p> : null}
    </section>
  );
}

export function SettingsPage({ page, user, smtp, tokens, newToken, newWebhookSecret, emailDomains, webhookUrl, policy, flash, error, signIn }: SettingsProps) {
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
      <SignInSection page={page} signIn={signIn} />
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
