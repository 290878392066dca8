/**
 * One request: everything the teacher sent (as text, never as HTML), what the register knows
 * about the site, the other requests for it, and the decision form with the tool record.
 */
import type { Problem } from '../../lib/register/lint';
import type { Tool } from '../../lib/register/schema';
import { extensionMessageSource } from '../../lib/extension-messages';
import { personalDataLabel, personalDataMessageKey } from '../../lib/requests/personal-data';
import type { ToolForm } from '../lib/tool-form';
import type { RequestRow } from '../store/requests';
import { daysText, waitedDays } from './inbox';
import { BijsluiterSheet } from '../../components/BijsluiterSheet';
import { sheetFramework } from '../../lib/register/framework';
import { Csrf, Flash, formatWhen, Layout, type PageContext } from './layout';
import { RequestStatus, ToolStatus } from './status';
import { ProblemList, ToolFields } from './tool-fields';

function Row({ label, value, page }: { label: string; value: string | number | null | undefined; page: PageContext }) {
  const given = value !== null && value !== undefined && value !== '';
  return (
    <>
      <dt>{label}</dt>
      <dd class={given ? undefined : 'muted'}>{given ? String(value) : page.t('notGiven')}</dd>
    </>
  );
}

/** The request's personalData in the FG's language, in the extension's words for each code; free text as the teacher typed it. */
export function personalDataText(page: PageContext, values: readonly string[]): string {
  const words = extensionMessageSource(page.lang);
  return values.map((value) => personalDataLabel(value, (code) => words.getMessage(personalDataMessageKey(code), []))).join(', ');
}

export interface RequestPageProps {
  page: PageContext;
  row: RequestRow;
  matched: Tool | null;
  others: RequestRow[];
  form: ToolForm;
  decision: { status: string; note: string; withTool: boolean };
  problems: Problem[];
  error: string | null;
  flash: string | null;
  now: Date;
}

export function RequestPage({ page, row, matched, others, form, decision, problems, error, flash, now }: RequestPageProps) {
  const body = row.body;
  const days = waitedDays(row, now);
  const title = page.t('requestTitle', row.toolName);
  const failed = Boolean(error) || problems.some((p) => p.level === 'error');
  return (
    <Layout page={page} section="inbox" title={failed ? `${page.t('errorTitle')}: ${title}` : flash ? `${flash} ${title}` : title}>
      <h1>{title}</h1>
      <p>
        <RequestStatus page={page} status={row.status} /> · {page.t('requestReceived', formatWhen(page.lang, row.receivedAt))} · {page.t('colWaiting')}: {daysText(page, days)}
      </p>
      {flash ? <Flash kind="ok">{flash}</Flash> : null}
      {error ? <Flash kind="error" focus>{error}</Flash> : null}
      <ProblemList page={page} problems={problems} prefix="tool-" />
      <section aria-labelledby="sent">
        <h2 id="sent">{page.t('whatTheTeacherSent')}</h2>
        {body ? (
          <dl class="facts">
            <Row page={page} label={page.t('fieldTool')} value={body.tool.name} />
            <Row page={page} label={page.t('fieldAddress')} value={body.tool.url} />
            <Row page={page} label={page.t('fieldTeacher')} value={`${body.requester.name} <${body.requester.email}>`} />
            <Row page={page} label={page.t('fieldSchool')} value={body.requester.school} />
            <Row page={page} label={page.t('fieldPurpose')} value={body.use.purpose} />
            <Row page={page} label={page.t('fieldSubject')} value={body.use.subject} />
            <Row page={page} label={page.t('fieldGroups')} value={body.use.groups} />
            <Row page={page} label={page.t('fieldStudentCount')} value={body.use.studentCount} />
            <Row page={page} label={page.t('fieldStudentAge')} value={body.use.studentAge} />
            <Row page={page} label={page.t('fieldPersonalData')} value={personalDataText(page, body.use.personalData)} />
            <Row page={page} label={page.t('fieldNeededBy')} value={body.use.neededBy ? formatWhen(page.lang, body.use.neededBy, false) : ''} />
            <Row page={page} label={page.t('fieldMessage')} value={body.message} />
            <Row page={page} label={page.t('fieldClient')} value={`${body.client.browser} ${body.client.extensionVersion}${body.client.registerSerial ? `, register ${body.client.registerSerial}` : ''}`} />
          </dl>
        ) : (
          <>
            <dl class="facts">
              <Row page={page} label={page.t('fieldTool')} value={row.toolName} />
              <Row page={page} label={page.t('fieldAddress')} value={row.toolHost} />
            </dl>
            <p class="muted">{page.t('personalDataRemoved', formatWhen(page.lang, row.redactedAt))}</p>
          </>
        )}
      </section>
      <section aria-labelledby="register">
        <h2 id="register">{page.t('registerKnows')}</h2>
        {matched ? (
          <p>
            {page.t('registerKnowsTool', matched.name)} <ToolStatus page={page} status={matched.status} /> · <a href={`${page.base}/tools/${matched.id}`}>{page.t('editTool', matched.name)}</a>
          </p>
        ) : (
          <p>{page.t('registerDoesNotKnow')}</p>
        )}
      </section>
      {/* the privacy sheet the register holds for this tool, with the extension's own component and words */}
      {/* a board names no framework of its own (yet): the sheet's, else the Convenant */}
      {matched ? <BijsluiterSheet sheet={matched.bijsluiter} framework={sheetFramework(null, matched.bijsluiter)} /> : null}
      <section aria-labelledby="others">
        <h2 id="others">{page.t('earlierRequests')}</h2>
        {others.length === 0 ? (
          <p>{page.t('noEarlierRequests')}</p>
        ) : (
          <ul>
            {others.map((o) => (
              <li key={o.requestId}>
                <a href={`${page.base}/requests/${o.requestId}`}>{formatWhen(page.lang, o.receivedAt)}</a>: {o.body?.requester.name ?? '–'}, <RequestStatus page={page} status={o.status} />
                {o.note ? <> — {o.note}</> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="decision">
        <h2 id="decision">{page.t('decisionTitle')}</h2>
        {page.canEdit ? (
          <form method="post" action={`${page.base}/requests/${row.requestId}/decision`} class="stack" noValidate>
            <Csrf page={page} />
            <fieldset class="choices">
              <legend>{page.t('decisionStatus')}</legend>
              {(['in-review', 'approved', 'rejected'] as const).map((s) => (
                <label key={s} for={`decision-${s}`} class="choice">
                  <input type="radio" id={`decision-${s}`} name="decision" value={s} checked={decision.status === s} required /> {page.t(`status_${s}`)}
                </label>
              ))}
            </fieldset>
            <label for="note">{page.t('decisionNote')}</label>
            <textarea id="note" name="note" rows={3} maxLength={2000}>{decision.note}</textarea>
            <h3>{page.t('toolRecord')}</h3>
            <label for="withTool" class="choice">
              <input type="checkbox" id="withTool" name="withTool" value="1" checked={decision.withTool} aria-describedby="withTool-hint" /> {page.t('decisionWithTool')}
            </label>
            <p id="withTool-hint" class="muted">{page.t('toolFieldsCount')}</p>
            <ToolFields page={page} form={form} prefix="tool-" problems={problems} />
            <button type="submit">{page.t('decisionSave')}</button>
          </form>
        ) : (
          <p>{page.t('readOnly')}</p>
        )}
      </section>
    </Layout>
  );
}
