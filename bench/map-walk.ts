/**
 * Baseline: what a competent engineer writes first. A `Map` from pattern host to its rules (most
 * specific first), and a lookup that walks the page host label by label from the full name to
 * its parent domains; the first host with a rule that applies wins. Same semantics as
 * lib/matcher: a plain pattern covers its host and every subdomain, `=host` that host only, a
 * path prefix matches whole segments; longest host first, then longest path, then `=host` before
 * a subdomain rule of the same path. (The pattern grammar has no `*.` wildcard: lib/register/pattern.ts
 * refuses `*`; a plain host already covers its subdomains.)
 */
import type { Matchable } from '../lib/matcher';
import { parsePattern, pathMatches } from '../lib/register/pattern';
import type { PageLocation } from '../lib/url';

export function buildMapWalk<T extends Matchable>(entries: readonly T[]): (location: PageLocation) => T | null {
  const byHost = new Map<string, { entry: T; exact: boolean; path: string }[]>();
  for (const entry of entries) for (const source of entry.match) {
    const parsed = parsePattern(source);
    if (!parsed.ok) continue;
    const { host, exact, path } = parsed.pattern;
    const rules = byHost.get(host) ?? byHost.set(host, []).get(host)!;
    rules.push({ entry, exact, path });
  }
  for (const rules of byHost.values()) rules.sort((a, b) => b.path.length - a.path.length || Number(b.exact) - Number(a.exact));
  return (location) => {
    const host = location.host;
    for (let at = 0; at !== -1; at = host.indexOf('.', at) + 1 || -1) {
      const rules = byHost.get(at === 0 ? host : host.slice(at));
      if (rules) for (const rule of rules) if ((at === 0 || !rule.exact) && pathMatches(rule.path, location.path)) return rule.entry;
    }
    return null;
  };
}
