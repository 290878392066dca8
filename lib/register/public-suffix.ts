/**
 * A compact public-suffix check for the extension. The full Public Suffix List is large and
 * changes often, so the extension only needs to refuse the suffixes a register could plausibly
 * name by mistake: every single-label name (a TLD) and the shared-hosting and second-level
 * suffixes below. The FG's command-line tool checks against the full list before signing.
 */

/** Multi-label public suffixes (ICANN second levels and shared hosting), lowercase. */
const MULTI_LABEL_SUFFIXES: ReadonlySet<string> = new Set([
  // ICANN second levels seen in Dutch/Flemish school use and common elsewhere
  'co.uk', 'org.uk', 'ac.uk', 'gov.uk', 'sch.uk', 'ltd.uk', 'plc.uk', 'me.uk', 'net.uk',
  'com.au', 'edu.au', 'org.au', 'net.au', 'co.nz', 'co.za', 'co.jp', 'co.in', 'com.br',
  'com.cn', 'com.tr', 'com.mx', 'co.il', 'gv.at', 'ac.at', 'co.at', 'or.at',
  // shared hosting: approving one of these would approve every site on it
  'github.io', 'githubusercontent.com', 'gitlab.io', 'netlify.app', 'vercel.app', 'pages.dev',
  'workers.dev', 'web.app', 'firebaseapp.com', 'appspot.com', 'herokuapp.com',
  'azurewebsites.net', 'azurestaticapps.net', 'cloudfront.net', 'amazonaws.com',
  's3.amazonaws.com', 'blogspot.com', 'blogspot.nl', 'blogspot.be', 'glitch.me', 'repl.co',
  'replit.app', 'onrender.com', 'fly.dev', 'surge.sh', 'neocities.org', 'wixsite.com',
  'myshopify.com', 'ngrok.io', 'ngrok-free.app', 'codeberg.page', 'readthedocs.io',
  'streamlit.app', 'deno.dev', 'r2.dev', 'googleusercontent.com', 'translate.goog',
]);

/**
 * Whether `host` (lowercase ASCII, no trailing dot) is a public suffix: a single label such as
 * `com` or `nl`, or one of the known multi-label suffixes such as `co.uk` or `github.io`.
 */
export function isPublicSuffix(host: string): boolean {
  // an IPv6 address has no dots but is no suffix: `=[::1]` is an exact-address pattern
  if (host.startsWith('[')) return false;
  if (!host.includes('.')) return true;
  return MULTI_LABEL_SUFFIXES.has(host);
}

/** Whether `host` is an IPv4 address or a bracketed IPv6 address. */
export function isIpAddress(host: string): boolean {
  if (host.startsWith('[')) return true;
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host);
}
