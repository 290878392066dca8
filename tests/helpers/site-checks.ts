/**
 * Checks over a generated public site (site/render.tsx), shared by the unit tests and usable
 * by a browser test: markup that could run or leave the site, internal links that lead nowhere,
 * and Atom that is not well-formed or lacks RFC 4287's required elements. Each check returns
 * the problems it found (empty = fine), so a test can also prove that it fires.
 */
import { createRequire } from 'node:module';

/** Elements the site's pages are made of; anything else (img, svg, iframe, style, form…) came from data. */
const ELEMENTS = new Set([
  'html', 'head', 'meta', 'title', 'link', 'script', 'body', 'a', 'header', 'nav', 'ul', 'li', 'p', 'main', 'footer',
  'h1', 'h2', 'h3', 'h4', 'section', 'div', 'span', 'strong', 'code', 'dl', 'dt', 'dd', 'details', 'summary', 'br', 'label', 'input',
]);
const ATTRIBUTES = new Set([
  'class', 'id', 'href', 'lang', 'hreflang', 'rel', 'type', 'title', 'charset', 'name', 'content', 'tabindex', 'for', 'autocomplete',
  'hidden', 'open', 'src', 'defer', 'target', 'role', 'data-search', 'data-group', 'data-template',
]);

/** Whether `href` is https:, mailto: or a relative link inside the site (no scheme, no //host). */
export function allowedHref(href: string): boolean {
  if (/^https:\/\//i.test(href) || /^mailto:/i.test(href)) return true;
  return !/^[a-z][a-z0-9+.-]*:/i.test(href.trim()) && !/^[\\/]{2}/.test(href.trim()) && !/[\u0000-\u001f]/.test(href);
}

/** Problems in one HTML page (or fragment): unknown elements or attributes, event handlers, inline or foreign scripts, bad links. */
export function markupProblems(html: string, where = 'page'): string[] {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const problems: string[] = [];
  for (const el of Array.from(doc.querySelectorAll('*'))) {
    const tag = el.tagName.toLowerCase();
    if (!ELEMENTS.has(tag)) problems.push(`${where}: element <${tag}>`);
    for (const attr of Array.from(el.attributes)) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on')) problems.push(`${where}: event handler ${name} on <${tag}>`);
      else if (!ATTRIBUTES.has(name) && !name.startsWith('aria-')) problems.push(`${where}: attribute ${name} on <${tag}>`);
    }
    if (tag === 'script' && (!/^(\.\.\/)*site\.js$/.test(el.getAttribute('src') ?? '') || el.textContent !== '')) problems.push(`${where}: a script other than site.js`);
    if (tag === 'meta' && el.hasAttribute('http-equiv')) problems.push(`${where}: meta http-equiv`);
    for (const name of ['href', 'src']) {
      const value = el.getAttribute(name);
      if (value !== null && !allowedHref(value)) problems.push(`${where}: ${name}="${value.slice(0, 80)}" on <${tag}>`);
    }
    if (tag === 'script' && el.getAttribute('src') && /^https?:|^\/\//i.test(el.getAttribute('src')!)) problems.push(`${where}: third-party script`);
    if (tag === 'link' && /^https?:|^\/\//i.test(el.getAttribute('href') ?? '')) problems.push(`${where}: third-party ${el.getAttribute('rel')} link`);
  }
  return problems;
}

/** Every relative href/src in every page resolves to a generated file, and every #fragment to an id in it. */
export function brokenLinks(files: ReadonlyMap<string, string>): string[] {
  const problems: string[] = [];
  const ids = new Map<string, Set<string>>();
  const idsOf = (path: string) => {
    let set = ids.get(path);
    if (!set) {
      const doc = new DOMParser().parseFromString(files.get(path) ?? '', 'text/html');
      set = new Set(Array.from(doc.querySelectorAll('[id]')).map((el) => el.id));
      ids.set(path, set);
    }
    return set;
  };
  for (const [path, content] of files) {
    if (!path.endsWith('.html')) continue;
    const doc = new DOMParser().parseFromString(content, 'text/html');
    for (const el of Array.from(doc.querySelectorAll('[href], [src]'))) {
      const value = el.getAttribute('href') ?? el.getAttribute('src')!;
      if (/^(https|mailto):/i.test(value)) continue;
      const url = new URL(value, `https://site.invalid/${path}`);
      if (url.host !== 'site.invalid') {
        problems.push(`${path}: ${value} leaves the site`);
        continue;
      }
      const target = url.pathname.slice(1) || 'index.html';
      if (!files.has(target)) problems.push(`${path}: ${value} → ${target} does not exist`);
      else if (url.hash && target.endsWith('.html') && !idsOf(target).has(decodeURIComponent(url.hash.slice(1)))) problems.push(`${path}: ${value} → no id ${url.hash} in ${target}`);
    }
  }
  return problems;
}

interface SaxParser {
  onerror: (error: Error) => void;
  write(text: string): SaxParser;
  close(): void;
  resume(): void;
}
const sax = createRequire(import.meta.url)('sax') as { parser(strict: boolean, options?: object): SaxParser };

/** Characters XML 1.0 cannot carry at all (not even escaped). */
const NOT_XML_CHAR = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Well-formedness errors, from a strict XML parser (sax) plus the XML 1.0 character check it skips. */
export function xmlErrors(xml: string): string[] {
  const errors: string[] = [];
  if (NOT_XML_CHAR.test(xml)) errors.push('a character XML 1.0 does not allow');
  const parser = sax.parser(true, { xmlns: true });
  parser.onerror = (error) => {
    errors.push(error.message.split('\n')[0]!);
    parser.resume();
  };
  parser.write(xml).close();
  return errors;
}

const ATOM = 'http://www.w3.org/2005/Atom';

/** RFC 4287 problems: feed id/title/updated, an author (feed or every entry), entry id/title/updated/link, dates as RFC 3339. */
export function atomProblems(xml: string): string[] {
  const problems = xmlErrors(xml);
  if (problems.length) return problems;
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  const feed = doc.documentElement;
  if (feed.localName !== 'feed' || feed.namespaceURI !== ATOM) return [`root is <${feed.tagName}> in ${feed.namespaceURI}, not an Atom feed`];
  const child = (el: Element, name: string) => Array.from(el.children).filter((c) => c.localName === name && c.namespaceURI === ATOM);
  const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
  const need = (el: Element, name: string, where: string) => {
    const found = child(el, name);
    if (found.length !== 1) problems.push(`${where}: ${found.length} <${name}> (must be exactly 1)`);
    else if (!found[0]!.textContent?.trim()) problems.push(`${where}: empty <${name}>`);
    else if (name === 'updated' && !rfc3339.test(found[0]!.textContent.trim())) problems.push(`${where}: <updated> ${found[0]!.textContent} is not an RFC 3339 date`);
  };
  for (const name of ['id', 'title', 'updated']) need(feed, name, 'feed');
  const feedAuthor = child(feed, 'author').some((a) => child(a, 'name').length === 1);
  const entries = child(feed, 'entry');
  if (entries.length === 0) problems.push('feed: no entries');
  entries.forEach((entry, i) => {
    for (const name of ['id', 'title', 'updated']) need(entry, name, `entry ${i + 1}`);
    if (!feedAuthor && !child(entry, 'author').length) problems.push(`entry ${i + 1}: no author (and the feed has none)`);
    const alternate = child(entry, 'link').filter((l) => (l.getAttribute('rel') ?? 'alternate') === 'alternate' && l.getAttribute('href'));
    if (!alternate.length && !child(entry, 'content').length) problems.push(`entry ${i + 1}: no alternate link and no content`);
  });
  return problems;
}
