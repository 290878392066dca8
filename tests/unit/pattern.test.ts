import { describe, expect, it } from 'vitest';
import { parsePattern, pathMatches } from '../../lib/register/pattern';

describe('parsePattern', () => {
  it.each([
    ['example.com', { host: 'example.com', exact: false, path: '' }],
    ['=app.example.com', { host: 'app.example.com', exact: true, path: '' }],
    ['example.com/forms', { host: 'example.com', exact: false, path: '/forms' }],
    ['example.com/forms/', { host: 'example.com', exact: false, path: '/forms' }],
    ['EXAMPLE.com.', { host: 'example.com', exact: false, path: '' }],
    ['bücher.example', { host: 'xn--bcher-kva.example', exact: false, path: '' }],
    ['=192.168.10.4', { host: '192.168.10.4', exact: true, path: '' }],
    ['foo.github.io', { host: 'foo.github.io', exact: false, path: '' }],
    // exact IPv6 addresses, as the spec allows (they have no dots, yet are no public suffix)
    ['=[::1]', { host: '[::1]', exact: true, path: '' }],
    ['=[2001:db8::1]/app', { host: '[2001:db8::1]', exact: true, path: '/app' }],
  ])('accepts %s', (source, expected) => {
    expect(parsePattern(source)).toEqual({ ok: true, pattern: expected });
  });

  it.each([
    ['', 'empty'],
    ['com', 'public suffix'],
    ['nl', 'public suffix'],
    ['co.uk', 'public suffix'],
    ['github.io', 'public suffix'],
    ['=github.io', 'public suffix'],
    ['netlify.app/site', 'public suffix'],
    ['192.168.10.4', 'IP address'],
    ['[::1]', 'IP address'],
    // refused, not rewritten into another host
    ['%77ordwall.net', 'percent-escapes'],
    ['word\u200bwall.net', 'invisible character'],
    ['wordwall\u00ad.net', 'invisible character'],
    ['ｗｏｒｄｗａｌｌ.net', 'full-width'],
    ['wordwall\u3002net', 'full-width'],
    ['https://example.com', 'scheme'],
    ['*.example.com', 'wildcards'],
    ['example.com:8080', 'ports'],
    ['exa mple.com', 'spaces'],
    ['example..com', 'not a valid host'],
  ])('refuses %s (%s)', (source, reason) => {
    const result = parsePattern(source);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });
});

describe('pathMatches', () => {
  it('matches per path segment', () => {
    expect(pathMatches('/forms', '/forms')).toBe(true);
    expect(pathMatches('/forms', '/forms/d/123')).toBe(true);
    expect(pathMatches('/forms', '/formsx')).toBe(false);
    expect(pathMatches('/forms', '/')).toBe(false);
    expect(pathMatches('', '/anything')).toBe(true);
  });
});
