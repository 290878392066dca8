/**
 * The public site's two static files: the stylesheet (screen and print) and the optional filter
 * script. Both are served from the site itself, so a strict `Content-Security-Policy:
 * default-src 'self'` holds: no inline script or style anywhere. Every page works without the
 * script; with it, the index gets a filter box (the box is in the HTML, `hidden` until the
 * script shows it, so a reader without JavaScript never sees a control that does nothing).
 */

/** Text #1a1a1a, links #0b57a4, muted #4d4d4d on white: all above 7:1; warnings dark on pale. */
export const SITE_CSS = `:root { color-scheme: light; }
* { box-sizing: border-box; }
html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; font-size: 100%; line-height: 1.5; color: #1a1a1a; background: #fff; }
body { margin: 0; }
[hidden] { display: none !important; }
.visually-hidden { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
a { color: #0b57a4; text-underline-offset: 0.15em; }
a:visited { color: #5a2d91; }
a:hover { text-decoration-thickness: 2px; }
:focus-visible { outline: 3px solid #0b57a4; outline-offset: 2px; border-radius: 2px; }
.skip-link { position: absolute; left: 0.5rem; top: -3rem; background: #fff; padding: 0.5rem 1rem; border: 2px solid #0b57a4; z-index: 10; }
.skip-link:focus { top: 0.5rem; }
.site-header, main, .site-footer { max-width: 52rem; margin: 0 auto; padding: 0 1rem; }
.site-header { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: baseline; gap: 0.5rem 1rem; padding-top: 1rem; padding-bottom: 0.5rem; border-bottom: 1px solid #d0d0d0; }
.site-name { margin: 0; font-weight: 600; }
.lang-switch ul, .toc ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; }
main { padding-top: 1rem; padding-bottom: 2rem; }
main:focus { outline: none; }
h1 { font-size: 1.75rem; line-height: 1.25; margin: 0.5rem 0 1rem; }
h2 { font-size: 1.35rem; margin: 2rem 0 0.5rem; }
h3 { font-size: 1.1rem; margin: 1rem 0 0.25rem; }
h4 { font-size: 1rem; margin: 0.75rem 0 0.25rem; }
code, .fingerprint { font-family: ui-monospace, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
.long-text, .tool, .tool-page, dd, li { overflow-wrap: anywhere; }
.muted { color: #4d4d4d; }
.toc { margin: 1rem 0; padding: 0.75rem 1rem; background: #f3f5f8; border-radius: 4px; }
.toc h2 { font-size: 1rem; margin: 0 0 0.25rem; }
.filter { margin: 1rem 0; }
.filter label { display: block; font-weight: 600; }
.filter input { font: inherit; width: 100%; max-width: 30rem; padding: 0.4rem 0.5rem; border: 2px solid #4d4d4d; border-radius: 4px; }
.tools { list-style: none; margin: 0; padding: 0; }
.tool { border-top: 1px solid #d0d0d0; padding: 0.5rem 0 0.75rem; }
.tool h3 { margin-top: 0.25rem; }
.tool p, .tool ul { margin: 0.25rem 0; }
.sites-line { margin: 0.25rem 0; }
.sites { display: inline; margin: 0; padding: 0; list-style: none; }
.sites li { display: inline; }
.sites li + li::before { content: ", "; }
.status-line { font-weight: 600; }
.status-approved .status-icon { color: #1a7f37; }
.status-pending .status-icon { color: #8a5300; }
.status-rejected .status-icon, .status-unvetted .status-icon { color: #b3261e; }
.warning, .special, .conditions { background: #fff6e5; border-left: 4px solid #8a5300; padding: 0.5rem 0.75rem; margin: 0.5rem 0; }
.warning.danger, .reason { background: #fdecea; border-left: 4px solid #b3261e; padding: 0.5rem 0.75rem; margin: 0.5rem 0; }
.conditions h2 { margin-top: 0; }
.flag { color: #8a3b00; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 0.5rem 0; }
dt { font-weight: 600; }
dd { margin: 0; }
.sheet-section { border-top: 1px solid #d0d0d0; padding: 0.25rem 0; }
.sheet-section summary { cursor: pointer; }
.sheet-section summary h3 { display: inline; }
.purposes strong { display: inline-block; min-width: 1.5em; }
.changes section { margin-bottom: 1.5rem; }
.site-footer { border-top: 1px solid #d0d0d0; padding-top: 1rem; padding-bottom: 2rem; font-size: 0.9rem; }
.site-footer p { margin: 0.25rem 0; }
@media (max-width: 30rem) { dl { grid-template-columns: 1fr; } dd { margin-bottom: 0.5rem; } }
@media print {
  html { font-size: 11pt; }
  .skip-link, .lang-switch, .filter, .toc, .search-hint, .feed-link { display: none !important; }
  .site-header, main, .site-footer { max-width: none; padding: 0; }
  a { color: #000; }
  main a[href^="https:"]::after { content: " (" attr(href) ")"; font-size: 0.85em; overflow-wrap: anywhere; }
  .tool, .sheet-section, dl, li { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  details::details-content { content-visibility: visible; display: contents; }
  .warning, .special, .conditions, .reason { border-left-width: 3pt; background: none; }
}
`;

/**
 * Progressive enhancement for the index: shows the filter box and hides the tools that do not
 * match. Reads only the page's own `data-search` attributes; writes only `hidden` and the count.
 */
export const SITE_JS = `(function () {
  'use strict';
  var box = document.getElementById('filter');
  var input = document.getElementById('filter-input');
  var count = document.getElementById('filter-count');
  var none = document.getElementById('filter-none');
  if (!box || !input || !count || !none) return;
  var items = Array.prototype.slice.call(document.querySelectorAll('[data-search]'));
  var groups = Array.prototype.slice.call(document.querySelectorAll('[data-group]'));
  var template = count.getAttribute('data-template') || '$1 / $2';
  function norm(text) { return String(text).toLowerCase().normalize('NFKD').replace(/[\\u0300-\\u036f]/g, ''); }
  var haystacks = items.map(function (item) { return norm(item.getAttribute('data-search') || ''); });
  function apply() {
    var query = norm(input.value.trim());
    var shown = 0;
    items.forEach(function (item, i) {
      var hit = query === '' || haystacks[i].indexOf(query) !== -1;
      item.hidden = !hit;
      if (hit) shown++;
    });
    groups.forEach(function (group) {
      group.hidden = query !== '' && !group.querySelector('[data-search]:not([hidden])');
    });
    count.textContent = template.replace('$1', String(shown)).replace('$2', String(items.length));
    none.hidden = shown !== 0;
  }
  box.hidden = false;
  var start = new URLSearchParams(window.location.search).get('q');
  if (start) input.value = start;
  input.addEventListener('input', apply);
  apply();
})();
`;
