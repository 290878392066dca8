/**
 * Matcher benchmarks: lib/matcher against two baselines a competent engineer would write, on
 * the same URLs in the same run: a ten-line `Map` walk over host suffixes (bench/map-walk.ts) and
 * the repository's own first matcher (bench/map-matcher-1081bf6.ts).
 *
 * A lookup costs a few hundred nanoseconds, a few ticks of the timer, so single calls are never
 * timed: calls are timed in batches of at least 1,000 and the per-call figure is the batch's time
 * divided by its size.
 */
import { buildMatchIndex, lookup, type Matchable } from '../lib/matcher';
import { parsePageUrl, type PageLocation } from '../lib/url';
import { buildMapMatcher1081bf6, lookupMapMatcher1081bf6 } from './map-matcher-1081bf6';
import { buildMapWalk } from './map-walk';

/** The smallest batch a per-call figure may come from. */
export const MIN_BATCH = 1000;

/** The p-th percentile (0–100) of numbers. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Keeps results alive so the engine cannot drop the calls that made them. */
let sink = 0;
export const consume = (value: unknown) => {
  if (value !== null) sink++;
};

/**
 * Per-call nanoseconds of `fn`, one figure per batch: `inputs` is cut into consecutive batches of
 * `batchSize` (≥ 1,000) calls, each batch timed as a whole and divided by its size. One pass
 * over all inputs is run first as a warm-up and not counted.
 */
export function timeBatches<T>(inputs: readonly T[], fn: (input: T) => unknown, batchSize = MIN_BATCH): number[] {
  if (batchSize < MIN_BATCH) throw new Error(`batches of ${batchSize} calls: a per-call figure needs at least ${MIN_BATCH}`);
  if (inputs.length < batchSize) throw new Error(`${inputs.length} inputs do not fill one batch of ${batchSize}`);
  for (const input of inputs) consume(fn(input));
  const perCall: number[] = [];
  for (let from = 0; from + batchSize <= inputs.length; from += batchSize) {
    const start = process.hrtime.bigint();
    for (let i = from; i < from + batchSize; i++) consume(fn(inputs[i]!));
    perCall.push(Number(process.hrtime.bigint() - start) / batchSize);
  }
  return perCall;
}

/**
 * Per-call nanoseconds of each input on its own: `fn(input)` called `repeat` (≥ 1,000) times in
 * a row and timed as a whole. What shows the slow URLs (the p99), not the timer or the GC.
 */
export function timePerInput<T>(inputs: readonly T[], fn: (input: T) => unknown, repeat = MIN_BATCH): number[] {
  if (repeat < MIN_BATCH) throw new Error(`batches of ${repeat} calls: a per-call figure needs at least ${MIN_BATCH}`);
  const out: number[] = [];
  for (const input of inputs) {
    for (let i = 0; i < 50; i++) consume(fn(input));
    const start = process.hrtime.bigint();
    for (let i = 0; i < repeat; i++) consume(fn(input));
    out.push(Number(process.hrtime.bigint() - start) / repeat);
  }
  return out;
}

export interface Contender<T extends Matchable> {
  name: string;
  build: (entries: readonly T[]) => unknown;
  /** Built once, then a page location → the matching entry. */
  make: (entries: readonly T[]) => (location: PageLocation) => T | null;
}

/** lib/matcher and the two baselines, under the names the figures use. */
export function contenders<T extends Matchable>(): Contender<T>[] {
  return [
    { name: 'matcher', build: buildMatchIndex, make: (entries) => { const index = buildMatchIndex(entries); return (location) => lookup(index, location); } },
    { name: 'map', build: buildMapWalk, make: buildMapWalk },
    { name: 'map_1081bf6', build: buildMapMatcher1081bf6, make: (entries) => { const index = buildMapMatcher1081bf6(entries); return (location) => lookupMapMatcher1081bf6(index, location); } },
  ];
}

/** URL string → entry: parse the URL (lib/url.ts) and look it up. */
export function fromUrl<T>(find: (location: PageLocation) => T | null): (url: string) => T | null {
  return (url) => {
    const location = parsePageUrl(url);
    return location ? find(location) : null;
  };
}

/** Cost of one lookup with lib/matcher: URL → location → index probe. */
export function ourLookup<T extends Matchable>(entries: readonly T[]): (url: string) => T | null {
  return fromUrl(contenders<T>()[0]!.make(entries));
}

/** The ten-line `Map` walk, URL → entry, parsed the same way. */
export function mapLookup<T extends Matchable>(entries: readonly T[]): (url: string) => T | null {
  return fromUrl(buildMapWalk(entries));
}

/** The first matcher of this repository (commit 1081bf6), URL → entry, parsed the same way. */
export function map1081bf6Lookup<T extends Matchable>(entries: readonly T[]): (url: string) => T | null {
  const index = buildMapMatcher1081bf6(entries);
  return fromUrl((location) => lookupMapMatcher1081bf6(index, location));
}

/**
 * How many times `new URL` is constructed while `fn` runs: the slow path of lib/url.ts, which
 * reads the global `URL` at call time.
 */
export function countUrlConstructions(fn: () => void): number {
  const Original = globalThis.URL;
  let count = 0;
  globalThis.URL = class CountingUrl extends Original {
    constructor(url: string | URL, base?: string | URL) {
      count++;
      super(url, base);
    }
  } as typeof URL;
  try {
    fn();
  } finally {
    globalThis.URL = Original;
  }
  return count;
}

/** Milliseconds to build with `build`, one figure per round. */
export function buildMs<T extends Matchable>(entries: readonly T[], rounds = 5, build: (entries: readonly T[]) => unknown = buildMatchIndex): number[] {
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const start = performance.now();
    consume(build(entries));
    times.push(performance.now() - start);
  }
  return times;
}

/** Whether the heap can be measured: node was started with --expose-gc. */
export function canMeasureHeap(): boolean {
  return typeof (globalThis as { gc?: unknown }).gc === 'function';
}

/**
 * Memory held by what `build` returns, in MB: JavaScript heap plus ArrayBuffer backing stores
 * (where typed arrays live), after full collections before and after. Throws without
 * --expose-gc rather than give a number that means nothing.
 */
export function heapMb<T extends Matchable>(entries: readonly T[], build: (entries: readonly T[]) => unknown = buildMatchIndex): { totalMb: number; heapMb: number; arrayBuffersMb: number } {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (typeof gc !== 'function') throw new Error('heapMb needs node --expose-gc (npm run bench starts node with it)');
  const settle = () => {
    gc();
    gc();
    const { heapUsed, arrayBuffers } = process.memoryUsage();
    return { heapUsed, arrayBuffers };
  };
  const before = settle();
  let held: unknown = build(entries);
  const after = settle();
  consume(held);
  held = null;
  const heap = (after.heapUsed - before.heapUsed) / 2 ** 20;
  const arrayBuffers = (after.arrayBuffers - before.arrayBuffers) / 2 ** 20;
  return { totalMb: heap + arrayBuffers, heapMb: heap, arrayBuffersMb: arrayBuffers };
}

/** Keeps the sink observable, so no call above can be optimised away. */
export const sinkValue = () => sink;
