/** What every page of the site is rendered with (language, register, links, words), and small helpers its pages share. */
import type { ComponentChild } from 'preact';
import { hostForPeople, hostToUnicode } from '../lib/punycode';
import { parsePattern } from '../lib/register/pattern';
import type { RegisterPayload, Tool } from '../lib/register/schema';
import { siteText, type SiteKey, type SiteLang } from './messages';

export interface Ctx {
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
export function nodes(lang: SiteLang, key: SiteKey, ...parts: ComponentChild[]): ComponentChild[] {
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
export function searchText(tool: Tool): string {
  const parts = [tool.name, tool.vendor?.name ?? ''];
  for (const source of tool.match) {
    parts.push(source);
    const parsed = parsePattern(source);
    if (parsed.ok) parts.push(hostToUnicode(parsed.pattern.host) + parsed.pattern.path);
  }
  return [...new Set(parts.filter(Boolean))].join(' ');
}
