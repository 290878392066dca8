/**
 * A corpus of HTML, script, URL, SVG, template and CSS injection payloads. Every payload that
 * runs calls `__xss(n)`, which the page hook in the test records.
 */
const VECTORS = [
  '<script>__xss(N)</script>', '<img src=x onerror=__xss(N)>', '<svg onload=__xss(N)>', '<iframe src="javascript:__xss(N)"></iframe>',
  '"><script>__xss(N)</script>', "'><img src=x onerror=__xss(N)>", 'javascript:__xss(N)', 'data:text/html,<script>__xss(N)</script>',
  '<a href="javascript:__xss(N)">klik</a>', "{{constructor.constructor('__xss(N)')()}}", '${__xss(N)}', "<style>@import 'javascript:__xss(N)';</style>",
  '<div style="background:url(javascript:__xss(N))">x</div>', '<math><mtext><table><mglyph><style><img src=x onerror=__xss(N)>', '<details open ontoggle=__xss(N)>',
  '<body onload=__xss(N)>', '<input autofocus onfocus=__xss(N)>', '<object data="javascript:__xss(N)"></object>', '<embed src="javascript:__xss(N)">',
  '<link rel=stylesheet href="javascript:__xss(N)">', '<meta http-equiv="refresh" content="0;url=javascript:__xss(N)">', '<svg><script>__xss(N)</script></svg>',
  '<img src="x" onerror="&#95;_xss(N)">', '<scr<script>ipt>__xss(N)</script>', '<template><img src=x onerror=__xss(N)></template>', '--><script>__xss(N)</script>',
  '<![CDATA[<script>__xss(N)</script>]]>', '<x onclick=__xss(N)>klik', '<form action="javascript:__xss(N)"><button>x</button></form>', '<svg><a xlink:href="javascript:__xss(N)"><text>x</text></a></svg>',
  '<video><source onerror=__xss(N)></video>', '<marquee onstart=__xss(N)>', '<base href="javascript:__xss(N)//">', '<style>*{background:url("//evil.example/N")}</style>',
];
const WRAPPERS = ['%', 'Tool %', '%"', "Naam ' %"];

/** At least 100 distinct payloads, each numbered. */
export function xssCorpus(): string[] {
  const out: string[] = [];
  let n = 0;
  for (const wrapper of WRAPPERS) for (const vector of VECTORS) out.push(wrapper.replace('%', vector.replace(/N/g, String(++n))));
  return out;
}
