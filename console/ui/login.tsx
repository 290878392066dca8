/** The FG's login form. The same message for an unknown address and a wrong password. */
import { Csrf, Flash, Layout, type PageContext } from './layout';

export function LoginPage({ page, error, email }: { page: PageContext; error: string | null; email: string }) {
  return (
    <Layout page={page} section="login" title={page.t('loginTitle')}>
      <h1>{page.t('loginTitle')}</h1>
      <p>{page.t('loginIntro', page.boardName)}</p>
      {error ? <Flash kind="error">{error}</Flash> : null}
      <form method="post" action={`${page.base}/login`} class="stack narrow">
        <Csrf page={page} />
        <label for="email">{page.t('email')}</label>
        <input id="email" name="email" type="email" autoComplete="username" required value={email} />
        <label for="password">{page.t('password')}</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required />
        <button type="submit">{page.t('loginButton')}</button>
      </form>
    </Layout>
  );
}
