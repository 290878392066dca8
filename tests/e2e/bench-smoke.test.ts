/** The in-browser benchmark paths at tiny sizes (the benchmark build, real Chromium). */
import { describe, expect, it } from 'vitest';
import { browserBench, summarize } from '../../bench/browser';
import { syntheticPayload } from '../../bench/synthetic';
import { demoKey, signPayload } from '../../harness/demo-register';

describe('browser benchmark paths', () => {
  it('measure badge latency warm and cold and the popup render inside the browser, nothing dropped', async () => {
    const figures = await browserBench({ navigations: 3, coldStarts: 1, popups: 2 });
    expect(figures.badgeWarm.values).toHaveLength(3);
    expect(figures.badgeCold.values).toHaveLength(1);
    expect(figures.popupRender.values).toHaveLength(2);
    expect(figures.popupRender.warmup).toBe(2);
    for (const kind of [figures.badgeWarm, figures.badgeCold, figures.popupRender]) expect(kind.dropped).toEqual([]);
    for (const ms of [...figures.badgeWarm.values, ...figures.badgeCold.values, ...figures.popupRender.values]) {
      expect(ms).toBeGreaterThan(0);
      expect(ms).toBeLessThan(10_000);
    }
    expect(summarize([figures.badgeWarm], 95).failed).toBeUndefined();
  });

  it('measure the cold badge with a synthetic register (the path of badge_cold_ms_p95_2k)', async () => {
    const payload = syntheticPayload(40);
    const register = await signPayload(payload, await demoKey());
    const host = payload.tools.map((t) => t.match[0]!).find((m) => /^[a-z0-9.-]+$/.test(m))!;
    const figures = await browserBench({ register, sites: [`https://www.${host}/`, 'https://www.unlisted.example/'], navigations: 1, coldStarts: 2, popups: 0 });
    expect(figures.badgeCold.values).toHaveLength(2);
    expect(figures.badgeCold.dropped).toEqual([]);
  });
});
