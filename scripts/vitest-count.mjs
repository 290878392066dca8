// Runs one vitest project with the JSON reporter and counts what happened, so that `npm test`'s
// closing line can count every failure: failed tests, files that failed outside their tests (a
// `beforeAll` that throws, a file that does not load), and a run that failed without a report.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

/**
 * Counts from vitest's JSON report. A file whose tests did not fail but which failed itself
 * (hook, import, syntax) counts as one failure; tests it never ran count as skipped.
 * `exitCode` non-zero with nothing counted as failed counts one failure (an unhandled error,
 * a crash), so a failing run can never close on "0 failed".
 */
export function countReport(report, exitCode) {
  const counts = { passed: 0, failed: 0, skipped: 0, failedFiles: [] };
  if (report) {
    counts.passed = report.numPassedTests;
    counts.failed = report.numFailedTests;
    counts.skipped = report.numPendingTests + report.numTodoTests;
    for (const file of report.testResults) {
      const failedTests = file.assertionResults.filter((t) => t.status === 'failed').length;
      if (file.status === 'failed') counts.failedFiles.push(file.name);
      if (file.status === 'failed' && failedTests === 0) counts.failed += 1;
    }
  }
  if (exitCode !== 0 && counts.failed === 0) counts.failed = 1;
  return counts;
}

/** Runs `vitest run` with `args` and returns the counts; output goes to the terminal. */
export function runVitest(args, { reportFile, env = process.env, cwd = process.cwd(), stdio = 'inherit' }) {
  rmSync(reportFile, { force: true });
  const result = spawnSync('npx', ['vitest', 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${reportFile}`], { stdio, env, cwd });
  const report = existsSync(reportFile) ? JSON.parse(readFileSync(reportFile, 'utf8')) : null;
  return countReport(report, result.status ?? 1);
}

/** The closing line every reader and CI trusts. */
export function closingLine({ passed, failed, skipped }) {
  return `tests: ${passed} passed, ${failed} failed, ${skipped} skipped`;
}
