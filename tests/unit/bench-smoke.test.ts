// @vitest-environment node
/** The benchmark code paths at tiny sizes, so `npm run bench` cannot rot unnoticed. */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildMs, heapMb, naiveLookup, ourLookup, percentile, timeEach } from '../../bench/matcher';
import { pipelineMs } from '../../bench/pipeline';
import { seededRandom, syntheticTools, syntheticUrls } from '../../bench/synthetic';
import { popupJsGzipKb } from '../../bench/browser';

describe('benchmark code paths (tiny sizes)', () => {
  it('synthetic data is deterministic and the 80/20 URL mix holds', () => {
    expect(seededRandom(1)()).toBe(seededRandom(1)());
    const tools = syntheticTools(300);
    expect(tools.flatMap((t) => t.match)).toHaveLength(300);
    expect(syntheticTools(300)).toEqual(tools);
    const urls = syntheticUrls(tools, 1000);
    const ours = ourLookup(tools);
    const hits = urls.filter((u) => ours(u) !== null).length;
    expect(hits).toBeGreaterThan(120);
    expect(hits).toBeLessThan(280);
  });

  it('our index and the linear scan agree on which URLs match a tool', () => {
    const tools = syntheticTools(500, 5);
    const urls = syntheticUrls(tools, 500, 6);
    const ours = ourLookup(tools);
    const naive = naiveLookup(tools);
    for (const url of urls) expect(ours(url) !== null, url).toBe(naive(url) !== null);
  });

  it('timers, build, heap and pipeline produce numbers', async () => {
    const tools = syntheticTools(200);
    expect(percentile(timeEach(syntheticUrls(tools, 50), ourLookup(tools), 1), 50)).toBeGreaterThan(0);
    expect(buildMs(tools, 2)).toHaveLength(2);
    expect(Number.isNaN(heapMb(tools)) || heapMb(tools) >= 0).toBe(true);
    const pipeline = await pipelineMs(20, 1);
    expect(pipeline.times[0]).toBeGreaterThan(0);
    expect(pipeline.bytes).toBeGreaterThan(20 * 1000);
  });

  it('measures the popup bundle when a build exists', () => {
    if (existsSync('.output/chrome-mv3/popup.html')) expect(popupJsGzipKb()).toBeGreaterThan(1);
    else expect(() => popupJsGzipKb()).toThrow();
  });
});
