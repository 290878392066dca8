// `npm test`: type check, unit tests, build, end-to-end tests in real browsers; then one closing
// line "tests: N passed, N failed" that counts every test of both vitest projects.
// `npm test -- --long` (= `npm run test:long`): the same with the register fuzzing ten times and
// the outbox soak five times the size, and fresh random seeds.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const env = process.argv.includes('--long')
  ? { ...process.env, FUZZ_SCALE: process.env.FUZZ_SCALE ?? '10', SOAK_SCALE: process.env.SOAK_SCALE ?? '5' }
  : process.env;
const out = mkdtempSync(join(tmpdir(), 'bijsluiter-tests-'));
let passed = 0;
let failed = 0;
let broken = false;

function run(label, command, args) {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  if (result.status !== 0) broken = true;
  return result.status === 0;
}

function vitest(project) {
  const file = join(out, `${project}.json`);
  run(`${project} tests`, 'npx', ['vitest', 'run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${file}`]);
  if (!existsSync(file)) {
    failed += 1;
    return;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests + (report.numTotalTestSuites > 0 && report.numTotalTests === 0 ? 1 : 0);
}

if (run('type check', 'sh', ['-c', 'npx wxt prepare >/dev/null && npx tsc --noEmit'])) {
  vitest('unit');
  if (run('browsers and builds', 'sh', ['-c', 'node scripts/ensure-browsers.mjs && npx wxt build && npx wxt build -b firefox && BIJSLUITER_BENCH=1 npx wxt build'])) vitest('e2e');
} 
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(broken || failed > 0 ? 1 : 0);
