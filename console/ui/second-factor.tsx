/** Setting up the second factor: the key as text and as an otpauth link, the first code, the recovery codes once. */
import { Csrf, Flash, formatWhen, Layout, type PageContext } from './layout';

export interface SecondFactorProps {
  page: PageContext;
  enabledAt: Date | null;
  codesLeft: number;
  required: boolean;
  ssoSession: string | null;
  /** While setting up: the new key (base32) and its otpauth URI. */
  pending: { key: string; uri: string } | null;
  recoveryCodes: string[] | null;
  error: string | null;
}

export function SecondFactorPage({ page, enabledAt, codesLeft, required, ssoSession, pending, recoveryCodes, error }: SecondFactorProps) {
  return (
    <Layout page={page} section="settings" title={page.t('mfaTitle')}>
      <h1>{page.t('mfaTitle')}</h1>
      {error ? <Flash kind="error">{error}</Flash> : null}
      {required && !enabledAt && !recoveryCodes ? <p class="notice"><span aria-hidden="true">! </span>{page.t('mfaRequiredNotice')}</p> : null}
      {ssoSession ? <p>{page.t('mfaSsoNote', ssoSession)}</p> : null}
      {recoveryCodes ? (
        <div class="secret" role="status">
          <p>{page.t('mfaDone')}</p>
          <ul class="codes">{recoveryCodes.map((code) => <li key={code}><code>{code}</code></li>)}</ul>
          <p><a href={`${page.base}/`}>{page.t('continueLink')}</a></p>
        </div>
      ) : (
        <p>{enabledAt ? page.t('mfaOn', formatWhen(page.lang, enabledAt), codesLeft) : page.t('mfaOff')}</p>
      )}
      {pending ? (
        <section aria-labelledby="mfa-new">
          <h2 id="mfa-new">{page.t('mfaStart')}</h2>
          <p>{page.t('mfaScan')}</p>
          <dl class="facts">
            <dt>{page.t('mfaKey')}</dt>
            <dd><code class="wrap">{pending.key.replace(/(.{4})/g, '$1 ').trim()}</code></dd>
            <dt>{page.t('mfaUri')}</dt>
            <dd><a href={pending.uri} class="wrap">{pending.uri}</a></dd>
          </dl>
          <form method="post" action={`${page.base}/settings/second-factor/confirm`} class="stack narrow">
            <Csrf page={page} />
            <label for="code">{page.t('codeLabel')}</label>
            <input id="code" name="code" autoComplete="one-time-code" inputMode="numeric" required maxLength={8} />
            <button type="submit">{page.t('mfaConfirm')}</button>
          </form>
        </section>
      ) : !recoveryCodes ? (
        <form method="post" action={`${page.base}/settings/second-factor/start`} class="stack narrow">
          <Csrf page={page} />
          <button type="submit">{enabledAt ? page.t('mfaRestart') : page.t('mfaStart')}</button>
        </form>
      ) : null}
      <p class="muted">{page.t('mfaLost')}</p>
    </Layout>
  );
}
