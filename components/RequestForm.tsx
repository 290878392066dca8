/**
 * The form a teacher fills in to ask the FG to vet a tool. Prefilled with the tool and the
 * teacher's remembered details; validated by the background (one zod schema at the boundary),
 * whose answer names the fields to fix. Stored at once, so nothing typed here is lost.
 */
import { useRef, useState } from 'preact/hooks';
import { verdictSubject } from '../lib/badge';
import { askRequestConsent } from '../lib/data-consent';
import { formatDate } from '../lib/format';
import { t, type MessageKey } from '../lib/i18n';
import type { TabView } from '../lib/messages';
import { PERSONAL_DATA_KEYS } from '../lib/requests/personal-data';
import { sendMessage } from '../lib/send-message';
import { pageOrigin } from '../lib/url';

type Outcome = { kind: 'queued' } | { kind: 'mailto'; mailto: string } | { kind: 'duplicate'; id: string; createdAt: string };

export function RequestForm({ tab, onSubmitted }: { tab: TabView; onSubmitted: () => void }) {
  const { verdict } = tab.view;
  const context = tab.requestContext;
  const origin = pageOrigin(tab.url ?? '') ?? '';
  const [expanded, setExpanded] = useState(false);
  const [invalid, setInvalid] = useState<string[]>([]);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);

  if (!context.canSendDirectly && !context.canMail) return <p class="muted">{t('form_noFg')}</p>;
  if (context.openRequestId && !outcome && verdict.request) {
    return <p class="request-outcome">{t('form_duplicate', formatDate(verdict.request.createdAt))} <a href={`#request-${context.openRequestId}`}>{t('form_seeRequest')}</a></p>;
  }

  async function submit(event: Event) {
    event.preventDefault();
    // asked first, while the click still counts as the teacher's own gesture
    const consent = context.canSendDirectly ? askRequestConsent() : Promise.resolve(false);
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const value = (name: string) => String(data.get(name) ?? '').trim();
    const count = value('studentCount');
    const other = value('personalDataOther').split(',').map((s) => s.trim()).filter(Boolean);
    const form = {
      toolName: value('toolName'),
      pageUrl: tab.url ?? '',
      includeFullUrl: data.get('includeFullUrl') === 'on',
      registerId: verdict.tool?.id ?? null,
      catalogId: verdict.catalogEntry?.id ?? null,
      name: value('name'),
      email: value('email'),
      school: context.schoolFromPolicy ?? value('school'),
      purpose: value('purpose'),
      subject: value('subject'),
      groups: value('groups'),
      studentCount: count === '' ? null : Number(count),
      studentAge: value('studentAge'),
      // the contract's codes, whatever language the form is shown in; "other" as typed
      personalData: [...new Set([...data.getAll('personalData').map(String), ...other])],
      neededBy: value('neededBy'),
      message: value('message'),
      sendByEmail: !(await consent),
    };
    setBusy(true);
    setProblem(null);
    try {
      const result = await sendMessage({ type: 'submitRequest', form });
      if (result.kind === 'invalid') {
        setInvalid(result.fields);
        requestAnimationFrame(() => summaryRef.current?.focus());
        return;
      }
      setInvalid([]);
      setOutcome(result.kind === 'mailto' ? { kind: 'mailto', mailto: result.mailto }
        : result.kind === 'duplicate' ? { kind: 'duplicate', id: result.record.id, createdAt: result.record.request.createdAt }
        : { kind: 'queued' });
      setExpanded(false);
      onSubmitted();
    } catch (error) {
      setProblem((error as Error).message);
    } finally {
      setBusy(false);
    }
  }

  if (outcome) {
    return (
      <div class="request-outcome" role="status" id="request-outcome">
        {outcome.kind === 'queued' ? <p>{t('form_sent')}</p> : null}
        {outcome.kind === 'mailto' ? <p>{t('form_mailReady')} <a href={outcome.mailto} id="request-mailto">{t('form_openMail')}</a></p> : null}
        {outcome.kind === 'duplicate' ? <p>{t('form_duplicate', formatDate(outcome.createdAt))} <a href={`#request-${outcome.id}`}>{t('form_seeRequest')}</a></p> : null}
      </div>
    );
  }
  if (!expanded) {
    return <button type="button" id="request-open" onClick={() => setExpanded(true)}>{t('form_open')}</button>;
  }

  const field = (name: string) => ({ id: `rf-${name}`, name, 'aria-invalid': invalid.includes(name) ? true : undefined });
  const req = <span class="required"> ({t('form_required')})</span>;
  return (
    <form class="request-form" onSubmit={(e) => void submit(e)} aria-labelledby="request-heading" noValidate>
      <h2 id="request-heading">{t('form_heading')}</h2>
      <p class="muted">{t('form_intro')}</p>
      {verdict.kind === 'rejected' ? <p class="warning">{t('form_rejectedNote')}</p> : null}
      {invalid.length > 0 ? (
        <div class="error-summary" role="alert" tabIndex={-1} ref={summaryRef} id="request-errors">
          {t('form_errors', invalid.map((f) => t(`form_error_${f}` as MessageKey)).join(', '))}
        </div>
      ) : null}
      <label for="rf-toolName">{t('form_tool')}{req}</label>
      <input type="text" {...field('toolName')} defaultValue={verdictSubject(verdict)} maxLength={200} />
      <p class="muted">{t('form_site')}: {origin}</p>
      <label for="rf-name">{t('form_name')}{req}</label>
      <input type="text" {...field('name')} autoComplete="name" defaultValue={context.profile.name} maxLength={120} />
      <label for="rf-email">{t('form_email')}{req}</label>
      <input type="email" {...field('email')} autoComplete="email" defaultValue={context.profile.email} maxLength={254} />
      <label for="rf-school">{t('form_school')}</label>
      <input type="text" {...field('school')} defaultValue={context.schoolFromPolicy ?? context.profile.school} readOnly={context.schoolFromPolicy !== null} maxLength={200} />
      <label for="rf-purpose">{t('form_purpose')}{req}</label>
      <textarea {...field('purpose')} rows={2} maxLength={500} />
      <label for="rf-subject">{t('form_subject')}</label>
      <input type="text" {...field('subject')} maxLength={120} />
      <label for="rf-groups">{t('form_groups')}</label>
      <input type="text" {...field('groups')} maxLength={120} />
      <label for="rf-studentCount">{t('form_count')}</label>
      <input type="number" min={1} max={100000} step={1} {...field('studentCount')} />
      <label for="rf-studentAge">{t('form_age')}</label>
      <input type="text" {...field('studentAge')} maxLength={40} />
      <fieldset>
        <legend>{t('form_data')}</legend>
        {PERSONAL_DATA_KEYS.map((key) => (
          <label class="check" key={key}><input type="checkbox" name="personalData" value={key} /> {t(`data_${key}` as MessageKey)}</label>
        ))}
        <label for="rf-personalDataOther">{t('form_dataOther')}</label>
        <input type="text" id="rf-personalDataOther" name="personalDataOther" maxLength={300} />
      </fieldset>
      <label for="rf-neededBy">{t('form_neededBy')}</label>
      <input type="date" {...field('neededBy')} />
      <label for="rf-message">{t('form_message')}</label>
      <textarea {...field('message')} rows={3} maxLength={2000} />
      <label class="check"><input type="checkbox" name="includeFullUrl" id="rf-includeFullUrl" /> {t('form_fullUrl')}</label>
      {problem ? <p role="alert" class="error">{problem}</p> : null}
      <p>
        <button type="submit" disabled={busy}>{context.canSendDirectly ? t('form_submit') : t('form_submitMail')}</button>{' '}
        <button type="button" class="secondary" onClick={() => setExpanded(false)}>{t('form_cancel')}</button>
      </p>
    </form>
  );
}
