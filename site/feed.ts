/** The Atom feed: one entry per list, with its changes. */
import { createHash } from 'node:crypto';
import { formatDateTime } from '../lib/i18n';
import type { RegisterPayload } from '../lib/register/schema';
import { relativePath, langPrefix } from './paths';
import type { Ctx } from './ctx';
import { importantText, steps, statusWords } from './changes';

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
export function renderFeed(ctx: Ctx, lists: readonly RegisterPayload[]): string {
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
