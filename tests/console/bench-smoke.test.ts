/** The console's benchmark code paths at tiny sizes, so `npm run bench` cannot rot unnoticed. */
import { describe, expect, it } from 'vitest';
import { intakeBench, publishBench, tools500 } from '../../bench/console';

describe('console benchmark code paths (tiny sizes)', () => {
  it('the intake load reaches both the console and the baseline, every request answered 201', async () => {
    const figures = await intakeBench('pglite', 1, 20, 4);
    for (const side of [figures.console, figures.baseline]) {
      expect(side.errors).toBe(0);
      expect(side.rps).toHaveLength(1);
      expect(side.rps[0]).toBeGreaterThan(0);
      expect(side.p95[0]).toBeGreaterThanOrEqual(side.p50[0]!);
    }
  }, 120_000);

  it('publishing 500 distinct tools passes lint and is timed beside lint + sign alone', async () => {
    const tools = tools500();
    expect(new Set(tools.map((t) => t.id)).size).toBe(500);
    const { publishMs, baselineMs } = await publishBench(1);
    expect(publishMs).toHaveLength(1);
    expect(publishMs[0]).toBeGreaterThan(baselineMs[0]! * 0.5);
  }, 120_000);
});
