/**
 * Synthetic registers and URL mixes for the benchmarks, from a fixed seed so every run measures
 * the same data: tools with realistic host names (subdomain patterns, some exact hosts, some
 * path prefixes, some non-ASCII hosts) and page URLs of which 80% match nothing, some with
 * non-ASCII hosts and some that lib/url.ts must hand to `new URL`.
 */
import type { Bijsluiter, RegisterPayload, Tool } from '../lib/register/schema';

/** mulberry32: a small, fast, seeded PRNG. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = ['lea', 'rn', 'qu', 'iz', 'kla', 'sse', 'wo', 'ord', 'sch', 'ool', 'edu', 'tal', 'mat', 'hs', 'lab', 'io', 'app', 'le', 'zo', 'ra', 'ki', 'to', 'mi', 'no', 'pa', 'ge'];
const TLDS = ['com', 'nl', 'be', 'org', 'net', 'eu', 'io', 'co.uk', 'de', 'education'];

function name(random: () => number, parts = 3): string {
  let out = '';
  for (let i = 0; i < parts; i++) out += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
  return out;
}

/** Syllables with letters outside ASCII, for internationalised (IDN) host names. */
const IDN_SYLLABLES = ['bü', 'chér', 'kö', 'lå', 'ñu', 'ça', 'øy', 'zé'];

function idnName(random: () => number): string {
  return `${IDN_SYLLABLES[Math.floor(random() * IDN_SYLLABLES.length)]}${name(random, 1)}${IDN_SYLLABLES[Math.floor(random() * IDN_SYLLABLES.length)]}`;
}

/**
 * `count` patterns spread over tools of 1–3 patterns each; returns the tools. About 5% of the
 * tools have a non-ASCII (IDN) domain, written in Unicode as an FG would write it.
 */
export function syntheticTools(patternCount: number, seed = 42): Tool[] {
  const random = seededRandom(seed);
  const tools: Tool[] = [];
  let made = 0;
  while (made < patternCount) {
    const id = `t${tools.length}`;
    const label = random() < 0.05 ? idnName(random) : name(random);
    const domain = `${label}${tools.length}.${TLDS[Math.floor(random() * TLDS.length)]}`;
    const n = Math.min(patternCount - made, 1 + Math.floor(random() * 3));
    const match: string[] = [];
    for (let i = 0; i < n; i++) {
      const kind = random();
      if (i === 0 || kind < 0.6) match.push(i === 0 ? domain : `${name(random, 2)}.${domain}`);
      else if (kind < 0.8) match.push(`=${name(random, 2)}.${domain}`);
      else match.push(`${domain}/${name(random, 2)}${i}`);
    }
    made += n;
    tools.push({ id, name: `Tool ${tools.length}`, category: 'quiz', match, status: 'unvetted', conditions: [], alternatives: [] });
  }
  return tools;
}

/** How a URL of the mix was made: hit or miss, and how its host is written. */
export type UrlKind = `${'plain' | 'idn' | 'slow'}-${'hit' | 'miss'}`;

/**
 * `count` page URLs: 20% hit a tool (a subdomain of it, an `=exact` host, a path), 80% match
 * nothing. About 5% are written so that lib/url.ts must take the `new URL` slow path (a capital
 * letters in the host, a port, user info, or punycode), and about 5% more have a
 * non-ASCII host written in Unicode (which also takes the slow path; hits on an IDN tool are IDN
 * by construction). bench/matcher.ts counts the `new URL` calls to check the slow path is taken.
 */
export function syntheticUrls(tools: readonly Tool[], count: number, seed = 7): string[] {
  return syntheticUrlMix(tools, count, seed).map((u) => u.url);
}

/** `syntheticUrls` with the kind of every URL. */
export function syntheticUrlMix(tools: readonly Tool[], count: number, seed = 7): { url: string; kind: UrlKind }[] {
  const random = seededRandom(seed);
  const out: { url: string; kind: UrlKind }[] = [];
  for (let i = 0; i < count; i++) {
    const hit = random() < 0.2;
    const style = random();
    let host: string;
    let path: string;
    if (hit) {
      const tool = tools[Math.floor(random() * tools.length)]!;
      const source = tool.match[Math.floor(random() * tool.match.length)]!;
      const exact = source.startsWith('=');
      const [patternHost, ...rest] = (exact ? source.slice(1) : source).split('/');
      const sub = !exact && random() < 0.5 ? `${name(random, 1)}.` : '';
      host = `${sub}${patternHost}`;
      path = `/${rest.join('/')}${rest.length ? '/' : ''}page/${i}`;
    } else {
      host = `www.${style >= 0.05 && style < 0.1 ? idnName(random) : name(random)}-${i}.${TLDS[Math.floor(random() * TLDS.length)]}`;
      path = `/some/path/${i}`;
    }
    const slow = style < 0.05;
    const idn = /[^\x00-\x7f]/.test(host);
    if (slow) host = slowly(host, Math.floor(random() * 5));
    out.push({ url: `https://${host}${path}?q=${i}&utm=${i}`, kind: `${slow ? 'slow' : idn ? 'idn' : 'plain'}-${hit ? 'hit' : 'miss'}` });
  }
  return out;
}

/** The same host written so that lib/url.ts cannot scan it by hand and calls `new URL`. */
function slowly(host: string, way: number): string {
  if (way === 0) return host.charAt(0).toUpperCase() + host.slice(1);
  if (way === 1) return `${host}:443`;
  if (way === 2) return `user@${host}`;
  if (way === 3) return host.replace(/[^.]+$/, (tld) => tld.toUpperCase());
  return /[^\x00-\x7f]/.test(host) ? new URL(`https://${host}/`).hostname : host.toUpperCase(); // punycode
}

/** A privacy sheet with every section filled, as large as real ones. */
export function fullSheet(i: number): Bijsluiter {
  return {
    version: `${1 + (i % 5)}.0`, date: '2025-01-15', url: `https://vendor${i}.example/privacybijsluiter.pdf`,
    product: { description: 'Online oefenplatform voor rekenen en taal, met adaptieve opdrachten, rapportages voor de leerkracht en koppelingen met het leerlingvolgsysteem.', url: `https://vendor${i}.example`, audience: ['PO', 'VO'], users: ['leerlingen', 'docenten'] },
    services: { core: ['Oefenen', 'Rapportage per leerling', 'Dashboard voor de leerkracht'], optional: [{ name: 'Ouderportaal', enabled: false }, { name: 'Inloggen met SSO', enabled: true }] },
    type: 'leermiddel', purposes: ['a', 'b', 'c', 'd', 'l', 'm', 'n', 'o'],
    personalData: { categories: ['Naam', 'Klas', 'Geboortedatum', 'Antwoorden en resultaten'], optional: ['E-mailadres'], special: [] },
    security: { certifications: ['ISO 27001', 'NEN 7510'], audits: ['TPM 2025'], storageCountries: ['NL', 'IE'], processingCountries: ['NL', 'IE', 'US'] },
    subprocessors: [{ name: 'Amazon Web Services EMEA SARL', task: 'Hosting', country: 'IE' }, { name: 'Zendesk Inc.', task: 'Support', country: 'US' }],
    contact: { email: `privacy@vendor${i}.example`, phone: '+31 20 123 4567', url: `https://vendor${i}.example/privacy` },
  };
}

/** A register payload of `toolCount` approved tools with full sheets. */
export function syntheticPayload(toolCount: number, seed = 42): RegisterPayload {
  // tools have 1–3 patterns, so 3 patterns per tool always make enough tools (2 per tool did not)
  const tools = syntheticTools(toolCount * 3, seed).slice(0, toolCount).map((tool, i) => ({
    ...tool,
    status: 'approved' as const,
    vendor: { name: `Leverancier ${i} B.V.`, country: 'NL' },
    agreement: { type: 'model-verwerkersovereenkomst' as const, modelVersion: '4.0', signedOn: '2025-01-01', validUntil: '2028-01-01', reference: `VO-${i}`, bijsluiterVersion: `${1 + (i % 5)}.0` },
    conditions: ['Leerlingen loggen in met een pseudoniem'],
    bijsluiter: fullSheet(i),
  }));
  const now = Date.now();
  return {
    format: 'bijsluiter-register/v1', serial: 1,
    issuedAt: new Date(now - 3_600_000).toISOString(), expiresAt: new Date(now + 60 * 86_400_000).toISOString(),
    publisher: { name: 'Synthetisch Bestuur', fg: { email: 'fg@synthetisch.example' } },
    tools,
  };
}
