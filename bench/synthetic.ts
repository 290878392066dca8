/**
 * Synthetic registers and URL mixes for the benchmarks, from a fixed seed so every run measures
 * the same data: tools with realistic host names (subdomain patterns, some exact hosts, some
 * path prefixes) and page URLs of which 80% match nothing.
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

/** `count` patterns spread over tools of 1–3 patterns each; returns the tools. */
export function syntheticTools(patternCount: number, seed = 42): Tool[] {
  const random = seededRandom(seed);
  const tools: Tool[] = [];
  let made = 0;
  while (made < patternCount) {
    const id = `t${tools.length}`;
    const domain = `${name(random)}${tools.length}.${TLDS[Math.floor(random() * TLDS.length)]}`;
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

/** `count` page URLs: 20% hit a tool (subdomains, paths), 80% match nothing. */
export function syntheticUrls(tools: readonly Tool[], count: number, seed = 7): string[] {
  const random = seededRandom(seed);
  const urls: string[] = [];
  for (let i = 0; i < count; i++) {
    if (random() < 0.2) {
      const tool = tools[Math.floor(random() * tools.length)]!;
      const pattern = tool.match[Math.floor(random() * tool.match.length)]!.replace(/^=/, '');
      const [host, ...path] = pattern.split('/');
      const sub = random() < 0.5 ? `${name(random, 1)}.` : '';
      urls.push(`https://${pattern.startsWith('=') ? '' : sub}${host}/${path.join('/')}${path.length ? '/' : ''}page/${i}?q=${i}`);
    } else {
      urls.push(`https://www.${name(random)}-${i}.${TLDS[Math.floor(random() * TLDS.length)]}/some/path/${i}?utm=${i}`);
    }
  }
  return urls;
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
  const tools = syntheticTools(toolCount * 2, seed).slice(0, toolCount).map((tool, i) => ({
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
