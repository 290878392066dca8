/**
 * `npm run bench`: every speed and memory figure of issue 7, each next to its baseline and
 * target, from synthetic data with fixed seeds. Each figure is the median over several rounds;
 * the spread (min–max of the rounds) is printed beside it. Writes bench/results.json.
 *
 * Single-call timings use process.hrtime; the cost of the timer itself (measured on an empty
 * call in the same run) is subtracted.
 */
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { browserBench, popupJsGzipKb } from './browser';
import { intakeBench, publishBench } from './console';
import { buildMs, heapMb, naiveLookup, ourLookup, percentile, timeEach } from './matcher';
import { pipelineMs } from './pipeline';
import { syntheticTools, syntheticUrls } from './synthetic';

interface Row { name: string; value: number; spread: [number, number]; baseline?: string; target?: number; atLeast?: boolean }

const median = (values: number[]) => percentile(values, 50);
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const rows: Row[] = [];
const add = (name: string, perRound: number[], target?: number, baseline?: string) =>
  rows.push({ name, value: median(perRound), spread: [Math.min(...perRound), Math.max(...perRound)], target, baseline });

const timerCost = median(timeEach(Array.from({ length: 20_000 }, (_, i) => i), () => undefined, 3));
const corrected = (samples: number[]) => samples.map((s) => Math.max(0, s - timerCost));

console.log(`machine: ${cpus()[0]?.model ?? 'unknown'}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; timer cost ${timerCost} ns subtracted`);

// --- matcher at 100,000 patterns
const tools100k = syntheticTools(100_000);
const urls100k = syntheticUrls(tools100k, 20_000);
const ours100k = ourLookup(tools100k);
const p50: number[] = [];
const p99: number[] = [];
for (let r = 0; r < rounds; r++) {
  const samples = corrected(timeEach(urls100k, ours100k, 1));
  p50.push(percentile(samples, 50));
  p99.push(percentile(samples, 99));
}
const naive100k = naiveLookup(tools100k);
const naive100kP50 = percentile(corrected(timeEach(urls100k.slice(0, 300), naive100k, 1)), 50);
add('matcher_lookup_ns_p50_100k', p50, 1000, `linear scan ${Math.round(naive100kP50)} ns`);
add('matcher_lookup_ns_p99_100k', p99, 5000);

// --- against the linear scan at 10,000 patterns, same URLs
const tools10k = syntheticTools(10_000, 43);
const urls10k = syntheticUrls(tools10k, 3_000, 8);
const naive10k = naiveLookup(tools10k);
const ours10k = ourLookup(tools10k);
const naiveP50: number[] = [];
const speedups: number[] = [];
for (let r = 0; r < rounds; r++) {
  const naive = percentile(corrected(timeEach(urls10k, naive10k, 1)), 50);
  const ours = percentile(corrected(timeEach(urls10k, ours10k, 1)), 50);
  naiveP50.push(naive);
  speedups.push(naive / Math.max(ours, 1));
}
add('naive_lookup_ns_p50_10k', naiveP50, undefined, 'the baseline itself');
add('matcher_speedup_10k', speedups, undefined, 'naive ÷ ours, same run');

// --- building and holding the index
add('matcher_build_ms_100k', buildMs(tools100k, rounds), 150);
add('matcher_heap_mb_100k', Array.from({ length: 3 }, () => heapMb(tools100k)), 40);

// --- register pipeline
const pipeline = await pipelineMs(5_000, rounds);
add('register_pipeline_ms_5k', pipeline.times, 1000, `${(pipeline.bytes / 1024 / 1024).toFixed(1)} MB signed register`);

// --- real Chromium
const figures = await browserBench();
add('badge_warm_ms_p95', [percentile(figures.badgeWarm, 95)], 50, `${figures.badgeWarm.length} navigations, p50 ${median(figures.badgeWarm).toFixed(1)} ms`);
add('badge_cold_ms_p95', [percentile(figures.badgeCold, 95)], 300, `${figures.badgeCold.length} worker restarts, p50 ${median(figures.badgeCold).toFixed(1)} ms`);
add('popup_js_gzip_kb', [popupJsGzipKb()], 40);
add('popup_first_render_ms_p50', [median(figures.popupRender)], 150, `${figures.popupRender.length} opens, p95 ${percentile(figures.popupRender, 95).toFixed(1)} ms`);

// --- the FG console: intake on both databases (server in a child process), publishing 500 tools
const fmtBase = (values: number[]) => percentile(values, 50).toFixed(0);
for (const kind of ['pglite', 'postgres'] as const) {
  const intake = await intakeBench(kind);
  if (intake.console.errors > 0) throw new Error(`console intake bench: ${intake.console.errors} requests not answered 201`);
  add(`console_intake_rps_${kind}`, intake.console.rps, 50, `bare node:http + same INSERT: ${fmtBase(intake.baseline.rps)} rps`);
  rows.at(-1)!.atLeast = true;
  add(`console_intake_p95_ms_${kind}`, intake.console.p95, 500, `p50 ${fmtBase(intake.console.p50)} ms; baseline p95 ${fmtBase(intake.baseline.p95)} ms; 16 connections`);
}
const publishing = await publishBench(rounds);
add('console_publish_ms_500_tools', publishing.publishMs, 2000, `lint + sign alone ${fmtBase(publishing.baselineMs)} ms`);

// --- speedup target is ≥ 100 (higher is better), like every row marked atLeast; the others are upper bounds
const speedupRow = rows.find((r) => r.name === 'matcher_speedup_10k')!;
speedupRow.target = 100;
speedupRow.atLeast = true;
const fmt = (n: number) => (Math.abs(n) >= 100 ? n.toFixed(0) : n.toFixed(2));
console.log(`\n${'figure'.padEnd(30)} ${'value'.padStart(10)} ${'spread'.padStart(19)} ${'target'.padStart(8)}  ok  baseline / note`);
for (const row of rows) {
  const target = row.target === undefined ? '' : `${row.atLeast ? '≥' : '≤'} ${row.target}`;
  const ok = row.target === undefined ? true : row.atLeast ? row.value >= row.target : row.value <= row.target;
  console.log(`${row.name.padEnd(30)} ${fmt(row.value).padStart(10)} ${`${fmt(row.spread[0])}–${fmt(row.spread[1])}`.padStart(19)} ${target.padStart(8)}  ${ok ? '✓ ' : '✗ '}  ${row.baseline ?? ''}`);
}

const machine = `${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}`;
writeFileSync('bench/results.json', `${JSON.stringify({ machine, figures: Object.fromEntries(rows.map((r) => [r.name, Number(fmt(r.value))])), spread: Object.fromEntries(rows.map((r) => [r.name, r.spread])) }, null, 2)}\n`);
console.log('\nwrote bench/results.json');
