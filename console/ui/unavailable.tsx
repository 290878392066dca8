/** The page an FG sees while the database does not answer: what happened and that nothing is lost. */
import { render } from 'preact-render-to-string';
import { translate, type Lang } from './messages';

export function renderUnavailablePage(lang: Lang): string {
  const text = translate(lang, 'dbDown');
  return `<!doctype html>${render(
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{text}</title>
        <link rel="stylesheet" href="/assets/console.css" />
      </head>
      <body>
        <main id="main">
          <h1>{translate(lang, 'appName')}</h1>
          <div class="flash flash-error" role="alert"><span aria-hidden="true">✕ </span>{text}</div>
        </main>
      </body>
    </html>,
  )}`;
}
