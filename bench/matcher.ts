/**
 * Matcher benchmarks: our index against the linear scan peers use (ToS;DR style: `find` over
 * every pattern with a suffix check), on the same URLs in the same run.
 */
import { buildMatchIndex, lookup, type Matchable } from '../lib/matcher';
import { parsePattern, pathMatches } from '../lib/register/pattern';
import { parsePageUrl } from '../lib/url';

/** Per-call nanoseconds of `fn` over `inputs`, after a warm-up pass. */
export function timeEach<T>(inputs: readonly T[], fn: (input: T) => unknown, rounds = 3): number[] {
  for (let w = 0; w < 3; w++) for (const input of inputs) fn(input);
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const input of inputs) {
      const start = process.hrtime.bigint();
      fn(input);
      samples.push(Number(process.hrtime.bigint() - start));
    }
  }
  return samples;
}

/** The p-th percentile (0–100) of numbers. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Cost of one lookup with our index: URL → location → index probe. */
export function ourLookup(entries: readonly Matchable[]) {
  const index = buildMatchIndex(entries);
  return (url: string) => {
    const location = parsePageUrl(url);
    return location ? lookup(index, location) : null;
  };
}

/** The baseline: a linear `find` over all patterns, longest match not even considered. */
export function naiveLookup(entries: readonly Matchable[]) {
  const patterns = entries.flatMap((entry) => entry.match.map((source) => ({ entry, parsed: parsePattern(source) })))
    .filter((p) => p.parsed.ok)
    .map((p) => ({ entry: p.entry, ...(p.parsed as { ok: true; pattern: { host: string; exact: boolean; path: string } }).pattern }));
  return (url: string) => {
    const location = parsePageUrl(url);
    if (!location) return null;
    const { host, path } = location;
    return patterns.find((p) => (host === p.host || (!p.exact && host.endsWith(`.${p.host}`))) && pathMatches(p.path, path))?.entry ?? null;
  };
}

/** Milliseconds to build the index (median of `rounds`). */
export function buildMs(entries: readonly Matchable[], rounds = 5): number[] {
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const start = performance.now();
    buildMatchIndex(entries);
    times.push(performance.now() - start);
  }
  return times;
}

/** Heap held by one built index, in MB (needs node --expose-gc). */
export function heapMb(entries: readonly Matchable[]): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return Number.NaN;
  gc();
  gc();
  const before = process.memoryUsage().heapUsed;
  const index = buildMatchIndex(entries);
  gc();
  gc();
  const after = process.memoryUsage().heapUsed;
  if (index.hostCount === 0) return 0;
  return (after - before) / (1024 * 1024);
}
