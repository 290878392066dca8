/**
 * The public site for parents and teachers (issue 17): static pages generated from a verified
 * register. Pure: no file system, no clock, no network; the same input gives the same files.
 *
 *   renderSite({ payload, keyFingerprint, languages?, previous?, history?, baseUrl? })
 *     → Map<path, content>
 *
 * - `payload`: a register payload that has already been verified (acceptRegister) and so passed
 *   the schema. Nothing here checks a signature: the caller does (`bijsluiter site`, the console).
 * - `keyFingerprint`: the key id that verified it (hex SHA-256 of the raw public key), shown in
 *   every page's footer.
 * - `languages`: 'nl' and/or 'en', default ['nl', 'en']. The first is at the root (index.html),
 *   each other one under its own folder (en/index.html). Every page links to itself in the others.
 * - `previous` / `history`: earlier verified payloads of the same publisher (history oldest
 *   first; `previous` is a shorthand for a history of one). They feed the "What changed" page and
 *   the Atom feed: one entry per list, its changes against the list before (lib/register/diff.ts).
 * - `baseUrl`: where the site will be served (https, ends in /); makes the feed's ids and links
 *   and the snippet's links absolute. Without it, the feed's id is a URN and links are relative.
 *
 * Paths (per language, under its prefix): index.html, tool/ID.html, changes.html, feed.xml,
 * snippet.html; shared at the root: site.css, site.js. All internal links are relative, so the
 * folder works from any host, any sub-path (the console's /b/SLUG/) and from disk.
 *
 * Which tools: every tool of the register, grouped by status (approved, pending, rejected, and
 * unvetted as "not vetted: do not use with pupils' data"). The extension's bundled catalogue is
 * never an input. Approved tools are judged on the day the list was issued, as the popup would:
 * an ended agreement or a changed privacy sheet is called out beside the approval.
 *
 * Safety: every string from the register goes through Preact's render-to-string (escaped text
 * and attributes; no dangerouslySetInnerHTML) or xmlEscape for the feed; links to outside the
 * site are SafeLink/MailLink (https and mailto only). The privacy sheet, agreement, conditions
 * and alternatives are the popup's own components with the extension's messages, so parents read
 * exactly what teachers read.
 */
import { createHash } from 'node:crypto';
import { Fragment, type ComponentChild, type ComponentChildren, type VNode } from 'preact';
import { render } from 'preact-render-to-string';
import { AgreementInfo } from '../components/AgreementInfo';
import { Alternatives } from '../components/Alternatives';
import { BijsluiterSheet, OpenSheetSections, sheetOutsideEea } from '../components/BijsluiterSheet';
import { Conditions } from '../components/Conditions';
import { MailLink, SafeLink } from '../components/SafeLink';
import { ShowWholeText } from '../components/ShowMore';
import { withExtensionMessages } from '../lib/extension-messages';
import { schoolDay } from '../lib/dates';
import { isOutsideEea } from '../lib/eea';
import { countryName, formatDate } from '../lib/format';
import { formatDateTime, t, type MessageKey } from '../lib/i18n';
import { hostForPeople, hostToUnicode } from '../lib/punycode';
import { fgTitle, importantChangeSource, purposeMessageKey, sheetFramework, toolFramework, type Framework } from '../lib/register/framework';
import { parsePattern } from '../lib/register/pattern';
import type { RegisterPayload, Tool } from '../lib/register/schema';
import { alternativesFor } from '../lib/tool-view';
import { verdictForTool } from '../lib/verdict';
import { VERDICT_POLICY } from '../lib/verdict-policy';
import { diffPayloads, type ImportantChange, type RegisterDiff } from '../lib/register/diff';
import { SITE_CSS, SITE_JS } from './assets';
import { SITE_LANGS, siteText, type SiteKey, type SiteLang } from './messages';

export type { SiteLang } from './messages';

export interface SiteInput {
  payload: RegisterPayload;
  keyFingerprint: string;
  languages?: readonly SiteLang[];
  previous?: RegisterPayload;
  history?: readonly RegisterPayload[];
  baseUrl?: string;
}

export const STATUS_ORDER = ['approved', 'pending', 'rejected', 'unvetted'] as const;
type Status = (typeof STATUS_ORDER)[number];

/** A problem with the input (not with the register, which was verified): unsupported language, bad base URL. */
export class SiteInputError extends Error {}

/** Checks `languages`: known, no repeats, at least one. */
export function checkLanguages(languages: readonly string[]): SiteLang[] {
  if (languages.length === 0) throw new SiteInputError('at least one language is needed (nl, en)');
  const seen = new Set<string>();
  for (const lang of languages) {
    if (!(SITE_LANGS as readonly string[]).includes(lang)) throw new SiteInputError(`language "${lang.slice(0, 20)}" is not supported; use ${SITE_LANGS.join(', ')}`);
    if (seen.has(lang)) throw new SiteInputError(`language "${lang}" is given twice`);
    seen.add(lang);
  }
  return languages as SiteLang[];
}

/** The base URL with one trailing slash, or an error unless it is an absolute https URL without query or fragment. */
export function checkBaseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new SiteInputError(`base URL "${value.slice(0, 100)}" is not a URL`);
  }
  if (url.protocol !== 'https:') throw new SiteInputError(`base URL "${value.slice(0, 100)}" must start with https://`);
  if (url.search || url.hash || url.username || url.password) throw new SiteInputError(`base URL "${value.slice(0, 100)}" must be a plain https address (no query, fragment or user name)`);
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

/** A link from the page at `from` to the file at `to`, both paths from the site's root. */
export function relativePath(from: string, to: string): string {
  const fromDir = from.split('/').slice(0, -1);
  const target = to.split('/');
  let common = 0;
  while (common < fromDir.length && common < target.length - 1 && fromDir[common] === target[common]) common++;
  return '../'.repeat(fromDir.length - common) + target.slice(common).join('/');
}

const langPrefix = (languages: readonly SiteLang[], lang: SiteLang) => (lang === languages[0] ? '' : `${lang}/`);
const toolPath = (id: string) => `tool/${id}.html`;

/**
 * Whether `path` (relative to the site's folder) is a name renderSite can write: the only files
 * `bijsluiter site` ever removes as stale, whatever its manifest says.
 */
export function isGeneratedSitePath(path: string): boolean {
  return /^site\.(?:css|js)$/.test(path) || /^(?:(?:nl|en)\/)?(?:index\.html|changes\.html|feed\.xml|snippet\.html|tool\/[A-Za-z0-9][A-Za-z0-9._-]{0,100}\.html)$/.test(path);
}

interface Ctx {
  lang: SiteLang;
  languages: readonly SiteLang[];
  payload: RegisterPayload;
  keyFingerprint: string;
  issuedAt: Date;
  baseUrl: string | undefined;
  /** Path of the page being rendered, relative to this language's folder. */
  page: string;
  s: (key: SiteKey, ...subs: (string | number)[]) => string;
  /** A link from this page to `path` of this language. */
  href: (path: string) => string;
}

/** A site message with Preact nodes (links, code) for `$1`, `$2`…: text stays text. */
function nodes(lang: SiteLang, key: SiteKey, ...parts: ComponentChild[]): ComponentChild[] {
  const template = siteText(lang, key);
  return template.split(/(\$\d)/).map((piece) => (/^\$\d$/.test(piece) ? parts[Number(piece.slice(1)) - 1] ?? piece : piece));
}

/** How a pattern reads for people: Unicode host (punycode beside it) and path, without the '='. */
export function patternForPeople(source: string): string {
  const parsed = parsePattern(source);
  if (!parsed.ok) return source;
  return `${hostForPeople(parsed.pattern.host)}${parsed.pattern.path}`;
}

/** What the find box searches: name, supplier, every pattern as written and in Unicode. */
function searchText(tool: Tool): string {
  const parts = [tool.name, tool.vendor?.name ?? ''];
  for (const source of tool.match) {
    parts.push(source);
    const parsed = parsePattern(source);
    if (parsed.ok) parts.push(hostToUnicode(parsed.pattern.host) + parsed.pattern.path);
  }
  return [...new Set(parts.filter(Boolean))].join(' ');
}

function StatusLine({ status }: { status: Status }) {
  return (
    <p class={`status-line status-${status}`}>
      <span class="status-icon" aria-hidden="true">{VERDICT_POLICY[status].icon} </span>
      {t(`verdict_${status}` as MessageKey)}
    </p>
  );
}

/** The approval judged on the day the list was issued: an ended agreement or a changed sheet. */
function ApprovalNotes({ ctx, tool }: { ctx: Ctx; tool: Tool }) {
  if (tool.status !== 'approved') return null;
  const kind = verdictForTool(tool, ctx.payload, ctx.issuedAt);
  if (kind === 'expired' && tool.agreement?.validUntil) {
    return <p class="warning danger"><span aria-hidden="true">⚠ </span>{ctx.s('agreementEnded', formatDate(tool.agreement.validUntil))}</p>;
  }
  if (kind === 'changed') {
    return <p class="warning"><span aria-hidden="true">⚠ </span>{ctx.s('sheetChanged', tool.bijsluiter?.version ?? '', tool.agreement?.bijsluiterVersion ?? '')}</p>;
  }
  return null;
}

function Sites({ ctx, tool }: { ctx: Ctx; tool: Tool }) {
  return (
    <div class="sites-line">
      <span>{ctx.s('sites')}: </span>
      <ul class="sites">{tool.match.map((source, i) => <li key={i}>{patternForPeople(source)}</li>)}</ul>
    </div>
  );
}

function Document({ ctx, title, children, withScript = false }: { ctx: Ctx; title: string; children: ComponentChildren; withScript?: boolean }) {
  const here = langPrefix(ctx.languages, ctx.lang) + ctx.page;
  const asset = (name: string) => relativePath(here, name);
  const others = ctx.languages.filter((l) => l !== ctx.lang);
  const otherHref = (lang: SiteLang) => relativePath(here, langPrefix(ctx.languages, lang) + ctx.page);
  const publisher = ctx.payload.publisher;
  return (
    <html lang={ctx.lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>{title}</title>
        <link rel="stylesheet" href={asset('site.css')} />
        <link rel="alternate" type="application/atom+xml" href={ctx.href('feed.xml')} title={ctx.s('feedTitle', publisher.name)} />
        {others.map((lang) => <link key={lang} rel="alternate" hrefLang={lang} href={otherHref(lang)} />)}
        {withScript ? <script src={asset('site.js')} defer /> : null}
      </head>
      <body>
        <a class="skip-link" href="#main">{ctx.s('skipToContent')}</a>
        <header class="site-header">
          <p class="site-name">{publisher.name}</p>
          {others.length ? (
            <nav class="lang-switch" aria-label={ctx.s('langSwitch')}>
              <ul>{others.map((lang) => <li key={lang}><a href={otherHref(lang)} hrefLang={lang} lang={lang}>{siteText(lang, 'langName')}</a></li>)}</ul>
            </nav>
          ) : null}
        </header>
        <main id="main" tabIndex={-1}>{children}</main>
        <footer class="site-footer">
          <p>{nodes(ctx.lang, 'signedBy', publisher.name, formatDateTime(ctx.payload.issuedAt), String(ctx.payload.serial), <code class="fingerprint">{ctx.keyFingerprint}</code>)}</p>
          <p class="muted">{ctx.s('signedHow')}</p>
          <p>{nodes(ctx.lang, 'questions', <>{publisher.fg.name ? `${publisher.fg.name}, ` : ''}<MailLink email={publisher.fg.email} />{publisher.fg.phone ? `, ${publisher.fg.phone}` : ''}</>, fgTitle(sheetFramework(publisher, null), ctx.lang, publisher.fg.title))}</p>
          {publisher.infoUrl ? <p>{nodes(ctx.lang, 'moreInfo', <SafeLink href={publisher.infoUrl} />)}</p> : null}
          <p class="feed-link"><a href={ctx.href('changes.html')}>{ctx.s('changesLink')}</a> · <a href={ctx.href('feed.xml')} type="application/atom+xml">{ctx.s('feedLink')}</a></p>
        </footer>
      </body>
    </html>
  );
}

function byName(lang: SiteLang) {
  const collator = new Intl.Collator(lang, { sensitivity: 'base', numeric: true });
  return (a: Tool, b: Tool) => collator.compare(a.name, b.name) || (a.id < b.id ? -1 : 1);
}

function IndexTool({ ctx, tool }: { ctx: Ctx; tool: Tool }) {
  const status = tool.status as Status;
  const policy = VERDICT_POLICY[status];
  const outside = tool.bijsluiter ? sheetOutsideEea(tool.bijsluiter) : [];
  const alternatives = policy.showsAlternatives ? alternativesFor(tool.category, tool.alternatives, tool.id, ctx.payload, ctx.issuedAt) : [];
  const agreement = tool.agreement;
  return (
    <li class={`tool status-${status}`} id={`tool-${tool.id}`} data-search={searchText(tool)}>
      <h3><a href={ctx.href(toolPath(tool.id))}>{tool.name}</a></h3>
      <StatusLine status={status} />
      {tool.vendor ? <p class="muted">{ctx.s('supplier', tool.vendor.name)}</p> : null}
      <Sites ctx={ctx} tool={tool} />
      {status === 'approved' && agreement ? (
        <p>{agreement.validUntil ? ctx.s('agreementUntil', formatDate(agreement.signedOn), formatDate(agreement.validUntil)) : ctx.s('agreementSigned', formatDate(agreement.signedOn))}</p>
      ) : null}
      <ApprovalNotes ctx={ctx} tool={tool} />
      {policy.showsConditions && tool.conditions.length ? (
        <div class="conditions">
          <p><strong>{ctx.s('conditions')}</strong></p>
          <ul>{tool.conditions.map((c, i) => <li key={i}>{c}</li>)}</ul>
        </div>
      ) : null}
      {policy.showsReason && tool.reason ? <p class="reason">{ctx.s('reason', tool.reason)}</p> : null}
      {alternatives.length ? (
        <p>
          {ctx.s('instead')}:{' '}
          {alternatives.map((alt, i) => <Fragment key={alt.id}>{i ? ', ' : ''}<a href={ctx.href(toolPath(alt.id))}>{alt.name}</a></Fragment>)}
        </p>
      ) : null}
      {outside.length ? <p class="flag"><span aria-hidden="true">⚠ </span>{ctx.s('outsideEeaShort', outside.map(countryName).join(', '))}</p> : null}
      {tool.bijsluiter?.personalData?.special?.length ? <p class="flag"><span aria-hidden="true">⚠ </span>{ctx.s('specialShort')}</p> : null}
      <p><a href={ctx.href(toolPath(tool.id))}>{ctx.s('moreAbout')}<span class="visually-hidden">: {tool.name}</span></a></p>
    </li>
  );
}

const groupTitle = (status: Status): SiteKey => `group_${status}`;
const count = (ctx: Ctx, n: number) => (n === 1 ? ctx.s('toolCountOne') : ctx.s('toolCount', n));

function IndexPage({ ctx }: { ctx: Ctx }) {
  const publisher = ctx.payload.publisher;
  const sorted = [...ctx.payload.tools].sort(byName(ctx.lang));
  const groups = STATUS_ORDER.map((status) => ({ status, tools: sorted.filter((tool) => tool.status === status) }));
  const title = ctx.s('indexTitle', publisher.name);
  return (
    <Document ctx={ctx} title={title} withScript>
      <h1>{title}</h1>
      <p>{ctx.s('indexIntro', publisher.name)}</p>
      <p>{ctx.s('indexUpdated', formatDateTime(ctx.payload.issuedAt))}</p>
      <nav class="toc" aria-labelledby="toc-heading">
        <h2 id="toc-heading">{ctx.s('onThisPage')}</h2>
        <ul>
          {groups.map(({ status, tools }) => <li key={status}><a href={`#${status}`}>{ctx.s(groupTitle(status))}</a> ({count(ctx, tools.length)})</li>)}
          <li><a href={ctx.href('changes.html')}>{ctx.s('changesLink')}</a></li>
        </ul>
      </nav>
      <p class="search-hint muted">{ctx.s('searchHint')}</p>
      <div class="filter" id="filter" role="search" hidden>
        <label for="filter-input">{ctx.s('filterLabel')}</label>
        <input type="search" id="filter-input" autoComplete="off" />
        <p id="filter-count" class="muted" aria-live="polite" data-template={ctx.s('filterCount', '$1', '$2')}></p>
        <p id="filter-none" hidden>{ctx.s('filterNone')}</p>
      </div>
      {groups.map(({ status, tools }) => (
        <section key={status} id={status} aria-labelledby={`${status}-heading`} data-group={status}>
          <h2 id={`${status}-heading`}>{ctx.s(groupTitle(status))} <span class="muted">({count(ctx, tools.length)})</span></h2>
          <p>{ctx.s(`groupIntro_${status}`)}</p>
          {tools.length ? <ul class="tools">{tools.map((tool) => <IndexTool key={tool.id} ctx={ctx} tool={tool} />)}</ul> : <p class="muted">{ctx.s('groupEmpty')}</p>}
        </section>
      ))}
    </Document>
  );
}

function ToolPage({ ctx, tool }: { ctx: Ctx; tool: Tool }) {
  const status = tool.status as Status;
  const policy = VERDICT_POLICY[status];
  const alternatives = policy.showsAlternatives ? alternativesFor(tool.category, tool.alternatives, tool.id, ctx.payload, ctx.issuedAt) : [];
  return (
    <Document ctx={ctx} title={`${tool.name} · ${ctx.s('indexTitle', ctx.payload.publisher.name)}`}>
      <p><a href={ctx.href(`index.html#tool-${tool.id}`)}><span aria-hidden="true">← </span>{ctx.s('backToList')}</a></p>
      <div class="tool-page">
        <h1>{tool.name}</h1>
        <StatusLine status={status} />
        <p>{ctx.s(`statusAdvice_${status}`)}</p>
        {tool.vendor ? <p>{nodes(ctx.lang, 'supplier', <>{tool.vendor.url ? <SafeLink href={tool.vendor.url}>{tool.vendor.name}</SafeLink> : tool.vendor.name}{tool.vendor.country ? ` (${countryName(tool.vendor.country)})` : ''}</>)}</p> : null}
        <Sites ctx={ctx} tool={tool} />
        <ApprovalNotes ctx={ctx} tool={tool} />
        {policy.showsConditions ? <Conditions conditions={tool.conditions} /> : null}
        {policy.showsReason && tool.reason ? (
          <section class="reason" aria-labelledby="reason-heading">
            <h2 id="reason-heading">{t('reason_heading')}</h2>
            <p>{tool.reason}</p>
          </section>
        ) : null}
        {tool.agreement ? <AgreementInfo agreement={tool.agreement} expiresInDays={null} /> : null}
        {policy.showsAlternatives ? <Alternatives alternatives={alternatives} hrefOf={(id) => ctx.href(toolPath(id))} /> : null}
        <BijsluiterSheet sheet={tool.bijsluiter} framework={toolFramework(ctx.payload, tool)} />
      </div>
    </Document>
  );
}

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
interface Step {
  payload: RegisterPayload;
  before: RegisterPayload | null;
  diff: RegisterDiff | null;
}

function steps(lists: readonly RegisterPayload[]): Step[] {
  return lists.map((payload, i) => {
    const before = i > 0 ? lists[i - 1]! : null;
    return { payload, before, diff: before ? diffPayloads(before, payload) : null };
  }).reverse();
}

const statusWords = (status: string) => t(`verdict_${status}` as MessageKey);

function ChangeStep({ ctx, step }: { ctx: Ctx; step: Step }) {
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

function ChangesPage({ ctx, lists }: { ctx: Ctx; lists: readonly RegisterPayload[] }) {
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

function Snippet({ ctx, link }: { ctx: Ctx; link: (path: string) => string }) {
  const counts = (status: Status) => ctx.payload.tools.filter((tool) => tool.status === status).length;
  return (
    <div class="bijsluiter-snippet" lang={ctx.lang}>
      <p><strong>{ctx.s('snippetLead')}</strong></p>
      <p>{ctx.s('snippetText', ctx.payload.publisher.name, counts('approved'), counts('pending'), counts('rejected'))}</p>
      <p><a href={link('index.html')}>{ctx.s('snippetLink')}</a> {ctx.s('snippetUpdated', formatDate(schoolDay(new Date(ctx.payload.issuedAt))))}</p>
      <p><a href={link('changes.html')}>{ctx.s('changesLink')}</a> · <a href={link('feed.xml')} type="application/atom+xml">{ctx.s('feedLink')}</a></p>
    </div>
  );
}

/** Text for XML 1.0: the five special characters escaped; characters XML cannot carry (C0 controls, lone surrogates, U+FFFE/FFFF) dropped. */
export function xmlEscape(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** The RFC 4287 Atom feed of one language: one entry per list, newest first. */
function renderFeed(ctx: Ctx, lists: readonly RegisterPayload[]): string {
  const publisher = ctx.payload.publisher;
  const feedPath = langPrefix(ctx.languages, ctx.lang) + 'feed.xml';
  const absolute = (path: string) => (ctx.baseUrl ? new URL(langPrefix(ctx.languages, ctx.lang) + path, ctx.baseUrl).href : null);
  const feedId = absolute('feed.xml') ?? `urn:bijsluiter:${createHash('sha256').update(publisher.name).digest('hex').slice(0, 32)}:feed:${ctx.lang}`;
  const link = (path: string) => absolute(path) ?? relativePath(feedPath, langPrefix(ctx.languages, ctx.lang) + path);
  const entries = steps(lists).map(({ payload, diff }) => {
    const lines: string[] = [];
    if (!diff) lines.push(ctx.s('feedSummaryFirst', payload.tools.length));
    else {
      const statusChanges = diff.changed.filter((c) => c.status);
      const important = diff.changed.filter((c) => c.importantDetails.length);
      lines.push(ctx.s('feedSummaryCounts', diff.added.length, diff.removed.length, statusChanges.length, important.length));
      for (const a of diff.added) lines.push(`+ ${ctx.s('addedItem', a.name, statusWords(a.status))}`);
      for (const r of diff.removed) lines.push(`- ${ctx.s('removedItem', r.name, statusWords(r.status))}`);
      for (const c of statusChanges) lines.push(`~ ${ctx.s('statusChangeItem', c.name, statusWords(c.status![0]), statusWords(c.status![1]))}`);
      for (const c of important) for (const detail of c.importantDetails) lines.push(`! ${c.name}: ${importantText(ctx.lang, detail, c.framework)}`);
    }
    const anchor = `changes.html#serial-${payload.serial}`;
    return [
      '  <entry>',
      `    <id>${xmlEscape(absolute(anchor) ?? `${feedId}:serial:${payload.serial}`)}</id>`,
      `    <title type="text">${xmlEscape(ctx.s('feedEntryTitle', payload.serial, formatDateTime(payload.issuedAt)))}</title>`,
      `    <updated>${xmlEscape(new Date(payload.issuedAt).toISOString())}</updated>`,
      `    <link rel="alternate" type="text/html" href="${xmlEscape(link(anchor))}"/>`,
      `    <summary type="text">${xmlEscape(lines.join('\n'))}</summary>`,
      '  </entry>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${ctx.lang}">`,
    `  <id>${xmlEscape(feedId)}</id>`,
    `  <title type="text">${xmlEscape(ctx.s('feedTitle', publisher.name))}</title>`,
    `  <updated>${xmlEscape(new Date(ctx.payload.issuedAt).toISOString())}</updated>`,
    `  <author><name>${xmlEscape(publisher.name)}</name><email>${xmlEscape(publisher.fg.email)}</email></author>`,
    ...(ctx.baseUrl ? [`  <link rel="self" type="application/atom+xml" href="${xmlEscape(absolute('feed.xml')!)}"/>`] : []),
    `  <link rel="alternate" type="text/html" href="${xmlEscape(link('index.html'))}"/>`,
    `  <generator>Bijsluiter</generator>`,
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}

/** Every file of the site: path (from the site's root, '/'-separated) → content. See the module comment. */
export function renderSite(input: SiteInput): Map<string, string> {
  const languages = checkLanguages(input.languages ?? ['nl', 'en']);
  const baseUrl = input.baseUrl === undefined ? undefined : checkBaseUrl(input.baseUrl);
  const { payload } = input;
  const older = [...(input.history ?? []), ...(input.previous ? [input.previous] : [])].sort((a, b) => a.serial - b.serial);
  for (const list of older) {
    if (list.serial >= payload.serial) throw new SiteInputError(`an earlier list has serial ${list.serial}, not lower than the current list's ${payload.serial}`);
  }
  const lists = [...older.filter((list, i) => i === 0 || older[i - 1]!.serial !== list.serial), payload];
  const issuedAt = new Date(payload.issuedAt);
  const files = new Map<string, string>();
  files.set('site.css', SITE_CSS);
  files.set('site.js', SITE_JS);
  for (const lang of languages) {
    const prefix = langPrefix(languages, lang);
    const ctxFor = (page: string): Ctx => ({
      lang, languages, payload, keyFingerprint: input.keyFingerprint, issuedAt, baseUrl, page,
      s: (key, ...subs) => siteText(lang, key, ...subs),
      href: (path) => relativePath(page, path),
    });
    withExtensionMessages(lang, () => {
      const html = (node: VNode) => `<!doctype html>\n${render(<ShowWholeText.Provider value={true}><OpenSheetSections.Provider value={true}>{node}</OpenSheetSections.Provider></ShowWholeText.Provider>)}\n`;
      files.set(`${prefix}index.html`, html(<IndexPage ctx={ctxFor('index.html')} />));
      for (const tool of payload.tools) {
        const page = toolPath(tool.id);
        files.set(prefix + page, html(<ToolPage ctx={ctxFor(page)} tool={tool} />));
      }
      files.set(`${prefix}changes.html`, html(<ChangesPage ctx={ctxFor('changes.html')} lists={lists} />));
      files.set(`${prefix}feed.xml`, renderFeed(ctxFor('feed.xml'), lists));
      const snippetCtx = ctxFor('snippet.html');
      const link = (path: string) => (baseUrl ? new URL(prefix + path, baseUrl).href : path);
      files.set(`${prefix}snippet.html`, `${render(<Snippet ctx={snippetCtx} link={link} />)}\n`);
    });
  }
  return files;
}
