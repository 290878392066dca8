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
import type { VNode } from 'preact';
import { render } from 'preact-render-to-string';
import { OpenSheetSections } from '../components/BijsluiterSheet';
import { ShowWholeText } from '../components/ShowMore';
import { withExtensionMessages } from '../lib/extension-messages';
import type { RegisterPayload } from '../lib/register/schema';
import { SITE_CSS, SITE_JS } from './assets';
import { siteText, type SiteLang } from './messages';
import { SiteInputError, checkLanguages, checkBaseUrl, relativePath, langPrefix, toolPath } from './paths';
import type { Ctx } from './ctx';
import { IndexPage, ToolPage } from './pages';
import { ChangesPage } from './changes';
import { Snippet } from './snippet';
import { renderFeed } from './feed';

export type { SiteLang } from './messages';

export interface SiteInput {
  payload: RegisterPayload;
  keyFingerprint: string;
  languages?: readonly SiteLang[];
  previous?: RegisterPayload;
  history?: readonly RegisterPayload[];
  baseUrl?: string;
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
