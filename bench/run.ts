/**
 * `npm run bench`: every speed and memory figure of issues 7 and 15, each next to its baseline
 * and target, from synthetic data with fixed seeds. Writes bench/results.json.
 *
 * How a figure is made, and what it rests on (printed per figure, and kept in results.json's
 * `rounds`: rounds, samples counted, samples dropped, warm-up samples discarded on purpose):
 * - Lookups are never timed one by one (a few hundred nanoseconds is a few timer ticks): they
 *   are timed in batches of ≥ 1,000 calls and the per-call figure is the batch time ÷ its size.
 *   A round's figure is the median over its batches; the figure is the median over rounds and
 *   the spread is the lowest and highest round.
 * - Builds, heap and the pipeline: one sample per round; median and spread over rounds.
 * - Browser figures: `BENCH_BROWSER_ROUNDS` rounds (default 5), each in a fresh browser; a p95
 *   or p50 is taken over all samples of all rounds, the spread is the lowest and highest
 *   per-round value. A sample that times out is dropped, listed, and fails its figure.
 * Environment: BENCH_ROUNDS (default 5), BENCH_BROWSER_ROUNDS (default 5).
 */
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { execFileSync } from 'node:child_process';
import { browserBench, popupJsGzipKb, summarize, type BrowserFigures, type Samples } from './browser';
import { intakeBench, publishBench } from './console';
import { canMeasureHeap, contenders, countUrlConstructions, fromUrl, heapMb, MIN_BATCH, percentile, timeBatches, timePerInput, buildMs } from './matcher';
import { pipelineMs, toolsAtCap } from './pipeline';
import { seededRandom, syntheticPayload, syntheticTools, syntheticUrlMix } from './synthetic';
import { parsePageUrl, type PageLocation } from '../lib/url';
import { REGISTER_MAX_BYTES } from '../lib/sync/fetch-register';
import { demoKey, signPayload } from '../harness/demo-register';
import type { Tool } from '../lib/register/schema';

interface Basis { rounds: number; samples: number; dropped: number; warmup?: number; perSample?: string }
interface Row { name: string; value: number; spread: [number, number]; basis: Basis; baseline?: string; target?: number; atLeast?: boolean; failed?: string }

const median = (values: readonly number[]) => percentile(values, 50);
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const browserRounds = Number(process.env.BENCH_BROWSER_ROUNDS ?? 5);
/** Parts to leave out while working on the bench itself, e.g. BENCH_SKIP=browser,console. */
const skip = new Set((process.env.BENCH_SKIP ?? '').split(',').filter(Boolean));
const rows: Row[] = [];
const add = (name: string, perRound: number[], basis: Omit<Basis, 'rounds'> & { rounds?: number }, target?: number, baseline?: string, atLeast = false) =>
  rows.push({ name, value: median(perRound), spread: [Math.min(...perRound), Math.max(...perRound)], basis: { rounds: perRound.length, ...basis }, target, baseline, atLeast });
const fmt = (n: number) => (Math.abs(n) >= 100 ? n.toFixed(0) : n.toFixed(2));

if (!canMeasureHeap()) throw new Error('run with node --expose-gc (npm run bench does): the heap figures need it');
const chromium = (() => {
  try {
    return execFileSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown Chromium';
  }
})();
const machine = `${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}, ${chromium}`;
const load = () => loadavg().map((n) => n.toFixed(2)).join(' ');
const loadAtStart = load();
console.log(`machine: ${machine}; load average ${loadAtStart}; ${rounds} rounds, ${browserRounds} browser rounds; ${new Date().toISOString()}`);

// --- matcher at 100,000 patterns: lib/matcher beside the Map walk and the first Map matcher
const tools100k = syntheticTools(100_000);
const mix = syntheticUrlMix(tools100k, 20_000);
const urls = mix.map((u) => u.url);
// the URLs in a fixed random order, so hits, misses and slow URLs mix in every batch
const shuffle = seededRandom(11);
const shuffled = urls.map((url) => ({ url, key: shuffle() })).sort((a, b) => a.key - b.key).map((u) => u.url);
const locations: PageLocation[] = urls.map((url) => {
  const location = parsePageUrl(url);
  if (!location) throw new Error(`synthetic URL does not parse: ${url}`);
  return { host: location.host, path: location.path };
});
const [ours, map, first] = contenders<Tool>().map((c) => ({ ...c, find: c.make(tools100k) }));

// every contender gives the same tool for every synthetic URL
for (let i = 0; i < urls.length; i++) {
  const want = ours!.find(locations[i]!)?.id ?? null;
  for (const other of [map!, first!]) {
    const got = other.find(locations[i]!)?.id ?? null;
    if (got !== want) throw new Error(`${other.name} disagrees with lib/matcher on ${urls[i]}: ${got} ≠ ${want}`);
  }
}
const kindCounts = new Map<string, number>();
for (const u of mix) kindCounts.set(u.kind, (kindCounts.get(u.kind) ?? 0) + 1);
const kinds = [...kindCounts].map(([k, n]) => `${k} ${n}`).join(', ');
const slowCalls = countUrlConstructions(() => {
  for (const url of urls) void parsePageUrl(url)?.path;
});
const expectedSlow = mix.filter((u) => !u.kind.startsWith('plain')).length;
if (slowCalls < expectedSlow) throw new Error(`only ${slowCalls} URLs took the new URL slow path; the mix has ${expectedSlow} meant to`);
console.log(`URL mix: ${kinds}; new URL called ${slowCalls} times over the ${urls.length} URLs; the three matchers agree on all of them`);

const batchesPerRound = Math.floor(urls.length / MIN_BATCH);
const perRound = { ours: [] as number[], map: [] as number[], first: [] as number[], oursOnly: [] as number[], mapOnly: [] as number[], ratio: [] as number[], ratioUrl: [] as number[], p99: [] as number[] };
const oursUrl = fromUrl(ours!.find);
const mapUrl = fromUrl(map!.find);
const firstUrl = fromUrl(first!.find);
const p99Inputs = shuffled.slice(0, 2_000);
for (let r = 0; r < rounds; r++) {
  // interleaved, so a busy moment of the shared machine hits both sides of a ratio alike
  const a = timeBatches(shuffled, oursUrl);
  const b = timeBatches(shuffled, mapUrl);
  const c = timeBatches(shuffled, firstUrl);
  const aOnly = timeBatches(locations, ours!.find);
  const bOnly = timeBatches(locations, map!.find);
  perRound.ours.push(median(a));
  perRound.map.push(median(b));
  perRound.first.push(median(c));
  perRound.oursOnly.push(median(aOnly));
  perRound.mapOnly.push(median(bOnly));
  perRound.ratio.push(median(bOnly.map((t, i) => t / aOnly[i]!)));
  perRound.ratioUrl.push(median(b.map((t, i) => t / a[i]!)));
  perRound.p99.push(percentile(timePerInput(p99Inputs, oursUrl), 99));
}
const batchBasis = { samples: rounds * batchesPerRound, dropped: 0, warmup: rounds * batchesPerRound, perSample: `a batch of ${MIN_BATCH} lookups (${batchesPerRound} per round, after a warm-up pass of as many)` };
add('matcher_lookup_ns_p50_100k', perRound.ours, batchBasis, 1000, 'URL string → tool, parsing included');
add('matcher_lookup_ns_p99_100k', perRound.p99, { samples: rounds * p99Inputs.length, dropped: 0, perSample: `one URL, ${MIN_BATCH} calls in a row` }, 5000, 'p99 over 2,000 URLs of each URL\'s own per-call time');
add('map_lookup_ns_p50_100k', perRound.map, batchBasis, undefined, 'baseline: ten-line Map walk over host suffixes, parsing included');
add('map_1081bf6_lookup_ns_p50_100k', perRound.first, batchBasis, undefined, 'baseline: the first Map matcher (commit 1081bf6), parsing included');
add('matcher_only_ns_p50_100k', perRound.oursOnly, batchBasis, undefined, 'lib/matcher on parsed locations (parsing excluded)');
add('map_only_ns_p50_100k', perRound.mapOnly, batchBasis, undefined, 'Map walk on parsed locations (parsing excluded)');
add('matcher_speedup_vs_map_100k', perRound.ratio, { ...batchBasis, perSample: `a pair of batches of ${MIN_BATCH} lookups` }, 1.5, `Map walk ÷ lib/matcher, parsing excluded (the decision rule); with parsing: ${fmt(median(perRound.ratioUrl))} (${fmt(Math.min(...perRound.ratioUrl))}–${fmt(Math.max(...perRound.ratioUrl))})`, true);

// --- building and holding: heap and ArrayBuffers (the typed arrays) after full collections
const buildOurs = buildMs(tools100k, rounds, ours!.build);
const buildMap = buildMs(tools100k, rounds, map!.build);
add('matcher_build_ms_100k', buildOurs, { samples: rounds, dropped: 0 }, 150, `Map walk: ${fmt(median(buildMap))} ms (${fmt(Math.min(...buildMap))}–${fmt(Math.max(...buildMap))})`);
const heaps = { ours: [] as number[], oursBuffers: [] as number[], map: [] as number[], first: [] as number[], ratio: [] as number[] };
for (let r = 0; r < Math.max(3, rounds); r++) {
  const o = heapMb(tools100k, ours!.build);
  const m = heapMb(tools100k, map!.build);
  heaps.ours.push(o.totalMb);
  heaps.oursBuffers.push(o.arrayBuffersMb);
  heaps.map.push(m.totalMb);
  heaps.first.push(heapMb(tools100k, first!.build).totalMb);
  heaps.ratio.push(m.totalMb / o.totalMb);
}
const heapBasis = { samples: heaps.ours.length, dropped: 0 };
add('matcher_heap_mb_100k', heaps.ours, heapBasis, 40, `heap + ArrayBuffers; of which ArrayBuffers ${fmt(median(heaps.oursBuffers))} MB`);
add('map_heap_mb_100k', heaps.map, heapBasis, undefined, 'baseline: Map walk');
add('map_1081bf6_heap_mb_100k', heaps.first, heapBasis, undefined, 'baseline: first Map matcher (1081bf6)');
add('matcher_memory_ratio_vs_map_100k', heaps.ratio, heapBasis, 2, 'Map walk ÷ lib/matcher (the decision rule: ≥ 2)', true);

// --- register pipeline, on registers the extension would download (≤ the 5 MB cap)
const cap = await toolsAtCap();
const atCap = await pipelineMs(cap.toolCount, rounds);
add('register_pipeline_ms_at_cap', atCap.times, { samples: rounds, dropped: 0 }, 1000, `${cap.toolCount} tools with full sheets, ${(atCap.bytes / 2 ** 20).toFixed(2)} MB signed (cap ${(REGISTER_MAX_BYTES / 2 ** 20).toFixed(0)} MB); 5,000 such tools do not fit`);
const at2k = await pipelineMs(2_000, rounds);
add('register_pipeline_ms_2k', at2k.times, { samples: rounds, dropped: 0 }, undefined, `2,000 tools, ${(at2k.bytes / 2 ** 20).toFixed(2)} MB signed: the register of badge_cold_ms_p95_2k`);

// --- real Chromium: rounds in fresh browsers, with the demo register and with 2,000 tools
if (!skip.has('browser')) {
const key = await demoKey();
const payload2k = syntheticPayload(2_000);
const register2k = await signPayload(payload2k, key);
if (register2k.length > REGISTER_MAX_BYTES) throw new Error('the 2,000-tool register is over the download cap');
// half the navigations hit a tool of the register (a subdomain of its ASCII domain), half miss
const hosts2k = payload2k.tools.map((t) => t.match[0]!).filter((m) => /^[a-z0-9.-]+$/.test(m));
const sites2k = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? `https://www.${hosts2k[(i * 97) % hosts2k.length]}/` : `https://www.unlisted-${i}.example/`));
const demoRounds: BrowserFigures[] = [];
const bigRounds: BrowserFigures[] = [];
for (let r = 0; r < browserRounds; r++) {
  demoRounds.push(await browserBench({ navigations: 20, coldStarts: 8, popups: 6 }));
  bigRounds.push(await browserBench({ register: register2k, sites: sites2k, navigations: 10, coldStarts: 8, popups: 0 }));
  console.log(`browser round ${r + 1}/${browserRounds} done`);
}
const browserRow = (name: string, pick: (f: BrowserFigures) => Samples, p: number, target: number | undefined, what: string, from: BrowserFigures[]) => {
  const all = from.map(pick);
  const figure = summarize(all, p);
  const values = all.flatMap((s) => s.values);
  rows.push({
    name,
    value: figure.value,
    spread: figure.spread,
    basis: { rounds: figure.rounds, samples: figure.samples, dropped: figure.dropped, warmup: figure.warmup, perSample: what },
    target,
    baseline: `p50 ${values.length ? fmt(median(values)) : '–'} ms; p95 ${values.length ? fmt(percentile(values, 95)) : '–'} ms${name.includes('cold') ? `; worker already restarting before ${from.reduce((n, f) => n + f.restartedEarly, 0)} of the navigations` : ''}`,
    failed: figure.failed,
  });
};
browserRow('badge_warm_ms_p95', (f) => f.badgeWarm, 95, 50, 'a navigation, worker awake, demo register', demoRounds);
browserRow('badge_cold_ms_p95', (f) => f.badgeCold, 95, 300, 'a navigation right after the worker was stopped, demo register', demoRounds);
browserRow('badge_warm_ms_p95_2k', (f) => f.badgeWarm, 95, 50, 'a navigation, worker awake, 2,000-tool register', bigRounds);
browserRow('badge_cold_ms_p95_2k', (f) => f.badgeCold, 95, 300, `a navigation right after the worker was stopped, 2,000-tool register (${(register2k.length / 2 ** 20).toFixed(1)} MB)`, bigRounds);
browserRow('popup_first_render_ms_p50', (f) => f.popupRender, 50, 150, 'a popup open, after 3 warm-up opens per round', demoRounds);
add('popup_js_gzip_kb', [popupJsGzipKb()], { samples: 1, dropped: 0, perSample: 'the build (deterministic)' }, 40);
}

// --- the FG console: intake on both databases (server in a child process), publishing 500 tools
const fmtBase = (values: number[]) => percentile(values, 50).toFixed(0);
if (!skip.has('console')) {
for (const kind of ['pglite', 'postgres'] as const) {
  const intake = await intakeBench(kind);
  const intakeBasis = { samples: intake.console.rps.length, dropped: intake.console.errors, warmup: 1, perSample: 'a round of 1,000 requests' };
  add(`console_intake_rps_${kind}`, intake.console.rps, intakeBasis, 50, `bare node:http + same INSERT: ${fmtBase(intake.baseline.rps)} rps`, true);
  if (intake.console.errors > 0) rows.at(-1)!.failed = `${intake.console.errors} requests not answered 201`;
  add(`console_intake_p95_ms_${kind}`, intake.console.p95, intakeBasis, 500, `p50 ${fmtBase(intake.console.p50)} ms; baseline p95 ${fmtBase(intake.baseline.p95)} ms; 16 connections`);
}
const publishing = await publishBench(rounds);
add('console_publish_ms_500_tools', publishing.publishMs, { samples: publishing.publishMs.length, dropped: 0, warmup: 1 }, 2000, `lint + sign alone ${fmtBase(publishing.baselineMs)} ms`);
}

// --- the table
const okOf = (row: Row) => !row.failed && !Number.isNaN(row.value) && (row.target === undefined || (row.atLeast ? row.value >= row.target : row.value <= row.target));
console.log(`\n${'figure'.padEnd(34)} ${'value'.padStart(9)} ${'spread'.padStart(17)} ${'target'.padStart(8)}  ok  ${'rounds/samples/dropped'.padEnd(22)} baseline / note`);
for (const row of rows) {
  const target = row.target === undefined ? '' : `${row.atLeast ? '≥' : '≤'} ${row.target}`;
  const basis = `${row.basis.rounds}/${row.basis.samples}/${row.basis.dropped}`;
  console.log(`${row.name.padEnd(34)} ${fmt(row.value).padStart(9)} ${`${fmt(row.spread[0])}–${fmt(row.spread[1])}`.padStart(17)} ${target.padStart(8)}  ${okOf(row) ? '✓ ' : '✗ '}  ${basis.padEnd(22)} ${row.baseline ?? ''}${row.failed ? `  FAILED: ${row.failed}` : ''}`);
}
const speedup = rows.find((r) => r.name === 'matcher_speedup_vs_map_100k')!;
const memory = rows.find((r) => r.name === 'matcher_memory_ratio_vs_map_100k')!;
console.log(`\nissue 15's rule: keep the typed-array index only if it beats the Map walk by ≥ 1.5× per lookup (${fmt(speedup.value)}×) or ≥ 2× in memory (${fmt(memory.value)}×): ${okOf(speedup) || okOf(memory) ? 'keep it' : 'replace it with the Map walk'}`);
console.log(`\nrounds/samples/dropped: rounds the figure rests on, samples counted over all rounds, samples lost (each a failure). A lookup sample is a batch of ${MIN_BATCH} calls.`);

const round2 = (n: number) => (Number.isNaN(n) ? null : Number(fmt(n)));
if (skip.size) {
  console.log(`\nBENCH_SKIP=${[...skip].join(',')}: bench/results.json left as it was`);
} else writeFileSync(
  'bench/results.json',
  `${JSON.stringify(
    {
      machine,
      date: new Date().toISOString(),
      loadAverage: { atStart: loadAtStart, atEnd: load() },
      figures: Object.fromEntries(rows.map((r) => [r.name, round2(r.value)])),
      spread: Object.fromEntries(rows.map((r) => [r.name, r.spread.map(round2)])),
      rounds: Object.fromEntries(rows.map((r) => [r.name, r.basis])),
      targets: Object.fromEntries(rows.filter((r) => r.target !== undefined).map((r) => [r.name, { [r.atLeast ? 'atLeast' : 'atMost']: r.target, met: okOf(r) }])),
      failed: Object.fromEntries(rows.filter((r) => r.failed).map((r) => [r.name, r.failed])),
    },
    null,
    2,
  )}\n`,
);
if (!skip.size) console.log('\nwrote bench/results.json');
const failedRows = rows.filter((r) => r.failed);
if (failedRows.length) {
  console.error(`\n${failedRows.length} figure(s) lost samples: ${failedRows.map((r) => r.name).join(', ')}`);
  process.exitCode = 1;
}
