/** What needs the FG's attention, each item linked to where it is fixed. */
import type { AttentionItem } from '../lib/attention';
import { formatWhen, Layout, type PageContext } from './layout';

export function attentionText(page: Pick<PageContext, 't' | 'lang'>, item: AttentionItem): string {
  switch (item.kind) {
    case 'agreement-ending':
      return item.days < 0 ? page.t('att_agreementEnded', item.name, formatWhen(page.lang, item.validUntil, false)) : page.t('att_agreementEnding', item.name, formatWhen(page.lang, item.validUntil, false), item.days);
    case 'sheet-changed':
      return page.t('att_sheetChanged', item.name, item.current, item.signed);
    case 'request-waiting':
      return page.t('att_requestWaiting', item.name, item.host, item.days);
    case 'register-expiring':
      return page.t('att_registerExpiring', item.serial, formatWhen(page.lang, item.expiresAt));
    case 'not-published':
      return page.t('att_notPublished');
  }
}

function link(page: PageContext, item: AttentionItem): string {
  switch (item.kind) {
    case 'agreement-ending':
    case 'sheet-changed':
      return `${page.base}/tools/${item.toolId}`;
    case 'request-waiting':
      return `${page.base}/requests/${item.requestId}`;
    default:
      return `${page.base}/publish`;
  }
}

export function AttentionPage({ page, items }: { page: PageContext; items: AttentionItem[] }) {
  return (
    <Layout page={page} section="attention" title={page.t('attentionTitle')}>
      <h1>{page.t('attentionTitle')}</h1>
      {items.length === 0 ? (
        <p>{page.t('attentionNone')}</p>
      ) : (
        <ul class="attention">
          {items.map((item, i) => (
            <li key={i} data-kind={item.kind}>
              <span aria-hidden="true">! </span><a href={link(page, item)}>{attentionText(page, item)}</a>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
