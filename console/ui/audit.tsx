/** The audit log, newest first, and the CSV export of requests and decisions. */
import type { AuditEntry } from '../store/audit';
import { formatWhen, Layout, type PageContext } from './layout';

export function AuditPage({ page, entries }: { page: PageContext; entries: AuditEntry[] }) {
  return (
    <Layout page={page} section="audit" title={page.t('auditTitle')}>
      <h1>{page.t('auditTitle')}</h1>
      <p><a href={`${page.base}/export.csv`}>{page.t('exportCsv')}</a></p>
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
          {entries.map((e) => (
            <tr key={e.id}>
              <td data-label={page.t('colWhen')}>{formatWhen(page.lang, e.at)}</td>
              <td data-label={page.t('colWho')}>{e.actor}</td>
              <td data-label={page.t('colAction')}><code>{e.action}</code></td>
              <td data-label={page.t('colSubject')}>{e.subject}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}
