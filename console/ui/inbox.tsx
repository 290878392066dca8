/**
 * The inbox: new, in review, decided. Each row says which tool and site, who asked, from which
 * school, how long it has waited, and how many other requests there are for the same site.
 */
import type { RequestRow } from '../store/requests';
import { Flash, Layout, type PageContext } from './layout';
import { RequestStatus } from './status';

export type InboxTab = 'received' | 'in-review' | 'decided';

export function waitedDays(row: RequestRow, now: Date): number {
  return Math.max(0, Math.floor(((row.decidedAt ?? now).getTime() - row.receivedAt.getTime()) / 86_400_000));
}

/** "today", "1 day", "3 days". */
export function daysText(page: PageContext, days: number): string {
  return days === 0 ? page.t('today') : days === 1 ? page.t('oneDay') : page.t('days', days);
}

export function InboxPage({ page, tab, rows, counts, sameSite, now, flash }: { page: PageContext; tab: InboxTab; rows: RequestRow[]; counts: Record<InboxTab, number>; sameSite: Map<string, number>; now: Date; flash: string | null }) {
  const tabs: [InboxTab, 'tabReceived' | 'tabInReview' | 'tabDecided'][] = [['received', 'tabReceived'], ['in-review', 'tabInReview'], ['decided', 'tabDecided']];
  return (
    <Layout page={page} section="inbox" title={page.t('inboxTitle')}>
      <h1>{page.t('inboxTitle')}</h1>
      {flash ? <Flash kind="ok">{flash}</Flash> : null}
      <nav aria-label={page.t('inboxFilter')} class="tabs">
        <ul>
          {tabs.map(([key, label]) => (
            <li key={key}>
              <a href={`${page.base}/?tab=${key}`} aria-current={tab === key ? 'page' : undefined}>{page.t(label)} <span class="count">({counts[key]})</span></a>
            </li>
          ))}
        </ul>
      </nav>
      {rows.length === 0 ? (
        <p>{page.t('noRequests')}</p>
      ) : (
        <table class="list">
          <thead>
            <tr>
              <th scope="col">{page.t('colTool')}</th>
              <th scope="col">{page.t('colTeacher')}</th>
              <th scope="col">{page.t(tab === 'decided' ? 'colDecidedAfter' : 'colWaiting')}</th>
              <th scope="col">{page.t('colStatus')}</th>
              <th scope="col">{page.t('colOthers')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const body = row.body;
              const days = waitedDays(row, now);
              const others = (sameSite.get(row.toolHost) ?? 1) - 1;
              return (
                <tr key={row.requestId} data-request={row.requestId}>
                  <td data-label={page.t('colTool')}>
                    <a href={`${page.base}/requests/${row.requestId}`}>{row.toolName}</a>
                    <br />
                    <span class="muted">{row.toolHost}</span>
                  </td>
                  <td data-label={page.t('colTeacher')}>
                    {body?.requester.name ?? '–'}
                    {body?.requester.school ? <><br /><span class="muted">{body.requester.school}</span></> : null}
                  </td>
                  <td data-label={page.t(tab === 'decided' ? 'colDecidedAfter' : 'colWaiting')}>{daysText(page, days)}</td>
                  <td data-label={page.t('colStatus')}><RequestStatus page={page} status={row.status} /></td>
                  <td data-label={page.t('colOthers')}>{others === 0 ? '–' : others === 1 ? page.t('oneOtherRequest') : page.t('otherRequests', others)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </Layout>
  );
}
