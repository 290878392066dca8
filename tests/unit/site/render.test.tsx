/**
 * The public site (issue 17): what each page says per status and per sheet section, both
 * languages, the "What changed" page and the Atom feed, every internal link, and the hostile
 * strings corpus through every string field into every page. Each checker has a control that
 * proves it fires.
 */
import { render } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { BijsluiterSheet } from '../../../components/BijsluiterSheet';
import { ShowWholeText } from '../../../components/ShowMore';
import { withExtensionMessages } from '../../../lib/extension-messages';
import { hostToUnicode } from '../../../lib/punycode';
import { registerPayloadSchema, type Bijsluiter, type RegisterPayload, type Tool } from '../../../lib/register/schema';
import { xmlEscape } from '../../../site/feed';
import { relativePath, SiteInputError } from '../../../site/paths';
import { renderSite } from '../../../site/render';
import { samplePayload } from '../../helpers/registers';
import { atomProblems, brokenLinks, markupProblems, xmlErrors } from '../../helpers/site-checks';
import { xssCorpus } from '../../helpers/xss-corpus';
import nl from '../../../public/_locales/nl/messages.json';
import en from '../../../public/_locales/en/messages.json';

const FINGERPRINT = 'c0ffee'.padEnd(64, '0');

const FULL_SHEET: Bijsluiter = {
  version: '3.1', date: '2025-01-15', url: 'https://vendor.example/sheet.pdf',
  product: { description: 'Online quizzes.', url: 'https://vendor.example', audience: ['PO', 'VO'], users: ['leerlingen'] },
  services: { core: ['Quizzes spelen'], optional: [{ name: 'Delen met ouders', enabled: false }] },
  type: 'informatiemiddel', purposes: ['a', 'i'],
  personalData: { categories: ['Naam'], optional: ['E-mailadres'], special: ['Gezondheid'] },
  security: { certifications: ['ISO 27001'], audits: ['TPM 2025'], storageCountries: ['IE'], processingCountries: ['IE', 'US'] },
  subprocessors: [{ name: 'Cloud Co', task: 'Hosting', country: 'US' }],
  contact: { email: 'privacy@vendor.example', phone: '+31 30 000 0000', url: 'https://vendor.example/privacy' },
};

function payload(): RegisterPayload {
  const p = samplePayload();
  p.tools[0]!.bijsluiter = FULL_SHEET;
  p.tools[0]!.vendor = { name: 'Visual Education Ltd', country: 'GB', url: 'https://wordwall.net' };
  p.tools[0]!.match = ['wordwall.net', 'xn--wordwll-4fg.net'];
  return registerPayloadSchema.parse(p);
}

const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');
const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('renderSite: the pages', () => {
  const files = renderSite({ payload: payload(), keyFingerprint: FINGERPRINT, languages: ['nl', 'en'] });

  it('writes an index, a page per tool, what changed, a feed and a snippet per language, and the two assets', () => {
    const tools = payload().tools.map((t) => t.id);
    const expected = ['site.css', 'site.js', ...['', 'en/'].flatMap((p) => [`${p}index.html`, `${p}changes.html`, `${p}feed.xml`, `${p}snippet.html`, ...tools.map((id) => `${p}tool/${id}.html`)])];
    expect([...files.keys()].sort()).toEqual(expected.sort());
    expect(parse(files.get('index.html')!).documentElement.lang).toBe('nl');
    expect(parse(files.get('en/index.html')!).documentElement.lang).toBe('en');
  });

  it('groups the tools by status, unvetted ones as "not vetted: do not use", each with name and sites on the index', () => {
    const doc = parse(files.get('en/index.html')!);
    const group = (id: string) => Array.from(doc.querySelectorAll(`section#${id} li.tool h3`)).map(text);
    expect(group('approved')).toEqual(['Formulieren', 'Oude Tool', 'Wordwall']);
    expect(group('pending')).toEqual(['Blooket']);
    expect(group('rejected')).toEqual(['TikTok']);
    expect(group('unvetted')).toEqual(['Gimkit']);
    expect(text(doc.querySelector('#unvetted-heading'))).toContain("Not vetted: do not use with pupils' data");
    // find-in-page: every tool's name and every site is text on the index
    for (const tool of payload().tools) {
      const item = doc.getElementById(`tool-${tool.id}`)!;
      expect(text(item)).toContain(tool.name);
      for (const pattern of tool.match) expect(item.getAttribute('data-search')).toContain(pattern);
    }
    // a punycode host is shown in Unicode with the punycode beside it (a look-alike shows itself)
    expect(Array.from(doc.querySelectorAll('#tool-wordwall .sites li')).map(text)).toEqual(['wordwall.net', `${hostToUnicode('xn--wordwll-4fg.net')} (xn--wordwll-4fg.net)`]);
    // group anchors in the table of contents
    expect(Array.from(doc.querySelectorAll('nav.toc a')).map((a) => a.getAttribute('href'))).toEqual(['#approved', '#pending', '#rejected', '#unvetted', 'changes.html']);
  });

  it('shows conditions for approved tools, the reason and approved alternatives for rejected ones, and calls out an ended agreement or a changed sheet', () => {
    const doc = parse(files.get('en/index.html')!);
    const wordwall = doc.getElementById('tool-wordwall')!;
    expect(text(wordwall.querySelector('.conditions'))).toContain('Leerlingen loggen in met een pseudoniem');
    expect(text(wordwall)).toContain('valid until 31 July 2027');
    expect(text(wordwall)).toContain('outside the EEA: United States');
    expect(text(wordwall)).toContain('special personal data');
    const tiktok = doc.getElementById('tool-tiktok')!;
    expect(text(tiktok)).toContain('Reason: Geen verwerkersovereenkomst mogelijk');
    expect(tiktok.querySelector('a[href="tool/wordwall.html"]')).not.toBeNull();
    expect(text(doc.getElementById('tool-oldtool'))).toContain('The agreement ended on 31 July 2026');
    expect(text(doc.getElementById('tool-forms'))).toContain('now version 2.0, signed: version 1.0');
  });

  it("a tool's page has the privacy sheet A–H open, in words, exactly as the popup renders it", () => {
    const doc = parse(files.get('en/tool/wordwall.html')!);
    for (const section of 'abcdefgh') expect(doc.getElementById(`sheet-${section}`)?.hasAttribute('open'), section).toBe(true);
    const sheet = doc.querySelector('section.sheet')!;
    expect(text(sheet)).toContain(en.purpose_a.message);
    expect(text(sheet)).toContain(en.purpose_i.message);
    expect(text(sheet)).toContain('Gezondheid');
    expect(sheet.querySelector('.special')).not.toBeNull();
    expect(text(sheet.querySelector('#outside-eea'))).toContain('United States');
    expect(text(sheet.querySelector('.subprocessors'))).toContain('Cloud Co');
    // the popup's component with the same messages gives the same text
    const popup = withExtensionMessages('en', () => render(<ShowWholeText.Provider value={true}><BijsluiterSheet sheet={FULL_SHEET} framework="convenant-4.0" /></ShowWholeText.Provider>));
    expect(text(sheet)).toBe(text(parse(popup).querySelector('section.sheet')));
    // and in Dutch
    const nlSheet = parse(files.get('tool/wordwall.html')!).querySelector('section.sheet')!;
    expect(text(nlSheet)).toContain(nl.purpose_a.message);
    expect(text(nlSheet)).toContain('buiten de EER');
  });

  it("a tool's page shows status in words, agreement dates, conditions or the reason and alternatives", () => {
    const wordwall = parse(files.get('en/tool/wordwall.html')!);
    expect(text(wordwall.querySelector('h1'))).toBe('Wordwall');
    expect(text(wordwall.querySelector('.status-line'))).toBe('✓ Approved');
    expect(text(wordwall.querySelector('#agreement-heading')!.parentElement)).toContain('1 March 2025');
    expect(text(wordwall.querySelector('#agreement-heading')!.parentElement)).toContain('31 July 2027');
    expect(text(wordwall.querySelector('.conditions'))).toContain('pseudoniem');
    const tiktok = parse(files.get('tool/tiktok.html')!);
    expect(text(tiktok.querySelector('.status-line'))).toBe('✕ Afgewezen');
    expect(text(tiktok.querySelector('.reason'))).toContain('Geen verwerkersovereenkomst mogelijk');
    expect(tiktok.querySelector('.alternatives a')?.getAttribute('href')).toBe('wordwall.html');
    expect(tiktok.querySelector('.conditions')).toBeNull();
    const gimkit = parse(files.get('en/tool/gimkit.html')!);
    expect(text(gimkit.querySelector('.status-line'))).toBe('! Not vetted');
    expect(text(gimkit.body)).toContain('The register has no privacy sheet for this tool.');
    const blooket = parse(files.get('en/tool/blooket.html')!);
    expect(text(blooket.querySelector('.status-line'))).toBe('… Being vetted');
  });

  it('has landmarks, a skip link, one h1, a language switch to the same page, and a footer with the signature facts', () => {
    for (const path of ['index.html', 'en/tool/wordwall.html', 'changes.html']) {
      const doc = parse(files.get(path)!);
      expect(doc.querySelector('a.skip-link')?.getAttribute('href')).toBe('#main');
      expect(doc.querySelectorAll('main#main')).toHaveLength(1);
      expect(doc.querySelectorAll('header')).toHaveLength(1);
      expect(doc.querySelectorAll('footer')).toHaveLength(1);
      expect(doc.querySelectorAll('h1')).toHaveLength(1);
      const ids = Array.from(doc.querySelectorAll('[id]')).map((el) => el.id);
      expect(new Set(ids).size, `${path}: ids are unique`).toBe(ids.length);
    }
    expect(parse(files.get('en/tool/wordwall.html')!).querySelector('nav.lang-switch a')?.getAttribute('href')).toBe('../../tool/wordwall.html');
    expect(parse(files.get('tool/wordwall.html')!).querySelector('nav.lang-switch a')?.getAttribute('href')).toBe('../en/tool/wordwall.html');
    const footer = text(parse(files.get('index.html')!).querySelector('footer'));
    expect(footer).toContain('ondertekend door Stichting Voorbeeld Onderwijs');
    expect(footer).toContain('lijstnummer (serial) 5');
    expect(footer).toContain(FINGERPRINT);
    expect(footer).toContain('fg@voorbeeld.example');
  });

  it('the index works without JavaScript: the filter box is hidden until site.js shows it; no inline script or style anywhere', () => {
    const doc = parse(files.get('index.html')!);
    expect(doc.getElementById('filter')?.hasAttribute('hidden')).toBe(true);
    expect(doc.querySelector('script')?.getAttribute('src')).toBe('site.js');
    for (const [path, content] of files) {
      if (!path.endsWith('.html')) continue;
      const page = parse(content);
      expect(Array.from(page.querySelectorAll('script')).every((s) => s.textContent === '' && s.hasAttribute('src')), path).toBe(true);
      expect(page.querySelectorAll('[style], style'), path).toHaveLength(0);
    }
    expect(files.get('site.css')).toContain('@media print');
    expect(files.get('site.css')).toContain(':focus-visible');
  });

  it('the filter script hides the tools that do not match and says how many are shown', () => {
    document.body.innerHTML = parse(files.get('en/index.html')!).body.innerHTML;
    new Function(files.get('site.js')!)();
    const input = document.getElementById('filter-input') as HTMLInputElement;
    expect(document.getElementById('filter')!.hidden).toBe(false);
    input.value = 'tiktok.COM';
    input.dispatchEvent(new Event('input'));
    const visible = Array.from(document.querySelectorAll<HTMLElement>('li.tool')).filter((li) => !li.hidden).map((li) => li.id);
    expect(visible).toEqual(['tool-tiktok']);
    expect(document.getElementById('filter-count')!.textContent).toBe('1 of 6 tools shown');
    expect((document.getElementById('approved') as HTMLElement).hidden).toBe(true);
    input.value = 'no such tool';
    input.dispatchEvent(new Event('input'));
    expect(document.getElementById('filter-none')!.hidden).toBe(false);
    document.body.innerHTML = '';
  });

  it('every internal link resolves to a generated file and every #fragment to an id in it', () => {
    expect(brokenLinks(files)).toEqual([]);
  });

  it('control: the link checker finds a missing page and a missing anchor', () => {
    const broken = new Map(files);
    broken.delete('tool/tiktok.html');
    broken.set('changes.html', broken.get('changes.html')!.replace('href="index.html"', 'href="index.html#nowhere"'));
    const problems = brokenLinks(broken);
    expect(problems.some((p) => p.includes('tool/tiktok.html does not exist'))).toBe(true);
    expect(problems.some((p) => p.includes('no id #nowhere'))).toBe(true);
  });

  it('the pages make no request to a third party and set no cookie', () => {
    for (const [path, content] of files) {
      if (!path.endsWith('.html')) continue;
      expect(markupProblems(content, path)).toEqual([]);
      expect(content).not.toMatch(/cookie/i);
    }
    expect(files.get('site.js')).not.toMatch(/cookie|fetch|XMLHttpRequest|localStorage/);
  });

  it('--lang en alone puts English at the root, without a language switch; an unknown language is refused', () => {
    const only = renderSite({ payload: payload(), keyFingerprint: FINGERPRINT, languages: ['en'] });
    expect([...only.keys()].some((k) => k.startsWith('nl/') || k.startsWith('en/'))).toBe(false);
    expect(parse(only.get('index.html')!).documentElement.lang).toBe('en');
    expect(parse(only.get('index.html')!).querySelector('nav.lang-switch')).toBeNull();
    const enFirst = renderSite({ payload: payload(), keyFingerprint: FINGERPRINT, languages: ['en', 'nl'] });
    expect(parse(enFirst.get('nl/index.html')!).documentElement.lang).toBe('nl');
    expect(brokenLinks(enFirst)).toEqual([]);
    expect(() => renderSite({ payload: payload(), keyFingerprint: FINGERPRINT, languages: ['de' as 'nl'] })).toThrow(SiteInputError);
    expect(() => renderSite({ payload: payload(), keyFingerprint: FINGERPRINT, baseUrl: 'http://school.example/' })).toThrow(/https/);
  });

  it('relativePath links between folders', () => {
    expect(relativePath('en/tool/a.html', 'site.css')).toBe('../../site.css');
    expect(relativePath('tool/a.html', 'en/tool/a.html')).toBe('../en/tool/a.html');
    expect(relativePath('index.html', 'tool/a.html')).toBe('tool/a.html');
    expect(relativePath('en/index.html', 'en/feed.xml')).toBe('feed.xml');
  });
});

/** The sample register a month later: a tool added and one removed, a decision changed, the sheet grown. */
function nextPayload(before: RegisterPayload): RegisterPayload {
  const next = structuredClone(before);
  next.serial = before.serial + 1;
  next.issuedAt = '2026-12-20T09:00:00Z';
  next.expiresAt = '2027-02-20T09:00:00Z';
  next.tools = next.tools.filter((t) => t.id !== 'gimkit');
  const blooket = next.tools.find((t) => t.id === 'blooket')!;
  blooket.status = 'rejected';
  blooket.reason = 'Advertenties';
  const wordwall = next.tools.find((t) => t.id === 'wordwall')!;
  wordwall.bijsluiter = {
    ...wordwall.bijsluiter,
    purposes: [...(wordwall.bijsluiter!.purposes ?? []), 'p'],
    personalData: { ...wordwall.bijsluiter!.personalData, categories: ['Naam', 'Geboortedatum'] },
    subprocessors: [...(wordwall.bijsluiter!.subprocessors ?? []), { name: 'Analytics Inc', task: 'Statistiek', country: 'US' }],
  };
  next.tools.push({ id: 'kahoot', name: 'Kahoot!', category: 'quiz', match: ['kahoot.it'], status: 'pending', conditions: [], alternatives: [] } as Tool);
  return registerPayloadSchema.parse(next);
}

describe('renderSite: what changed and the Atom feed', () => {
  const before = payload();
  const after = nextPayload(before);
  const files = renderSite({ payload: after, keyFingerprint: FINGERPRINT, previous: before, baseUrl: 'https://school.example/tools' });

  it('lists added, removed, decisions changed and the important changes (art. 13.3) in words', () => {
    const doc = parse(files.get('changes.html')!);
    const step = doc.getElementById('serial-6')!;
    const all = text(step);
    expect(all).toContain('Lijst 6');
    expect(all).toContain('vergeleken met lijst 5');
    const items = Array.from(step.querySelectorAll('li')).map(text);
    expect(items).toContain('Kahoot!: Wordt beoordeeld');
    expect(items).toContain('Gimkit (was: Niet beoordeeld)');
    expect(all).toContain('Blooket: Wordt beoordeeld → Afgewezen');
    expect(all).toContain('meer persoonsgegevens: Geboortedatum');
    expect(all).toContain(`nieuwe doelen: p (${nl.purpose_p.message})`);
    expect(all).toContain('nieuwe subverwerker: Analytics Inc (Statistiek) in Verenigde Staten (US), buiten de EER');
    expect(doc.getElementById('serial-5')).not.toBeNull();
    const english = text(parse(files.get('en/changes.html')!).getElementById('serial-6'));
    expect(english).toContain('new subprocessor: Analytics Inc (Statistiek) in United States (US), outside the EEA');
    // a removed tool is named, not linked (its page is gone)
    expect(brokenLinks(files)).toEqual([]);
  });

  it('the feed is well-formed Atom with the required elements, one entry per list, absolute ids and links with --base-url', () => {
    for (const path of ['feed.xml', 'en/feed.xml']) expect(atomProblems(files.get(path)!), path).toEqual([]);
    const feed = new DOMParser().parseFromString(files.get('en/feed.xml')!, 'application/xml');
    const entries = Array.from(feed.getElementsByTagName('entry'));
    expect(entries).toHaveLength(2);
    expect(entries[0]!.getElementsByTagName('id')[0]!.textContent).toBe('https://school.example/tools/en/changes.html#serial-6');
    expect(entries[0]!.getElementsByTagName('updated')[0]!.textContent).toBe('2026-12-20T09:00:00.000Z');
    expect(entries[0]!.getElementsByTagName('summary')[0]!.textContent).toContain('Analytics Inc');
    expect(feed.documentElement.getElementsByTagName('id')[0]!.textContent).toBe('https://school.example/tools/en/feed.xml');
    expect(Array.from(feed.getElementsByTagName('link')).find((l) => l.getAttribute('rel') === 'self')?.getAttribute('href')).toBe('https://school.example/tools/en/feed.xml');
    expect(files.get('snippet.html')).toContain('href="https://school.example/tools/index.html"');
  });

  it('without --base-url the feed id is a URN and its links are relative; without a previous list there is one entry', () => {
    const single = renderSite({ payload: before, keyFingerprint: FINGERPRINT });
    expect(atomProblems(single.get('feed.xml')!)).toEqual([]);
    const feed = new DOMParser().parseFromString(single.get('feed.xml')!, 'application/xml');
    expect(feed.getElementsByTagName('id')[0]!.textContent).toMatch(/^urn:bijsluiter:[0-9a-f]{32}:feed:nl$/);
    expect(feed.getElementsByTagName('entry')).toHaveLength(1);
    expect(text(parse(single.get('changes.html')!).querySelector('main'))).toContain('was er geen eerdere lijst');
  });

  it('with a history (the console keeps every list) there is one feed entry and one changes section per list', () => {
    const third = structuredClone(after);
    third.serial = 7;
    third.issuedAt = '2027-01-15T09:00:00Z';
    third.expiresAt = '2027-03-15T09:00:00Z';
    third.tools = third.tools.filter((t) => t.id !== 'kahoot');
    const site = renderSite({ payload: third, keyFingerprint: FINGERPRINT, history: [before, after], previous: after });
    const feed = new DOMParser().parseFromString(site.get('feed.xml')!, 'application/xml');
    expect(Array.from(feed.getElementsByTagName('entry')).map((e) => e.getElementsByTagName('link')[0]!.getAttribute('href'))).toEqual(['changes.html#serial-7', 'changes.html#serial-6', 'changes.html#serial-5']);
    expect(atomProblems(site.get('feed.xml')!)).toEqual([]);
    const changes = parse(site.get('changes.html')!);
    expect(Array.from(changes.querySelectorAll('section[id^="serial-"]')).map((el) => el.id)).toEqual(['serial-7', 'serial-6', 'serial-5']);
    expect(brokenLinks(site)).toEqual([]);
  });

  it('refuses an earlier list that is not earlier', () => {
    expect(() => renderSite({ payload: before, keyFingerprint: FINGERPRINT, previous: after })).toThrow(SiteInputError);
  });

  it('control: the Atom checks find a malformed feed, a missing element and a forbidden character', () => {
    const good = files.get('feed.xml')!;
    expect(atomProblems(good.replace('</title>', '& co</title>')).length).toBeGreaterThan(0);
    expect(atomProblems(good.replace(/<updated>[^<]*<\/updated>\n  <author>/, '<author>'))).toContain('feed: 0 <updated> (must be exactly 1)');
    expect(xmlErrors('<a>\u0001</a>')).toEqual(['a character XML 1.0 does not allow']);
    expect(xmlEscape('a\u0001<b>&"\'')).toBe('a&lt;b&gt;&amp;&quot;&apos;');
  });
});

/** Fills every free-text field of a register with strings from `corpus`, starting at `offset`. */
function hostilePayload(corpus: string[], offset: number, serial: number): RegisterPayload {
  let n = offset;
  const next = (max = 4000) => corpus[n++ % corpus.length]!.slice(0, max).trim() || 'x';
  const url = () => `https://vendor.example/${encodeURI('x')}?q=${next(200)}`;
  const statuses = ['approved', 'pending', 'rejected', 'unvetted'] as const;
  const tools = Array.from({ length: 24 }, (_, i) => ({
    id: `tool-${i}`,
    name: next(200),
    vendor: { name: next(200), country: 'US', url: url() },
    category: 'quiz',
    match: [`site${i}.example`],
    status: statuses[i % 4],
    agreement: { type: 'model-verwerkersovereenkomst', modelVersion: next(20), signedOn: '2025-01-01', validUntil: '2027-01-01', reference: next(200), bijsluiterVersion: next(40) },
    conditions: [next(), next()],
    reason: next(),
    alternatives: [`tool-${(i + 4) % 24}`],
    bijsluiter: {
      version: next(40), date: '2025-01-15', url: url(),
      product: { description: next(), url: url(), audience: ['PO'], users: [next(200)] },
      services: { core: [next()], optional: [{ name: next(), enabled: i % 2 === 0 }] },
      type: 'leermiddel', purposes: ['a'],
      personalData: { categories: [next(200)], optional: [next(200)], special: [next(200)] },
      security: { certifications: [next(200)], audits: [next(200)], storageCountries: ['US'], processingCountries: ['NL'] },
      subprocessors: [{ name: next(200), task: next(), country: 'CN' }],
      contact: { email: 'privacy@vendor.example', phone: next(40), url: url() },
    },
  }));
  return registerPayloadSchema.parse({
    format: 'bijsluiter-register/v1', serial, issuedAt: `2026-11-${10 + serial}T09:00:00Z`, expiresAt: '2027-01-20T09:00:00Z',
    publisher: { name: next(200), fg: { name: next(200), email: 'fg@voorbeeld.example', phone: next(40) }, infoUrl: url() },
    tools,
  });
}

describe('renderSite: hostile strings from the register', () => {
  const corpus = xssCorpus();
  // the previous list has other strings in every field, so the changes page and the feed carry them too
  const before = hostilePayload(corpus, 61, 1);
  const after = hostilePayload(corpus, 0, 2);
  after.tools = after.tools.slice(2);
  const files = renderSite({ payload: after, keyFingerprint: FINGERPRINT, previous: { ...before, tools: before.tools.slice(0, 22) } });

  it('puts every payload of the corpus into some field', () => {
    const all = [...files.values()].join('\n');
    // each payload ends up somewhere, escaped: its "_xss(N)" marker (or its evil.example/N URL) is in the output
    for (let i = 1; i <= corpus.length; i++) expect(all.includes(`_xss(${i})`) || all.includes(`evil.example/${i}&quot;`), `payload ${i}`).toBe(true);
  });

  it('no page gets an element, attribute, script or link from the corpus', () => {
    for (const [path, content] of files) {
      if (path.endsWith('.html')) expect(markupProblems(content, path)).toEqual([]);
    }
  });

  it('the strings are shown as text, unchanged', () => {
    const doc = parse(files.get('index.html')!);
    const tool = after.tools[0]!;
    expect(doc.getElementById(`tool-${tool.id}`)!.querySelector('h3')!.textContent).toBe(tool.name);
    expect(parse(files.get(`tool/${tool.id}.html`)!).querySelector('h1')!.textContent).toBe(tool.name);
    expect(doc.querySelector('.site-name')!.textContent).toBe(after.publisher.name);
  });

  it('every internal link still resolves', () => {
    expect(brokenLinks(files)).toEqual([]);
  });

  it('the feeds are well-formed Atom with the strings as text', () => {
    for (const path of ['feed.xml', 'en/feed.xml']) {
      expect(atomProblems(files.get(path)!), path).toEqual([]);
      const feed = new DOMParser().parseFromString(files.get(path)!, 'application/xml');
      expect(feed.getElementsByTagName('name')[0]!.textContent).toBe(after.publisher.name);
      expect(feed.getElementsByTagName('script')).toHaveLength(0);
    }
  });

  it('control characters are dropped from the feed, which stays well-formed', () => {
    const withControls = structuredClone(after);
    withControls.publisher.name = 'Stichting \u0001\u001b[31mRood\u0000';
    withControls.tools[0]!.name = 'Tool \u000b\u0008';
    const feed = renderSite({ payload: withControls, keyFingerprint: FINGERPRINT, previous: before }).get('feed.xml')!;
    expect(atomProblems(feed)).toEqual([]);
    expect(feed).toContain('Stichting [31mRood');
  });

  it('control: the markup check finds an unescaped string, an event handler and a javascript: link', () => {
    const good = files.get('index.html')!;
    const tool = after.tools[0]!;
    const heading = `<h3><a href="tool/${tool.id}.html">${render(<>{tool.name}</>)}</a></h3>`;
    expect(good).toContain(heading);
    const unescaped = good.replace(heading, `<h3><a href="tool/${tool.id}.html"><img src=x onerror=__xss(1)></a></h3>`);
    expect(markupProblems(unescaped)).toEqual(expect.arrayContaining([expect.stringContaining('element <img>'), expect.stringContaining('event handler onerror')]));
    expect(markupProblems('<p><a href="javascript:__xss(1)">x</a></p>')).toEqual([expect.stringContaining('href="javascript:')]);
    expect(markupProblems('<p><a href=" JaVaScRiPt:__xss(1)">x</a></p>')).toHaveLength(1);
    expect(markupProblems('<script>__xss(1)</script>')).toEqual([expect.stringContaining('a script other than site.js')]);
    expect(markupProblems('<link rel="stylesheet" href="https://fonts.example/x.css">')).toEqual([expect.stringContaining('third-party stylesheet')]);
  });
});
