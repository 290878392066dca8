import { describe, expect, it } from 'vitest';
import { parsePattern } from '../../lib/register/pattern';
import { parsePageUrl, parsePageUrlSlowly } from '../../lib/url';
import { seededRandom } from '../../bench/synthetic';

const TRICKY = [
  'https://a.b/%7Efoo', 'https://a.b/./x', 'https://a.b/x/../y', 'https://a.b/%2e/x', 'https://a.b/x/%2E%2E/y', 'https://0x7f.1/', 'https://1.2.3.4/',
  'https://exa mple.com/', 'https://xn--bcher-kva.example/', 'https://xn--zz.example/', 'https://a.b:443/', 'https://a.b:8443/x', 'https://user@a.b/', 'https://a.b\\x',
  'https://A.B/', 'HTTPS://a.b/', 'https://a.b./', 'https://a.b../', 'https://a-.b/', 'https://-a.b/', 'https://a.b/ä', 'https://a.b/?q', 'https://a.b#f',
  'https://a.b/p?x#y', 'http://a.b/path;param', "https://a.b/it's", 'https://a.b/%', 'https://a.b/%zz', 'https://a.b//double', 'https://a.b/a/.hidden',
  'https://a.b/..a', 'https://123/', 'https://a.123/', 'https://a.b.1x/', 'https://a.b/x y', ' https://a.b/', 'https://a.b/\tx', 'https://a.b', 'https://.a.b/',
  'https://a..b/', 'https://a.b/"q"', 'https://a.b/<x>', 'https://a.b/`', 'https://a.b/{x}', 'https://a.b/|', 'https://a.b/^', 'http://a.b:80/', 'ftp://a.b/',
  'https://a_b.c/', 'https://a.b/~user/', 'https://wordwall.net/nl/create?x=1', 'https://www.tiktok.com/@user/video/1',
];

describe('fast URL parsing gives exactly what the URL parser gives', () => {
  const plain = (url: string) => {
    const location = parsePageUrl(url);
    return location && { host: location.host, path: location.path };
  };
  it.each(TRICKY)('%s', (url) => {
    expect(plain(url)).toEqual(parsePageUrlSlowly(url));
  });
  it('on 20,000 random URLs built from risky characters', () => {
    const random = seededRandom(2026);
    const pick = (chars: string, n: number) => Array.from({ length: n }, () => chars[Math.floor(random() * chars.length)]).join('');
    const hostChars = 'abcxyz019.-_XN';
    const pathChars = "abz09/.-_~%2eE!$&'()*+,;=:@ \\\"<>|{}^`é";
    for (let i = 0; i < 20_000; i++) {
      const url = `${random() < 0.5 ? 'https' : 'http'}://${pick(hostChars, 1 + Math.floor(random() * 12))}${random() < 0.8 ? pick(pathChars, Math.floor(random() * 15)) : ''}${random() < 0.2 ? '?q#f' : ''}`;
      expect(plain(url), url).toEqual(parsePageUrlSlowly(url));
    }
  });
});

describe('fast pattern parsing gives exactly what the URL-parser path gives', () => {
  it('on tricky and on 20,000 random patterns', () => {
    const random = seededRandom(7);
    const pick = (chars: string, n: number) => Array.from({ length: n }, () => chars[Math.floor(random() * chars.length)]).join('');
    const cases = ['example.com', 'EXAMPLE.com.', 'a.b/x/', 'a.b/x/./y', 'a.b/%2e', '1.2.3.4', '=1.2.3.4', 'a.0x10', 'xn--bcher-kva.example', 'a..b', '.a.b', 'a.b/ä', 'github.io', 'foo.github.io'];
    for (let i = 0; i < 20_000; i++) cases.push(`${random() < 0.2 ? '=' : ''}${pick('abz09.-AZ', 1 + Math.floor(random() * 10))}${random() < 0.5 ? pick('/abz09.-%~é', Math.floor(random() * 8)) : ''}`);
    for (const source of cases) expect(parsePattern(source), source).toEqual(parsePattern(source, true));
  });
});
