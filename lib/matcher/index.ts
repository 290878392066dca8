/**
 * The URL matcher: an index built once per register (or catalogue) so that a lookup costs a few
 * probes of typed arrays, never a scan of the list.
 *
 * The index is an open-addressing hash table of pattern hosts (32-bit FNV-1a of the host, read
 * right to left) with, per host, a linked list of its rules ordered by specificity: longest path
 * first, an exact `=host` rule before a subdomain rule of the same path. A lookup makes one
 * right-to-left pass over the page host, which yields the hash of every parent-domain suffix at
 * its dot; each is probed in the table and confirmed by comparing the stored host with that
 * suffix in place (no substring is cut, no Map is hashed). Most pages match nothing and stop
 * there. Among the suffixes found, the longest host with a rule matching the path wins: the
 * spec's "longest matching host, then the longest path".
 *
 * Everything lives in typed arrays and two string arrays, so building allocates little and the
 * index of 100,000 patterns holds about 10 MB.
 */
import { parsePattern, pathMatches } from '../register/pattern';
import type { PageLocation } from '../url';

/** Anything that has match patterns: a register tool or a catalogue entry. */
export interface Matchable {
  match: readonly string[];
}

/** A built index over a list of entries. */
export interface MatchIndex<T extends Matchable> {
  readonly entries: readonly T[];
  /** Number of distinct pattern hosts. */
  readonly hostCount: number;
  /** Slot → host hash (0 = empty slot). Size is a power of two. */
  readonly hashes: Int32Array;
  /** Slot → host. */
  readonly hosts: (string | undefined)[];
  /** Slot → first rule of that host (-1 when none). */
  readonly firstRule: Int32Array;
  /** Rule → index of its entry, 1 when exact (`=host`), its path prefix, and the next rule. */
  readonly ruleEntry: Int32Array;
  readonly ruleExact: Uint8Array;
  readonly rulePath: string[];
  readonly ruleNext: Int32Array;
}

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 16777619;
const DOT = 46;

/** FNV-1a over the host's characters from right to left (the order lookups compute it in). */
function hostHash(host: string): number {
  let h = FNV_OFFSET;
  for (let i = host.length - 1; i >= 0; i--) h = Math.imul(h ^ host.charCodeAt(i), FNV_PRIME);
  return h | 1; // never 0, which marks an empty slot
}

/** The slot holding `host` (the suffix of `text` from `start`), or -1. */
function findSlot(index: MatchIndex<Matchable>, hash: number, text: string, start: number): number {
  const mask = index.hashes.length - 1;
  const length = text.length - start;
  for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
    const stored = index.hashes[slot]!;
    if (stored === 0) return -1;
    if (stored === hash) {
      const host = index.hosts[slot]!;
      if (host.length === length && text.startsWith(host, start)) return slot;
    }
  }
}

/** Whether rule `a` is more specific than rule `b`: longer path, then exact before subdomain. */
function moreSpecific(index: MatchIndex<Matchable>, a: number, b: number): boolean {
  const la = index.rulePath[a]!.length;
  const lb = index.rulePath[b]!.length;
  return la !== lb ? la > lb : index.ruleExact[a]! > index.ruleExact[b]!;
}

/** Builds the index. Patterns that do not parse are skipped (schemas refuse them before this). */
export function buildMatchIndex<T extends Matchable>(entries: readonly T[]): MatchIndex<T> {
  let patternCount = 0;
  for (const entry of entries) patternCount += entry.match.length;
  let size = 16;
  while (size < patternCount * 2) size <<= 1;
  const index = {
    entries,
    hostCount: 0,
    hashes: new Int32Array(size),
    hosts: new Array<string | undefined>(size),
    firstRule: new Int32Array(size).fill(-1),
    ruleEntry: new Int32Array(patternCount),
    ruleExact: new Uint8Array(patternCount),
    rulePath: new Array<string>(patternCount),
    ruleNext: new Int32Array(patternCount),
  };
  const mask = size - 1;
  let rules = 0;
  for (let e = 0; e < entries.length; e++) {
    for (const source of entries[e]!.match) {
      const parsed = parsePattern(source);
      if (!parsed.ok) continue;
      const { host, exact, path } = parsed.pattern;
      const hash = hostHash(host);
      let slot = hash & mask;
      while (index.hashes[slot] !== 0 && !(index.hashes[slot] === hash && index.hosts[slot] === host)) slot = (slot + 1) & mask;
      if (index.hashes[slot] === 0) {
        index.hashes[slot] = hash;
        index.hosts[slot] = host;
        index.hostCount++;
      }
      const rule = rules++;
      index.ruleEntry[rule] = e;
      index.ruleExact[rule] = exact ? 1 : 0;
      index.rulePath[rule] = path;
      // insert into the host's list, most specific first
      let previous = -1;
      let next = index.firstRule[slot]!;
      while (next !== -1 && !moreSpecific(index, rule, next)) {
        previous = next;
        next = index.ruleNext[next]!;
      }
      index.ruleNext[rule] = next;
      if (previous === -1) index.firstRule[slot] = rule;
      else index.ruleNext[previous] = rule;
    }
  }
  return index;
}

/** The entry of the first rule of `slot` that applies at this depth and path, or null. */
function matchRules<T extends Matchable>(index: MatchIndex<T>, slot: number, atFullHost: boolean, path: string): T | null {
  for (let rule = index.firstRule[slot]!; rule !== -1; rule = index.ruleNext[rule]!) {
    if (index.ruleExact[rule] === 1 && !atFullHost) continue;
    if (pathMatches(index.rulePath[rule]!, path)) return index.entries[index.ruleEntry[rule]!] ?? null;
  }
  return null;
}

/** The entry whose most specific pattern matches the location, or null. */
export function lookup<T extends Matchable>(index: MatchIndex<T>, location: PageLocation): T | null {
  const { host } = location;
  if (index.hostCount === 0) return null;
  // Suffixes found in the table, shortest first: [start, slot, start, slot, …]. A pattern host
  // has at least two labels, so the last label alone is never probed.
  let found: number[] | null = null;
  let h = FNV_OFFSET;
  let dots = 0;
  for (let i = host.length - 1; i >= 0; i--) {
    const c = host.charCodeAt(i);
    if (c === DOT && dots++ > 0) {
      const slot = findSlot(index, h | 1, host, i + 1);
      if (slot !== -1) (found ??= []).push(i + 1, slot);
    }
    h = Math.imul(h ^ c, FNV_PRIME);
  }
  // the whole host: any name with a dot, and a bracketed IPv6 address (an `=[::1]` pattern)
  if (dots > 0 || host.charCodeAt(0) === 91) {
    const slot = findSlot(index, h | 1, host, 0);
    if (slot !== -1) (found ??= []).push(0, slot);
  }
  if (!found) return null;
  const path = location.path;
  for (let k = found.length - 2; k >= 0; k -= 2) {
    const entry = matchRules(index, found[k + 1]!, found[k] === 0, path);
    if (entry) return entry;
  }
  return null;
}
