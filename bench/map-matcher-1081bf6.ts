/**
 * Baseline: the first matcher of this repository, copied verbatim (apart from the names, this
 * comment and the import paths) from lib/matcher/index.ts at commit
 * 1081bf6e9631d174b452458f2780bb2967f360e3 ("Core modules: register schema, DSSE verification,
 * matcher, …", 2026-11-23), before e261b89 replaced it with the typed-array index.
 */
import { parsePattern, pathMatches } from '../lib/register/pattern';
import type { PageLocation } from '../lib/url';

/** Anything that has match patterns: a register tool or a catalogue entry. */
interface Matchable {
  match: readonly string[];
}

interface Rule {
  /** Index of the entry in the list the index was built from. */
  entry: number;
  exact: boolean;
  path: string;
}

/** A built index over a list of entries. */
export interface MapMatchIndex1081bf6<T extends Matchable> {
  readonly entries: readonly T[];
  readonly byHost: ReadonlyMap<string, readonly Rule[]>;
}

/** Builds the index. Patterns that do not parse are skipped (schemas refuse them before this). */
export function buildMapMatcher1081bf6<T extends Matchable>(entries: readonly T[]): MapMatchIndex1081bf6<T> {
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
export function lookupMapMatcher1081bf6<T extends Matchable>(index: MapMatchIndex1081bf6<T>, location: PageLocation): T | null {
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
