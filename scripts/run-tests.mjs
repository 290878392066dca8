// `npm test`: type check, unit tests, build, end-to-end tests in real browsers; then one closing
// line "tests: N passed, N failed, N skipped" that counts every test of both vitest projects,
// every file that failed outside its tests, and every step that failed before tests could run.
// `npm test -- --long` (= `npm run test:long`): the same with the register fuzzing ten times and
// the outbox soak five times the size, and fresh random seeds.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closingLine, runVitest } from './vitest-count.mjs';

const env = process.argv.includes('--long')
  ? { ...process.env, FUZZ_SCALE: process.env.FUZZ_SCALE ?? '10', SOAK_SCALE: process.env.SOAK_SCALE ?? '5' }
  : { ...process.env };
const out = mkdtempSync(join(tmpdir(), 'bijsluiter-tests-'));
const total = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

/** A step that is not a test run: when it fails, it counts as one failure and says which. */
function step(label, command) {
  console.log(`\n▶ ${label}`);
  const ok = spawnSync('sh', ['-c', command], { stdio: 'inherit', env }).status === 0;
  if (!ok) {
    total.failed += 1;
    failures.push(`${label} failed`);
  }
  return ok;
}

function vitest(project) {
  console.log(`\n▶ ${project} tests`);
  const counts = runVitest(['--project', project], { reportFile: join(out, `${project}.json`), env });
  total.passed += counts.passed;
  total.failed += counts.failed;
  total.skipped += counts.skipped;
  for (const file of counts.failedFiles) failures.push(`${project}: ${file}`);
  if (counts.failed > 0 && counts.failedFiles.length === 0) failures.push(`${project}: the run failed outside any test file`);
}

if (step('type check', 'npx wxt prepare >/dev/null && npx tsc --noEmit')) {
  vitest('unit');
  // the console's tests run on the embedded database and on the machine's PostgreSQL
  const postgres = spawnSync('node', ['scripts/ensure-postgres.mjs'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], env });
  if (postgres.status === 0) env.TEST_DATABASE_URL = postgres.stdout.trim().split('\n').at(-1);
  else {
    total.failed += 1;
    failures.push('PostgreSQL for the console tests could not be started');
  }
  vitest('console');
  if (step('browsers and builds', 'node scripts/ensure-browsers.mjs && npx wxt build && npx wxt build -b firefox && BIJSLUITER_BENCH=1 npx wxt build')) vitest('e2e');
}
if (failures.length > 0) console.log(`\nFailed:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
console.log(`\n${closingLine(total)}`);
process.exit(total.failed > 0 ? 1 : 0);
