/** The in-browser benchmark paths at tiny sizes (the benchmark build, real Chromium). */
import { describe, expect, it } from 'vitest';
import { browserBench } from '../../bench/browser';

describe('browser benchmark paths', () => {
  it('measure badge latency warm and cold and the popup render inside the browser', async () => {
    const figures = await browserBench(3, 1, 2);
    expect(figures.badgeWarm).toHaveLength(3);
    expect(figures.badgeCold).toHaveLength(1);
    expect(figures.popupRender).toHaveLength(2);
    for (const ms of [...figures.badgeWarm, ...figures.badgeCold, ...figures.popupRender]) {
      expect(ms).toBeGreaterThan(0);
      expect(ms).toBeLessThan(10_000);
    }
  });
});
