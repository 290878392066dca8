/**
 * The teacher's own requests: tool, date, where each stands (queued, sending, delivered, failed
 * with the receiver's reason, the FG's status), with cancel, retry and e-mail instead. Follows
 * the outbox live while the page is open.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { formatDate } from '../lib/format';
import { formatDateTime, t, type MessageKey } from '../lib/i18n';
import type { RequestsView } from '../lib/messages';
import type { OutboxRecord } from '../lib/requests/schema';
import { sendMessage } from '../lib/send-message';

/**
 * Loads the requests and reloads them whenever the background changes the outbox. `enabled`
 * lets the popup ask only after its verdict is on screen.
 */
export function useRequests(enabled = true): [RequestsView | null, () => void] {
  const [view, setView] = useState<RequestsView | null>(null);
  const load = (refreshStatus: boolean) => void sendMessage({ type: 'listRequests', refreshStatus }).then(setView, () => undefined);
  const reload = () => load(false);
  useEffect(() => {
    if (!enabled) return undefined;
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && 'outboxRevision' in changes) reload();
    };
    // opening the page asks the receiver for the FG's latest status
    load(true);
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, [enabled]);
  return [view, reload];
}

function RequestItem({ record, onChange }: { record: OutboxRecord; onChange: () => void }) {
  const [mailto, setMailto] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const act = (request: () => Promise<unknown>) => () => void request().then(onChange, (e: Error) => setProblem(e.message));
  const canChange = record.state === 'queued' || record.state === 'failed';
  return (
    <li id={`request-${record.id}`} data-state={record.state} class={`request request-${record.state}`}>
      <strong>{record.request.tool.name}</strong>{' '}
      <span class="muted">{t('requests_on', formatDate(record.request.createdAt))}</span>
      <br />
      <span class="request-state">{t(`state_${record.state}` as MessageKey)}</span>
      {record.state === 'queued' && record.nextAttemptAt ? <span class="muted"> · {t('requests_nextTry', formatDateTime(record.nextAttemptAt))}</span> : null}
      {record.fgStatus ? (
        <span class="fg-status"> · {t('requests_fgStatus', t(`fg_${record.fgStatus.status}` as MessageKey))}{record.fgStatus.note ? `: ${record.fgStatus.note}` : ''}</span>
      ) : null}
      {record.lastError && record.state !== 'delivered' ? <p class={record.state === 'failed' ? 'error request-error' : 'muted request-error'}>{t('requests_lastError', record.lastError)}</p> : null}
      {canChange ? (
        <p class="request-actions">
          <button type="button" class="secondary" onClick={act(() => sendMessage({ type: 'retryRequest', id: record.id }))}>{t('requests_retry')}</button>{' '}
          <button type="button" class="secondary" onClick={act(() => sendMessage({ type: 'cancelRequest', id: record.id }))}>{t('requests_cancel')}</button>{' '}
          {record.state === 'failed' ? (
            <button type="button" class="secondary" onClick={() => void sendMessage({ type: 'mailtoRequest', id: record.id }).then(setMailto, (e: Error) => setProblem(e.message))}>{t('requests_email')}</button>
          ) : null}
        </p>
      ) : null}
      {mailto ? <p><a href={mailto}>{t('form_openMail')}</a></p> : null}
      {problem ? <p class="error" role="alert">{problem}</p> : null}
    </li>
  );
}

export function MyRequests({ view, onChange, hideWhenEmpty = false }: { view: RequestsView | null; onChange: () => void; hideWhenEmpty?: boolean }) {
  if (!view || (hideWhenEmpty && view.records.length === 0 && view.damaged.length === 0)) return null;
  const records = [...view.records].reverse();
  return (
    <section class="my-requests" aria-labelledby="requests-heading">
      <h2 id="requests-heading">{t('requests_heading')}</h2>
      {view.damaged.map((d) => <p key={d.key} class="warning">{t('requests_damaged', d.reason)}</p>)}
      {records.length === 0 ? <p class="muted">{t('requests_none')}</p> : (
        <ul class="requests">{records.map((record) => <RequestItem key={record.id} record={record} onChange={onChange} />)}</ul>
      )}
    </section>
  );
}
