/** What changed between lists: the changes page, and the words for an important change (art. 13.3 or art. 9.2). */
import { isOutsideEea } from '../lib/eea';
import { countryName } from '../lib/format';
import { formatDateTime, t, type MessageKey } from '../lib/i18n';
import { importantChangeSource, purposeMessageKey, sheetFramework, type Framework } from '../lib/register/framework';
import type { RegisterPayload } from '../lib/register/schema';
import { diffPayloads, type ImportantChange, type RegisterDiff } from '../lib/register/diff';
import { siteText, type SiteLang } from './messages';
import { toolPath } from './paths';
import { nodes, type Ctx } from './ctx';
import { Document, count } from './pages';

/** An important change in the reader's words: purposes spelled out, countries named, outside the EEA marked. */
export function importantText(lang: SiteLang, change: ImportantChange, framework: Framework): string {
  const country = (code: string) => (isOutsideEea(code) ? siteText(lang, 'outsideEeaMark', `${countryName(code)} (${code})`) : `${countryName(code)} (${code})`);
  switch (change.kind) {
    case 'personal-data':
      return siteText(lang, 'imp_personalData', change.items.join(', '));
    case 'optional-personal-data':
      return siteText(lang, 'imp_optionalData', change.items.join(', '));
    case 'special-personal-data':
      return siteText(lang, 'imp_specialData', change.items.join(', '));
    case 'purposes':
      return siteText(lang, 'imp_purposes', change.items.map((letter) => `${letter} (${t(purposeMessageKey(framework, letter) as MessageKey)})`).join('; '));
    case 'new-subprocessor':
      return change.task ? siteText(lang, 'imp_newSubTask', change.name, change.task, country(change.country)) : siteText(lang, 'imp_newSub', change.name, country(change.country));
    case 'subprocessor-moved':
      return siteText(lang, 'imp_subMoved', change.name, country(change.from), country(change.to));
    case 'storage-country':
      return siteText(lang, 'imp_storage', country(change.country));
    case 'processing-country':
      return siteText(lang, 'imp_processing', country(change.country));
  }
}

/** One list and what changed since the one before it (none for the first). */
export interface Step {
  payload: RegisterPayload;
  before: RegisterPayload | null;
  diff: RegisterDiff | null;
}

export function steps(lists: readonly RegisterPayload[]): Step[] {
  return lists.map((payload, i) => {
    const before = i > 0 ? lists[i - 1]! : null;
    return { payload, before, diff: before ? diffPayloads(before, payload) : null };
  }).reverse();
}

export const statusWords = (status: string) => t(`verdict_${status}` as MessageKey);

export function ChangeStep({ ctx, step }: { ctx: Ctx; step: Step }) {
  const { payload, before, diff } = step;
  const current = new Set(ctx.payload.tools.map((tool) => tool.id));
  // a tool named in an older step may be gone now: no link to a page that does not exist
  const name = (id: string, text: string) => (current.has(id) ? <a href={ctx.href(toolPath(id))}>{text}</a> : <>{text}</>);
  const heading = before
    ? ctx.s('changesBetween', payload.serial, formatDateTime(payload.issuedAt), before.serial, formatDateTime(before.issuedAt))
    : ctx.s('changesFirst', payload.serial, formatDateTime(payload.issuedAt));
  const statusChanges = diff?.changed.filter((c) => c.status) ?? [];
  const important = diff?.changed.filter((c) => c.importantDetails.length) ?? [];
  const other = diff?.changed.filter((c) => !c.status && !c.importantDetails.length && c.other.length) ?? [];
  const nothing = diff && !diff.added.length && !diff.removed.length && !statusChanges.length && !important.length && !other.length;
  const id = `serial-${payload.serial}`;
  return (
    <section id={id} aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{heading}</h2>
      {!diff ? <p>{count(ctx, payload.tools.length)}</p> : null}
      {nothing ? <p>{ctx.s('changesNone')}</p> : null}
      {diff?.added.length ? (
        <><h3>{ctx.s('added')}</h3><ul>{diff.added.map((a) => <li key={a.id}>{nodes(ctx.lang, 'addedItem', name(a.id, a.name), statusWords(a.status))}</li>)}</ul></>
      ) : null}
      {diff?.removed.length ? (
        <><h3>{ctx.s('removed')}</h3><ul>{diff.removed.map((r) => <li key={r.id}>{ctx.s('removedItem', r.name, statusWords(r.status))}</li>)}</ul></>
      ) : null}
      {statusChanges.length ? (
        <><h3>{ctx.s('statusChanges')}</h3><ul>{statusChanges.map((c) => <li key={c.id}>{nodes(ctx.lang, 'statusChangeItem', name(c.id, c.name), statusWords(c.status![0]), statusWords(c.status![1]))}</li>)}</ul></>
      ) : null}
      {important.length ? (
        <div class="important">
          <h3><span aria-hidden="true">⚠ </span>{ctx.s('importantChanges', [...new Set(important.map((c) => c.article))].join(', '))}</h3>
          <p>{ctx.s('importantIntro')}</p>
          {important.map((c) => (
            <div key={c.id}>
              <h4>{name(c.id, c.name)}</h4>
              <ul>{c.importantDetails.map((detail, i) => <li key={i}>{importantText(ctx.lang, detail, c.framework)}</li>)}</ul>
            </div>
          ))}
        </div>
      ) : null}
      {other.length ? (
        <><h3>{ctx.s('otherChanges')}</h3><ul>{other.map((c) => <li key={c.id}>{name(c.id, c.name)}</li>)}</ul></>
      ) : null}
    </section>
  );
}

export function ChangesPage({ ctx, lists }: { ctx: Ctx; lists: readonly RegisterPayload[] }) {
  const title = ctx.s('changesTitle', ctx.payload.publisher.name);
  return (
    <Document ctx={ctx} title={title}>
      <p><a href={ctx.href('index.html')}><span aria-hidden="true">← </span>{ctx.s('backToList')}</a></p>
      <div class="changes">
        <h1>{title}</h1>
        <p>{ctx.s('changesIntro', importantChangeSource(sheetFramework(ctx.payload.publisher, null), ctx.lang))}</p>
        {lists.length === 1 ? <p>{ctx.s('changesNoPrevious', ctx.payload.serial, formatDateTime(ctx.payload.issuedAt))}</p> : null}
        <p><a href={ctx.href('feed.xml')} type="application/atom+xml">{ctx.s('feedLink')}</a></p>
        {steps(lists).map((step) => <ChangeStep key={step.payload.serial} ctx={ctx} step={step} />)}
      </div>
    </Document>
  );
}
