// @vitest-environment node
/** The popup's punycode decoder against Node's own (the reference), and the host as shown to a teacher. */
import { domainToUnicode } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hostForPeople, hostToUnicode } from '../../lib/punycode';

const written = ['wordwаll.net', 'bücher.example', 'straße.de', '中文.example', 'ἀθῆναι.gr', 'пример.рф', '😀.example', 'mañana.example', 'a-b.ü.example', 'xn--.example'.replace('xn--', 'x')];

describe('punycode', () => {
  it.each(written)('%s decodes as Node decodes it', (name) => {
    const host = new URL(`https://${name}/`).hostname;
    expect(hostToUnicode(host)).toBe(domainToUnicode(host));
  });
  it('many generated names decode as Node decodes them', () => {
    const letters = 'aäbcdeéfghijklmnoöpqrsßtuüvwxyzаеорсх中文ά';
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let n = 0; n < 500; n++) {
      const label = Array.from({ length: 1 + Math.floor(next() * 12) }, () => letters[Math.floor(next() * letters.length)]).join('');
      const host = new URL(`https://${label}.example/`).hostname;
      expect(hostToUnicode(host), host).toBe(domainToUnicode(host));
    }
  });
  it('a label that is not punycode stays as it is; an ASCII host is shown alone', () => {
    expect(hostToUnicode('xn--!!.example')).toBe('xn--!!.example');
    expect(hostForPeople('wordwall.net')).toBe('wordwall.net');
    expect(hostForPeople('xn--wordwll-6fg.net')).toBe('wordwаll.net (xn--wordwll-6fg.net)');
  });
});
