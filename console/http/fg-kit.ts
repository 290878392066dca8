/**
 * What every page of the FG's web interface shares: the request's variables once the session is
 * checked (the account, its CSRF token, the session, the form), and the helpers that render a
 * page, a refusal and the flash message after an action.
 */
import type { Context } from 'hono';
import type { User } from '../store/accounts';
import { ErrorLayout } from '../ui/error-page';
import { pageContext, renderPage, type PageContext } from '../ui/layout';
import type { ConsoleKey } from '../ui/messages';
import type { BoardEnv } from './board';
import type { FormFields } from './forms';
import type { CurrentSession } from './session';

export type WebEnv = { Variables: BoardEnv['Variables'] & { user: User; csrf: string; sessionToken: string; session: CurrentSession; form: FormFields } };

export type PageStatus = 200 | 400 | 403 | 404 | 409 | 429;

/** Flash messages by name: the address never carries text that is shown. */
const FLASH: Record<string, ConsoleKey> = { decision: 'decisionSaved', tool: 'toolSaved', deleted: 'toolDeleted', settings: 'settingsSaved', revoked: 'tokenRevoked', sso: 'ssoSaved' };

export interface WebKit {
  /** An HTML answer that no cache keeps. */
  html(c: Context, body: string, status?: PageStatus): Response;
  /** The page's frame for the logged-in account: its language, board, CSRF token and role. */
  page(c: Context<WebEnv>): PageContext;
  /** A refusal page in the account's language, with a way back. */
  errorPage(c: Context<WebEnv>, key: ConsoleKey): string;
  /** The message after an action (`?done=…`, `?published=N`), or null. */
  flashOf(c: Context, p: PageContext): string | null;
  /** The form the session check read and checked (POST only). */
  formOf(c: Context<WebEnv>): FormFields;
}

export const webKit: WebKit = {
  html(c, body, status = 200) {
    c.header('cache-control', 'no-store');
    return c.html(body, status);
  },
  page(c) {
    const user = c.get('user');
    return pageContext(user.language, c.get('board').name, c.get('board').slug, c.get('csrf'), user.email, user.role === 'fg');
  },
  errorPage(c, key) {
    const p = webKit.page(c);
    return renderPage(p.lang, ErrorLayout({ page: p, message: p.t(key) }));
  },
  flashOf(c, p) {
    const key = FLASH[c.req.query('done') ?? ''];
    if (key) return p.t(key);
    const serial = c.req.query('published');
    return serial && /^\d+$/.test(serial) ? p.t('publishDone', serial) : null;
  },
  formOf: (c) => c.get('form'),
};
