/**
 * Build-time switches. `__BIJSLUITER_BENCH__` is replaced by Vite: true only in the instrumented
 * build (`BIJSLUITER_BENCH=1 wxt build`, in .output-bench) that `npm run bench` and the outbox
 * soak load into Chromium; false in every build that ships and in unit tests.
 */
declare const __BIJSLUITER_BENCH__: boolean;

/**
 * The instrumented build records badge timings and runs the outbox on a fast clock (backoff of
 * a quarter second instead of a minute, a 2 s request timeout), so hours of retries fit in a
 * CI-sized soak. The shipped build folds this to `false` and the fast values vanish.
 */
export const INSTRUMENTED_BUILD: boolean = __BIJSLUITER_BENCH__;
