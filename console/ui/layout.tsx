/**
 * The frame of every FG page: language, title, skip link, the board's name, the menu with the
 * current page marked (aria-current), and the flash message in a live region. No script.
 */
import type { ComponentChildren } from 'preact';
import { render } from 'preact-render-to-string';
import { ShowWholeText } from '../../components/ShowMore';
import { withExtensionMessages } from '../../lib/extension-messages';
import { translate, type ConsoleKey, type Lang } from './messages';

export interface PageContext {
  lang: Lang;
  t: (key: ConsoleKey, ...subs: (string | number)[]) => string;
  boardName: string;
  base: string;
  csrf: string | null;
  userEmail: string | null;
  canEdit: boolean;
}

export function pageContext(lang: Lang, boardName: string, slug: string, csrf: string | null, userEmail: string | null, canEdit = true): PageContext {
  return { lang, t: (key, ...subs) => translate(lang, key, ...subs), boardName, base: `/b/${slug}/fg`, csrf, userEmail, canEdit };
}

export type Section = 'inbox' | 'attention' | 'tools' | 'publish' | 'audit' | 'settings' | 'login';

export function Csrf({ page }: { page: PageContext }) {
  return page.csrf ? <input type="hidden" name="_csrf" value={page.csrf} /> : null;
}

/** A message after an action. The page title carries it too: a screen reader reads the title of a new page. */
export function Flash({ kind, children, focus = false }: { kind: 'ok' | 'error'; children: ComponentChildren; focus?: boolean }) {
  return (
    <div class={`flash flash-${kind}`} role={kind === 'error' ? 'alert' : 'status'} tabIndex={focus ? -1 : undefined} autoFocus={focus}>
      <span aria-hidden="true">{kind === 'ok' ? '✓ ' : '✕ '}</span>
      {children}
    </div>
  );
}

const MENU: [Section, ConsoleKey, string][] = [
  ['inbox', 'navInbox', ''],
  ['attention', 'navAttention', 'attention'],
  ['tools', 'navTools', 'tools'],
  ['publish', 'navPublish', 'publish'],
  ['audit', 'navAudit', 'audit'],
  ['settings', 'navSettings', 'settings'],
];

/** The document around every page of the console: language, title, the one stylesheet. */
export function Document({ lang, title, head, children }: { lang: Lang; title: string; head?: ComponentChildren; children: ComponentChildren }) {
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <link rel="stylesheet" href="/assets/console.css" />
        {head}
      </head>
      <body>{children}</body>
    </html>
  );
}

export function Layout({ page, section, title, children }: { page: PageContext; section: Section; title: string; children: ComponentChildren }) {
  return (
    <Document lang={page.lang} title={`${title} · ${page.boardName} · ${page.t('appName')}`}>
        <a class="skip-link" href="#main">{page.t('skipToContent')}</a>
        <header class="top">
          <p class="board-name">{page.boardName} <span class="app-name">· {page.t('appName')}</span></p>
          {page.userEmail ? (
            <nav aria-label={page.t('nav')}>
              <ul>
                {MENU.map(([key, label, path]) => (
                  <li key={key}>
                    <a href={`${page.base}/${path}`} aria-current={section === key ? 'page' : undefined}>{page.t(label)}</a>
                  </li>
                ))}
              </ul>
              <form method="post" action={`${page.base}/logout`} class="logout">
                <Csrf page={page} />
                <span class="muted">{page.t('loggedInAs', page.userEmail)}</span>{' '}
                <button type="submit" class="link-button">{page.t('logout')}</button>
              </form>
            </nav>
          ) : null}
        </header>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
    </Document>
  );
}

/** The whole document as text; the extension's components find their messages in `lang`. */
export function renderPage(lang: Lang, node: preact.VNode): string {
  return `<!doctype html>${withExtensionMessages(lang, () => render(<ShowWholeText.Provider value={true}>{node}</ShowWholeText.Provider>))}`;
}

const formats = new Map<string, Intl.DateTimeFormat>();
export function formatWhen(lang: Lang, date: Date | string | null | undefined, withTime = true): string {
  if (!date) return '–';
  const key = `${lang}${withTime}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'medium', ...(withTime ? { timeStyle: 'short' } : {}), timeZone: 'Europe/Amsterdam' });
    formats.set(key, format);
  }
  const d = typeof date === 'string' ? new Date(date) : date;
  return Number.isNaN(d.getTime()) ? String(date) : format.format(d);
}
