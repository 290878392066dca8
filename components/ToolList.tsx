/**
 * The options page's list of every tool in the register and the catalogue: search by name or
 * web address, filter by verdict and category; each row opens the same details as the popup.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { t, type MessageKey } from '../lib/i18n';
import type { ToolListItem } from '../lib/messages';
import { sendMessage } from '../lib/send-message';
import type { ToolView } from '../lib/tool-view';
import { VERDICT_KINDS } from '../lib/verdict-types';
import { VERDICT_POLICY } from '../lib/verdict-policy';
import { ToolDetails } from './ToolDetails';

/** Whether an item matches the search text (name, supplier, id or any pattern). */
export function matchesSearch(item: ToolListItem, query: string): boolean {
  const q = query.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/^www\./, '');
  if (q === '') return true;
  const host = q.split('/')[0] ?? q;
  return (
    item.name.toLowerCase().includes(q) ||
    (item.vendorName ?? '').toLowerCase().includes(q) ||
    item.id.includes(q) ||
    item.patterns.some((p) => {
      const pattern = p.replace(/^=/, '').toLowerCase();
      return pattern.includes(q) || host.endsWith(`.${pattern.split('/')[0]}`) || host === pattern.split('/')[0];
    })
  );
}

export function ToolList() {
  const [items, setItems] = useState<ToolListItem[] | null>(null);
  const [query, setQuery] = useState('');
  const [verdict, setVerdict] = useState('');
  const [category, setCategory] = useState('');
  const [open, setOpen] = useState<{ item: Pick<ToolListItem, 'source' | 'id'>; view: ToolView } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    sendMessage({ type: 'listTools' }).then(setItems, (error: Error) => setProblem(error.message));
  }, []);

  const categories = useMemo(() => [...new Set((items ?? []).map((i) => i.category))].sort(), [items]);
  const shown = (items ?? []).filter((item) => (!verdict || item.verdict === verdict) && (!category || item.category === category) && matchesSearch(item, query));

  const openTool = async (item: Pick<ToolListItem, 'source' | 'id'>) => {
    try {
      setOpen({ item, view: await sendMessage({ type: 'getToolView', source: item.source, id: item.id }) });
      requestAnimationFrame(() => document.getElementById('tool-panel')?.focus());
    } catch (error) {
      setProblem((error as Error).message);
    }
  };

  return (
    <section aria-labelledby="list-heading" class="tool-list">
      <h2 id="list-heading">{t('list_heading')}</h2>
      {problem ? <p role="alert">{problem}</p> : null}
      <div class="filters">
        <label for="tool-search">{t('list_search')}</label>
        <input id="tool-search" type="search" value={query} onInput={(e) => setQuery((e.target as HTMLInputElement).value)} />
        <label for="tool-verdict">{t('list_verdict')}</label>
        <select id="tool-verdict" value={verdict} onChange={(e) => setVerdict((e.target as HTMLSelectElement).value)}>
          <option value="">{t('list_all')}</option>
          {VERDICT_KINDS.filter((k) => VERDICT_POLICY[k].listFilter).map((k) => <option key={k} value={k}>{t(`verdict_${k}` as MessageKey)}</option>)}
        </select>
        <label for="tool-category">{t('list_category')}</label>
        <select id="tool-category" value={category} onChange={(e) => setCategory((e.target as HTMLSelectElement).value)}>
          <option value="">{t('list_all')}</option>
          {categories.map((c) => <option key={c} value={c}>{c}</option>)}
        </select>
      </div>
      <p role="status" id="tool-count">{items ? t('list_count', shown.length, items.length) : t('popup_loading')}</p>
      {items && shown.length === 0 ? <p>{t('list_empty')}</p> : null}
      <ul class="tools" id="tool-results">
        {shown.map((item) => (
          <li key={`${item.source}:${item.id}`} data-tool={item.id}>
            <button type="button" class="link-button" aria-label={t('list_open', item.name)} onClick={() => void openTool(item)}>{item.name}</button>{' '}
            <span class={`pill pill-${item.verdict}`}>{t(`verdict_${item.verdict}` as MessageKey)}</span>{' '}
            <span class="muted">{item.category} · {item.patterns.join(', ')} · {t(item.source === 'register' ? 'list_sourceRegister' : 'list_sourceCatalog')}</span>
          </li>
        ))}
      </ul>
      {open ? (
        <div id="tool-panel" class="tool-panel" tabIndex={-1} role="region" aria-label={open.view.verdict.tool?.name ?? open.view.verdict.catalogEntry?.name}>
          <button type="button" class="secondary" onClick={() => setOpen(null)}>{t('list_close')}</button>
          <ToolDetails view={open.view} onOpenTool={(id) => void openTool({ source: 'register', id })} />
        </div>
      ) : null}
    </section>
  );
}
