/**
 * Approved tools to use instead; on the options page each opens its own details, on the public
 * site (`hrefOf`) each links to its own page.
 */
import { t } from '../lib/i18n';
import type { Alternative } from '../lib/tool-view';

export function Alternatives({ alternatives, onOpen, hrefOf }: { alternatives: readonly Alternative[]; onOpen?: (id: string) => void; hrefOf?: (id: string) => string }) {
  return (
    <section class="alternatives" aria-labelledby="alternatives-heading">
      <h2 id="alternatives-heading">{t('alternatives_heading')}</h2>
      {alternatives.length === 0 ? <p class="muted">{t('alternatives_none')}</p> : (
        <ul>
          {alternatives.map((alt) => (
            <li key={alt.id}>
              <span aria-hidden="true">✓ </span>
              {onOpen ? <button type="button" class="link-button" onClick={() => onOpen(alt.id)}>{alt.name}</button> : hrefOf ? <a href={hrefOf(alt.id)}>{alt.name}</a> : alt.name}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
