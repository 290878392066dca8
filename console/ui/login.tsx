/**
 * The FG's login pages: the password form (and the single sign-on link, when the board has one),
 * the code form of the second step, the page after single sign-on that finishes the login on the
 * console's own site, and the confirmation that publishing and new tokens ask for. The same
 * message for an unknown address and a wrong password.
 */
import { Csrf, Document, Flash, Layout, type PageContext } from './layout';

export interface LoginOptions {
  /** "Log in with NAME" leads here (the board's single sign-on), or null. */
  sso: { name: string } | null;
  passwordLogin: boolean;
}

export function LoginPage({ page, error, email, options = { sso: null, passwordLogin: true } }: { page: PageContext; error: string | null; email: string; options?: LoginOptions }) {
  return (
    <Layout page={page} section="login" title={page.t('loginTitle')}>
      <h1>{page.t('loginTitle')}</h1>
      <p>{page.t('loginIntro', page.boardName)}</p>
      {error ? <Flash kind="error">{error}</Flash> : null}
      {options.sso ? (
        <p><a class="button" href={`${page.base}/sso`}>{page.t('ssoButton', options.sso.name)}</a></p>
      ) : null}
      {options.passwordLogin ? (
        <form method="post" action={`${page.base}/login`} class="stack narrow" aria-label={options.sso ? page.t('orPassword') : undefined}>
          {options.sso ? <h2>{page.t('orPassword')}</h2> : null}
          <Csrf page={page} />
          <label for="email">{page.t('email')}</label>
          <input id="email" name="email" type="email" autoComplete="username" required value={email} />
          <label for="password">{page.t('password')}</label>
          <input id="password" name="password" type="password" autoComplete="current-password" required />
          <button type="submit">{page.t('loginButton')}</button>
        </form>
      ) : options.sso ? <p>{page.t('passwordLoginOff', options.sso.name)}</p> : null}
    </Layout>
  );
}

/** The second step: `<input name="code" autocomplete="one-time-code">`, as the spec names it. */
export function CodePage({ page, error }: { page: PageContext; error: string | null }) {
  return (
    <Layout page={page} section="login" title={page.t('codeTitle')}>
      <h1>{page.t('codeTitle')}</h1>
      <p>{page.t('codeIntro', page.boardName)}</p>
      {error ? <Flash kind="error">{error}</Flash> : null}
      <form method="post" action={`${page.base}/login/code`} class="stack narrow">
        <Csrf page={page} />
        <label for="code">{page.t('codeLabel')}</label>
        <input id="code" name="code" autoComplete="one-time-code" inputMode="numeric" required maxLength={16} autoFocus />
        <button type="submit">{page.t('codeButton')}</button>
      </form>
      <p><a href={`${page.base}/login`}>{page.t('backToLogin')}</a></p>
    </Layout>
  );
}

/** A single sign-on that did not lead in, said in words, with the way back. */
export function SsoRefusedPage({ page, message }: { page: PageContext; message: string }) {
  return (
    <Layout page={page} section="login" title={page.t('ssoRefusedTitle')}>
      <h1>{page.t('ssoRefusedTitle')}</h1>
      <Flash kind="error">{message}</Flash>
      <p><a href={`${page.base}/login`}>{page.t('backToLogin')}</a></p>
    </Layout>
  );
}

/**
 * After the provider's redirect (a cross-site navigation, which a SameSite=Strict cookie does not
 * join), the login finishes with a step on the console's own site: this page moves on to `next`
 * by itself (a same-site navigation that carries the new session cookie), or by its link.
 */
export function ContinuePage({ page, next }: { page: PageContext; next: string }) {
  return (
    <Document lang={page.lang} title={`${page.t('continueTitle')} · ${page.boardName}`} head={<meta http-equiv="refresh" content={`0;url=${next}`} />}>
      <main id="main">
        <h1>{page.t('continueTitle')}</h1>
        <p><a href={next}>{page.t('continueLink')}</a></p>
      </main>
    </Document>
  );
}

/** The fresh confirmation before publishing, new API tokens and login settings. */
export function ConfirmPage({ page, next, how, ssoName, error, freshMinutes }: { page: PageContext; next: string; how: 'code' | 'password' | 'sso'; ssoName: string; error: string | null; freshMinutes: number }) {
  return (
    <Layout page={page} section="settings" title={page.t('confirmTitle')}>
      <h1>{page.t('confirmTitle')}</h1>
      <p>{page.t('confirmIntro', freshMinutes)}</p>
      {error ? <Flash kind="error">{error}</Flash> : null}
      {how === 'sso' ? (
        <p><a class="button" href={`${page.base}/sso?next=${encodeURIComponent(next)}&confirm=1`}>{page.t('confirmSso', ssoName)}</a></p>
      ) : (
        <form method="post" action={`${page.base}/confirm`} class="stack narrow">
          <Csrf page={page} />
          <input type="hidden" name="next" value={next} />
          {how === 'code' ? (
            <>
              <label for="code">{page.t('codeLabel')}</label>
              <input id="code" name="code" autoComplete="one-time-code" inputMode="numeric" required maxLength={16} autoFocus />
            </>
          ) : (
            <>
              <label for="password">{page.t('confirmPassword')}</label>
              <input id="password" name="password" type="password" autoComplete="current-password" required autoFocus />
            </>
          )}
          <button type="submit">{page.t('confirmButton')}</button>
        </form>
      )}
    </Layout>
  );
}
