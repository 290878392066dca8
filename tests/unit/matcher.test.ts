import { describe, expect, it } from 'vitest';
import { buildMatchIndex, lookup } from '../../lib/matcher';
import { pageOrigin, parsePageUrl } from '../../lib/url';

/** Each tool with URLs that must match it and URLs that must match nothing of this list. */
const FIXTURES = [
  { id: 'wordwall', match: ['wordwall.net'], urls: ['https://wordwall.net/', 'https://www.wordwall.net/play/123', 'http://a.b.wordwall.net/x', 'https://WordWall.NET./', 'https://wordwall.net:8443/resource'] },
  { id: 'forms', match: ['docs.example.org/forms'], urls: ['https://docs.example.org/forms', 'https://docs.example.org/forms/d/e/1/viewform', 'https://eu.docs.example.org/forms/x'] },
  { id: 'docs', match: ['docs.example.org/document'], urls: ['https://docs.example.org/document/d/1'] },
  { id: 'classroom', match: ['=classroom.example.org'], urls: ['https://classroom.example.org/c/1'] },
  { id: 'example-org', match: ['example.org'], urls: ['https://example.org/', 'https://www.example.org/', 'https://docs.example.org/formsx', 'https://docs.example.org/', 'https://sub.classroom.example.org/'] },
  { id: 'idn', match: ['bücher.example'], urls: ['https://xn--bcher-kva.example/', 'https://www.bücher.example/lezen'] },
  { id: 'deep', match: ['a.example.net', 'example.net/special'], urls: ['https://a.example.net/special', 'https://x.a.example.net/'] },
  { id: 'net-root', match: ['=example.net'], urls: ['https://example.net/other'] },
  { id: 'intranet', match: ['=10.1.2.3'], urls: ['http://10.1.2.3/elo'] },
] as const;

const NOT_MATCHING = [
  'https://wordwall.net.evil.example/',
  'https://notwordwall.net/',
  'https://example.com/',
  'https://b.example.net/',
  'https://10.1.2.4/',
  'https://org/',
];

describe('matcher (cross-wise)', () => {
  const index = buildMatchIndex(FIXTURES);
  for (const fixture of FIXTURES) {
    for (const url of fixture.urls) {
      it(`${url} matches ${fixture.id} and no other`, () => {
        const location = parsePageUrl(url);
        expect(location).not.toBeNull();
        expect(lookup(index, location!)?.id).toBe(fixture.id);
      });
    }
  }
  for (const url of NOT_MATCHING) {
    it(`${url} matches nothing`, () => {
      expect(lookup(index, parsePageUrl(url)!)).toBeNull();
    });
  }

  it('prefers the longest host over a longer path, then the longest path', () => {
    const idx = buildMatchIndex([
      { id: 'path', match: ['example.com/a/b'] },
      { id: 'host', match: ['x.example.com'] },
      { id: 'short', match: ['example.com/a'] },
    ]);
    expect(lookup(idx, parsePageUrl('https://x.example.com/a/b')!)?.id).toBe('host');
    expect(lookup(idx, parsePageUrl('https://example.com/a/b/c')!)?.id).toBe('path');
    expect(lookup(idx, parsePageUrl('https://example.com/a/c')!)?.id).toBe('short');
    expect(lookup(idx, parsePageUrl('https://example.com/')!)).toBeNull();
  });
});

describe('parsePageUrl', () => {
  it('gives null for what is not an http(s) URL', () => {
    expect(parsePageUrl('chrome://extensions')).toBeNull();
    expect(parsePageUrl('about:blank')).toBeNull();
    expect(parsePageUrl('file:///etc/passwd')).toBeNull();
    expect(parsePageUrl('not a url')).toBeNull();
    expect(parsePageUrl('')).toBeNull();
  });
  it('lowercases, strips port and trailing dot, and keeps the path', () => {
    expect(parsePageUrl('HTTPS://Www.Example.COM.:444/Path/To?q=1#f')).toMatchObject({ host: 'www.example.com', path: '/Path/To' });
    expect(parsePageUrl('https://a.example/x/y?z')).toMatchObject({ host: 'a.example', path: '/x/y' });
    expect(parsePageUrl('https://a.example')?.path).toBe('/');
    expect(parsePageUrl('https://a.example/%7e/./b')?.path).toBe('/%7e/b');
    expect(pageOrigin('HTTPS://Www.Example.COM.:444/Path/To?q=1#f')).toBe('https://www.example.com:444/');
    expect(pageOrigin('https://wordwall.net/play/1?secret=1')).toBe('https://wordwall.net/');
    expect(pageOrigin('chrome://newtab')).toBeNull();
  });
});

describe('exact IPv6 patterns', () => {
  it('=[::1] matches that address and nothing else', async () => {
    const { buildMatchIndex, lookup } = await import('../../lib/matcher/index');
    const { parsePageUrl } = await import('../../lib/url');
    const index = buildMatchIndex([{ id: 'local', match: ['=[::1]'] }, { id: 'v4', match: ['=127.0.0.1'] }]);
    const at = (url: string) => lookup(index, parsePageUrl(url)!)?.id ?? null;
    expect(at('http://[::1]:8080/page')).toBe('local');
    expect(at('http://127.0.0.1/')).toBe('v4');
    expect(at('http://[::2]/')).toBeNull();
    expect(at('http://localhost/')).toBeNull();
  });
});
