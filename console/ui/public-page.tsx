/**
 * The board's public page (parents, teachers without the extension): the tools of the latest
 * published register with their status and conditions. Only what the signed register says.
 */
import { render } from 'preact-render-to-string';
import type { Board } from '../store/boards';
import type { PublishedRegister } from '../store/registers';
import { Document, formatWhen } from './layout';
import { translate, type Lang } from './messages';

export function renderPublicPage(board: Board, latest: PublishedRegister | null, acceptLanguage: string | undefined): string {
  const lang: Lang = /^nl\b/i.test(acceptLanguage ?? 'nl') ? 'nl' : 'en';
  const t = (key: Parameters<typeof translate>[1], ...subs: (string | number)[]) => translate(lang, key, ...subs);
  const tools = (latest?.payload.tools ?? []).filter((tool) => tool.status !== 'unvetted');
  return `<!doctype html>${render(
    <Document lang={lang} title={t('publicTitle', board.name)}>
        <main id="main">
          <h1>{t('publicTitle', board.name)}</h1>
          {latest ? <p>{t('publicIntro', formatWhen(lang, latest.publishedAt, false))}</p> : <p>{t('publicNone')}</p>}
          <ul class="tool-list">
            {tools.map((tool) => (
              <li key={tool.id}>
                <strong>{tool.name}</strong> — {t(`toolStatus_${tool.status}`)}
                {tool.conditions.length > 0 ? <ul>{tool.conditions.map((c, i) => <li key={i}>{c}</li>)}</ul> : null}
                {tool.status === 'rejected' && tool.reason ? <p>{tool.reason}</p> : null}
              </li>
            ))}
          </ul>
        </main>
    </Document>,
  )}`;
}
