// @vitest-environment node
/**
 * The benchmark code paths at tiny sizes, so `npm run bench` cannot rot unnoticed, and the
 * checks the bench relies on, each with a control that shows it can fail.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildMatchIndex, lookup } from '../../lib/matcher';
import { parsePageUrl } from '../../lib/url';
import { buildMs, canMeasureHeap, countUrlConstructions, heapMb, map1081bf6Lookup, mapLookup, MIN_BATCH, ourLookup, percentile, timeBatches, timePerInput } from '../../bench/matcher';
import { buildMapWalk } from '../../bench/map-walk';
import { pipelineMs, toolsAtCap } from '../../bench/pipeline';
import { seededRandom, syntheticTools, syntheticUrlMix, syntheticUrls } from '../../bench/synthetic';
import { popupJsGzipKb, summarize } from '../../bench/browser';

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

  it('the URL mix has non-ASCII hosts and URLs that really take the new URL slow path', () => {
    const tools = syntheticTools(3000, 9);
    expect(tools.some((t) => /[^\x00-\x7f]/.test(t.match[0]!))).toBe(true);
    const mix = syntheticUrlMix(tools, 4000, 10);
    const idn = mix.filter((u) => u.kind.startsWith('idn'));
    const slow = mix.filter((u) => u.kind.startsWith('slow'));
    expect(idn.length).toBeGreaterThan(100);
    expect(slow.length).toBeGreaterThan(100);
    expect(idn.every((u) => /[^\x00-\x7f]/.test(new URL(u.url).hostname) === false && /[^\x00-\x7f]/.test(u.url))).toBe(true);
    const ours = ourLookup(tools);
    expect(mix.filter((u) => u.kind.endsWith('-hit')).every((u) => ours(u.url) !== null)).toBe(true);
    // the counter sees the slow path on every IDN and slow URL, and never on a plain one
    const plain = mix.filter((u) => u.kind.startsWith('plain')).map((u) => u.url);
    expect(countUrlConstructions(() => plain.forEach((u) => parsePageUrl(u)?.path))).toBe(0);
    expect(countUrlConstructions(() => [...idn, ...slow].forEach((u) => parsePageUrl(u.url)))).toBe(idn.length + slow.length);
  });

  it('the Map walk and the first Map matcher agree with lib/matcher on every synthetic URL', () => {
    const tools = syntheticTools(3000, 5);
    const urls = syntheticUrls(tools, 5000, 6);
    const [ours, map, first] = [ourLookup(tools), mapLookup(tools), map1081bf6Lookup(tools)];
    for (const url of urls) {
      const want = ours(url)?.id ?? null;
      expect(map(url)?.id ?? null, url).toBe(want);
      expect(first(url)?.id ?? null, url).toBe(want);
    }
  });

  it('the Map walk keeps the matcher\'s precedence: longest host, then longest path, then =exact', () => {
    const entries = [
      { id: 'path', match: ['example.com/a/b'] },
      { id: 'host', match: ['x.example.com'] },
      { id: 'short', match: ['example.com/a'] },
      { id: 'exact', match: ['=y.example.com/a'] },
      { id: 'sub', match: ['y.example.com/a'] },
      { id: 'v6', match: ['=[::1]'] },
      { id: 'idn', match: ['bücher.example'] },
    ];
    const walk = buildMapWalk(entries);
    const index = buildMatchIndex(entries);
    for (const url of ['https://x.example.com/a/b', 'https://example.com/a/b/c', 'https://example.com/a/c', 'https://example.com/', 'https://y.example.com/a/1', 'https://z.y.example.com/a', 'http://[::1]:8080/', 'https://www.xn--bcher-kva.example/', 'https://www.bücher.example/x', 'https://example.com.evil.example/a']) {
      const location = parsePageUrl(url)!;
      expect(walk(location)?.id ?? null, url).toBe(lookup(index, location)?.id ?? null);
    }
    expect(walk(parsePageUrl('https://y.example.com/a/1')!)?.id).toBe('exact');
    expect(walk(parsePageUrl('https://z.y.example.com/a')!)?.id).toBe('sub');
  });

  it('lookups are timed in batches of at least 1,000 calls, never one by one', () => {
    const tools = syntheticTools(200);
    const urls = syntheticUrls(tools, 2 * MIN_BATCH);
    const perCall = timeBatches(urls, ourLookup(tools));
    expect(perCall).toHaveLength(2);
    expect(percentile(perCall, 50)).toBeGreaterThan(0);
    expect(timePerInput(urls.slice(0, 3), ourLookup(tools))).toHaveLength(3);
    // control: a smaller batch is refused, and so is a set that fills no batch
    expect(() => timeBatches(urls, ourLookup(tools), 10)).toThrow(/at least 1000/);
    expect(() => timeBatches(urls.slice(0, 10), ourLookup(tools))).toThrow(/do not fill/);
    expect(() => timePerInput(urls, ourLookup(tools), 1)).toThrow(/at least 1000/);
  });

  it('build times come from real builds: one per round, and slower for more patterns', () => {
    const small = syntheticTools(200);
    const large = syntheticTools(20_000);
    const times = buildMs(small, 2);
    expect(times).toHaveLength(2);
    expect(times.every((t) => Number.isFinite(t) && t >= 0)).toBe(true);
    // control: a build that does nothing is not slower than a 100× larger real one
    expect(percentile(buildMs(large, 3), 50)).toBeGreaterThan(percentile(buildMs(large, 3, () => null), 50));
  });

  it('the heap figure counts what an index holds, typed arrays included, and refuses to guess', async () => {
    if (!canMeasureHeap()) {
      // without --expose-gc the figure would mean nothing: it must refuse, not return NaN
      expect(() => heapMb(syntheticTools(100))).toThrow(/--expose-gc/);
      // and the real measurement runs in a node that has gc
      const { execFileSync } = await import('node:child_process');
      const dir = mkdtempSync(join(tmpdir(), 'bench-heap-'));
      try {
        const script = join(dir, 'heap.ts');
        writeFileSync(script, `
          import { heapMb } from ${JSON.stringify(join(process.cwd(), 'bench/matcher.ts'))};
          import { syntheticTools } from ${JSON.stringify(join(process.cwd(), 'bench/synthetic.ts'))};
          const tools = syntheticTools(20000);
          const big = new Float64Array(4 * 2 ** 20 / 8);
          console.log(JSON.stringify({ index: heapMb(tools), nothing: heapMb(tools, () => null), buffer: heapMb(tools, () => new Float64Array(4 * 2 ** 20 / 8)), keep: big.length }));`);
        const out = JSON.parse(execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', script], { encoding: 'utf8', cwd: process.cwd() }).trim().split('\n').at(-1)!);
        expect(out.index.totalMb).toBeGreaterThan(0.3);
        expect(out.index.arrayBuffersMb).toBeGreaterThan(0.1); // the typed arrays are counted
        expect(out.index.totalMb).toBeLessThan(40);
        // controls: holding nothing measures about nothing; holding a 4 MB typed array measures 4 MB
        expect(Math.abs(out.nothing.totalMb)).toBeLessThan(0.2);
        expect(out.buffer.arrayBuffersMb).toBeGreaterThan(3.9);
        expect(out.buffer.totalMb).toBeGreaterThan(3.9);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    } else {
      expect(heapMb(syntheticTools(20_000)).arrayBuffersMb).toBeGreaterThan(0.1);
    }
  }, 60_000);

  it('the pipeline runs on registers within the download cap and refuses larger ones', async () => {
    const pipeline = await pipelineMs(20, 1);
    expect(pipeline.times[0]).toBeGreaterThan(0);
    expect(pipeline.bytes).toBeGreaterThan(20 * 1000);
    // control: a cap the register does not fit under is refused, not measured
    await expect(pipelineMs(20, 1, 10_000)).rejects.toThrow(/over the .* download cap/);
    const atCap = await toolsAtCap(200_000);
    expect(atCap.bytes).toBeLessThanOrEqual(200_000);
    expect(atCap.bytes).toBeGreaterThan(190_000);
    await expect(pipelineMs(atCap.toolCount + 1, 1, 200_000)).rejects.toThrow(/download cap/);
  }, 60_000);

  it('measures the popup bundle of a build, and fails without one', () => {
    if (existsSync('.output/chrome-mv3/popup.html')) expect(popupJsGzipKb()).toBeGreaterThan(1);
    // control: no build, no figure
    const empty = mkdtempSync(join(tmpdir(), 'bench-nobuild-'));
    try {
      expect(() => popupJsGzipKb(empty)).toThrow();
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('browser figures over rounds', () => {
  it('take the percentile over all samples, the spread over rounds, and fail on a dropped sample', () => {
    const ok = summarize([{ values: [10, 20, 30], dropped: [], warmup: 3 }, { values: [40, 50], dropped: [], warmup: 3 }], 50);
    expect(ok).toMatchObject({ value: 30, spread: [20, 50], rounds: 2, samples: 5, dropped: 0, warmup: 6 });
    expect(ok.failed).toBeUndefined();
    // control: one navigation that timed out fails the figure and says which
    const lost = summarize([{ values: [10, 20], dropped: [{ what: 'https://a.example/cold/1', reason: 'no badge within 10000 ms' }], warmup: 0 }], 95);
    expect(lost.dropped).toBe(1);
    expect(lost.failed).toMatch(/1 dropped: https:\/\/a\.example\/cold\/1/);
    expect(summarize([{ values: [], dropped: [], warmup: 0 }], 95).failed).toBe('no samples');
  });
});
