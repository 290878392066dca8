/** The site's inputs (languages, base address) and its paths: which files it writes and how its pages link. */
import { SITE_LANGS, type SiteLang } from './messages';


export const STATUS_ORDER = ['approved', 'pending', 'rejected', 'unvetted'] as const;
export type Status = (typeof STATUS_ORDER)[number];

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

export const langPrefix = (languages: readonly SiteLang[], lang: SiteLang) => (lang === languages[0] ? '' : `${lang}/`);
export const toolPath = (id: string) => `tool/${id}.html`;

/**
 * Whether `path` (relative to the site's folder) is a name renderSite can write: the only files
 * `bijsluiter site` ever removes as stale, whatever its manifest says.
 */
export function isGeneratedSitePath(path: string): boolean {
  return /^site\.(?:css|js)$/.test(path) || /^(?:(?:nl|en)\/)?(?:index\.html|changes\.html|feed\.xml|snippet\.html|tool\/[A-Za-z0-9][A-Za-z0-9._-]{0,100}\.html)$/.test(path);
}
