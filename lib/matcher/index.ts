/**
 * The URL matcher: an index built once per register (or catalogue) so that a lookup costs one
 * hash probe per label of the page's host, never a scan of the list.
 *
 * Index: host → rules on that host, each rule ordered by specificity (longest path first, an
 * exact `=host` rule before a subdomain rule of the same path). A lookup walks the page host
 * from the full name towards its parent domains; the first host with a matching rule wins, which
 * is the spec's "longest matching host, then the longest path".
 */
import { parsePattern, pathMatches } from '../register/pattern';
import type { PageLocation } from '../url';

/** Anything that has match patterns: a register tool or a catalogue entry. */
export interface Matchable {
  match: readonly string[];
}

interface Rule {
  /** Index of the entry in the list the index was built from. */
  entry: number;
  exact: boolean;
  path: string;
}

/** A built index over a list of entries. */
export interface MatchIndex<T extends Matchable> {
  readonly entries: readonly T[];
  readonly byHost: ReadonlyMap<string, readonly Rule[]>;
}

/** Builds the index. Patterns that do not parse are skipped (schemas refuse them before this). */
export function buildMatchIndex<T extends Matchable>(entries: readonly T[]): MatchIndex<T> {
  const byHost = new Map<string, Rule[]>();
  entries.forEach((entry, index) => {
    for (const source of entry.match) {
      const parsed = parsePattern(source);
      if (!parsed.ok) continue;
      const { host, exact, path } = parsed.pattern;
      const rules = byHost.get(host);
      const rule: Rule = { entry: index, exact, path };
      if (rules) rules.push(rule);
      else byHost.set(host, [rule]);
    }
  });
  for (const rules of byHost.values()) {
    if (rules.length > 1) rules.sort(bySpecificity);
  }
  return { entries, byHost };
}

/** The entry whose most specific pattern matches the location, or null. */
export function lookup<T extends Matchable>(index: MatchIndex<T>, location: PageLocation): T | null {
  const { host, path } = location;
  let key = host;
  let atFullHost = true;
  for (;;) {
    const rules = index.byHost.get(key);
    if (rules) {
      for (const rule of rules) {
        if (rule.exact && !atFullHost) continue;
        if (pathMatches(rule.path, path)) return index.entries[rule.entry] ?? null;
      }
    }
    const dot = key.indexOf('.');
    if (dot === -1) return null;
    key = key.slice(dot + 1);
    atFullHost = false;
  }
}

function bySpecificity(a: Rule, b: Rule): number {
  if (a.path.length !== b.path.length) return b.path.length - a.path.length;
  return Number(b.exact) - Number(a.exact);
}
