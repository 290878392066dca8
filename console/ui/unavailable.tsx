/** The page an FG sees while the database does not answer: what happened and that nothing is lost. */
import { render } from 'preact-render-to-string';
import { Document } from './layout';
import { translate, type Lang } from './messages';

export function renderUnavailablePage(lang: Lang): string {
  const text = translate(lang, 'dbDown');
  return `<!doctype html>${render(
    <Document lang={lang} title={text}>
      <main id="main">
        <h1>{translate(lang, 'appName')}</h1>
        <div class="flash flash-error" role="alert"><span aria-hidden="true">✕ </span>{text}</div>
      </main>
    </Document>,
  )}`;
}
