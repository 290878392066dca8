/**
 * Timing hooks compiled only into the benchmark build (`BIJSLUITER_BENCH=1`); in every other
 * build `INSTRUMENTED_BUILD` is false and these calls vanish. They let `npm run bench` measure
 * navigation-committed → badge-set inside the browser, not from the test driver's polling.
 */
import { INSTRUMENTED_BUILD } from './build-flags';

interface BadgeTiming {
  tabId: number;
  url: string;
  committedAt: number;
  badgeSetAt?: number;
}

const timings: BadgeTiming[] = [];

/** Records a navigation commit (the event's own timestamp, ms since the epoch). */
export function benchCommitted(tabId: number, url: string, timeStamp: number): void {
  if (!INSTRUMENTED_BUILD) return;
  timings.push({ tabId, url, committedAt: timeStamp });
  (globalThis as { __bijsluiterBench?: BadgeTiming[] }).__bijsluiterBench = timings;
}

/** Records that the badge of `tabId` was set for `url`. */
export function benchBadgeSet(tabId: number, url: string): void {
  if (!INSTRUMENTED_BUILD) return;
  const open = timings.findLast((t) => t.tabId === tabId && t.url === url && t.badgeSetAt === undefined);
  if (open) open.badgeSetAt = performance.timeOrigin + performance.now();
}
