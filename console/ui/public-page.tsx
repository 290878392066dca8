/**
 * The board's public address before its first publish: a page that says no list is published
 * yet. Once one is, the public site (site/) is served there instead.
 */
import { render } from 'preact-render-to-string';
import type { Board } from '../store/boards';
import { Document } from './layout';
import { translate, type Lang } from './messages';

export function renderNothingPublishedPage(board: Board, acceptLanguage: string | undefined): string {
  const lang: Lang = /^nl\b/i.test(acceptLanguage ?? 'nl') ? 'nl' : 'en';
  return `<!doctype html>${render(
    <Document lang={lang} title={translate(lang, 'publicTitle', board.name)}>
      <main id="main">
        <h1>{translate(lang, 'publicTitle', board.name)}</h1>
        <p>{translate(lang, 'publicNone')}</p>
      </main>
    </Document>,
  )}`;
}
