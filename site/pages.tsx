/** The site's index and tool pages, in the popup's own components and words. */
import { Fragment, type ComponentChildren } from 'preact';
import { AgreementInfo } from '../components/AgreementInfo';
import { Alternatives } from '../components/Alternatives';
import { BijsluiterSheet, sheetOutsideEea } from '../components/BijsluiterSheet';
import { Conditions } from '../components/Conditions';
import { MailLink, SafeLink } from '../components/SafeLink';
import { countryName, formatDate } from '../lib/format';
import { formatDateTime, t, type MessageKey } from '../lib/i18n';
import { fgTitle, sheetFramework, toolFramework } from '../lib/register/framework';
import type { Tool } from '../lib/register/schema';
import { alternativesFor } from '../lib/tool-view';
import { verdictForTool } from '../lib/verdict';
import { VERDICT_POLICY } from '../lib/verdict-policy';
import { siteText, type SiteKey, type SiteLang } from './messages';
import { langPrefix, relativePath, STATUS_ORDER, toolPath, type Status } from './paths';
import { nodes, patternForPeople, searchText, type Ctx } from './ctx';

export function StatusLine({ status }: { status: Status }) {
  return (
    <p class={`status-line status-${status}`}>
      <span class="status-icon" aria-hidden="true">{VERDICT_POLICY[status].icon} </span>
      {t(`verdict_${status}` as MessageKey)}
    </p>
  );
}

/** The approval judged on the day the list was issued: an ended agreement or a changed sheet. */
export function ApprovalNotes({ ctx, tool }: { ctx: Ctx; tool: Tool }) {
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

export function Sites({ ctx, tool }: { ctx: Ctx; tool: Tool }) {
  return (
    <div class="sites-line">
      <span>{ctx.s('sites')}: </span>
      <ul class="sites">{tool.match.map((source, i) => <li key={i}>{patternForPeople(source)}</li>)}</ul>
    </div>
  );
}

export function Document({ ctx, title, children, withScript = false }: { ctx: Ctx; title: string; children: ComponentChildren; withScript?: boolean }) {
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

export function byName(lang: SiteLang) {
  const collator = new Intl.Collator(lang, { sensitivity: 'base', numeric: true });
  return (a: Tool, b: Tool) => collator.compare(a.name, b.name) || (a.id < b.id ? -1 : 1);
}

export function IndexTool({ ctx, tool }: { ctx: Ctx; tool: Tool }) {
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

export const groupTitle = (status: Status): SiteKey => `group_${status}`;
export const count = (ctx: Ctx, n: number) => (n === 1 ? ctx.s('toolCountOne') : ctx.s('toolCount', n));

export function IndexPage({ ctx }: { ctx: Ctx }) {
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

export function ToolPage({ ctx, tool }: { ctx: Ctx; tool: Tool }) {
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
