/** The audit log, newest first, a page at a time, filtered by action and date; and the CSV export of requests and decisions. */
import type { AuditEntry } from '../store/audit';
import { Flash, formatWhen, Layout, type PageContext } from './layout';

export interface AuditProps {
  page: PageContext;
  entries: AuditEntry[];
  hasMore: boolean;
  /** The page shown, from 1. */
  pageNumber: number;
  actions: string[];
  filter: { action: string; from: string; to: string };
  error: string | null;
}

export function AuditPage({ page, entries, hasMore, pageNumber: current, actions, filter, error }: AuditProps) {
  const link = (n: number) => {
    const params = new URLSearchParams();
    if (filter.action) params.set('action', filter.action);
    if (filter.from) params.set('from', filter.from);
    if (filter.to) params.set('to', filter.to);
    if (n > 1) params.set('page', String(n));
    const query = params.toString();
    return `${page.base}/audit${query ? `?${query}` : ''}`;
  };
  return (
    <Layout page={page} section="audit" title={page.t('auditTitle')}>
      <h1>{page.t('auditTitle')}</h1>
      <p><a href={`${page.base}/export.csv`}>{page.t('exportCsv')}</a></p>
      {error ? <Flash kind="error">{error}</Flash> : null}
      <form method="get" action={`${page.base}/audit`} class="search" aria-label={page.t('auditFilter')}>
        <label for="audit-action">{page.t('auditAction')}</label>
        <select id="audit-action" name="action">
          <option value="">{page.t('auditAllActions')}</option>
          {actions.map((a) => <option key={a} value={a} selected={a === filter.action}>{a}</option>)}
        </select>
        <label for="audit-from">{page.t('auditFrom')}</label>
        <input id="audit-from" name="from" type="date" value={filter.from} />
        <label for="audit-to">{page.t('auditTo')}</label>
        <input id="audit-to" name="to" type="date" value={filter.to} />
        <button type="submit">{page.t('auditFilter')}</button>
      </form>
      {entries.length === 0 ? <p>{page.t('auditNone')}</p> : (
        <table class="list">
          <thead>
            <tr>
              <th scope="col">{page.t('colWhen')}</th>
              <th scope="col">{page.t('colWho')}</th>
              <th scope="col">{page.t('colAction')}</th>
              <th scope="col">{page.t('colSubject')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => {
              const detail = (e.detail ?? {}) as { count?: number; lastAt?: string };
              return (
                <tr key={e.id}>
                  <td data-label={page.t('colWhen')}>{formatWhen(page.lang, e.at)}</td>
                  <td data-label={page.t('colWho')}>{e.actor}</td>
                  <td data-label={page.t('colAction')}><code>{e.action}</code></td>
                  <td data-label={page.t('colSubject')}>
                    {e.subject}
                    {detail.count && detail.count > 1 ? <span class="muted"> ({page.t('auditTimes', detail.count, formatWhen(page.lang, detail.lastAt ?? e.at))})</span> : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <nav aria-label={page.t('auditTitle')} class="pager">
        {current > 1 ? <a href={link(current - 1)} rel="prev">← {page.t('auditNewer')}</a> : null}{' '}
        {hasMore ? <a href={link(current + 1)} rel="next">{page.t('auditOlder')} →</a> : null}
      </nav>
    </Layout>
  );
}
