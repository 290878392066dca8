// @vitest-environment node
// `npm test`'s closing line counts every failure: a fixture project with a failing test, a suite
// failing in beforeAll, a file that does not load and a skipped test, run through the same code.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript module without types
import { closingLine, countReport, runVitest } from '../../scripts/vitest-count.mjs';

const fixture = resolve('tests/fixtures/run-tests');
const reportFile = join(mkdtempSync(join(tmpdir(), 'run-tests-')), 'report.json');

describe('npm test closing line', () => {
  it('counts a failed test, a suite failing in beforeAll, a file that does not load, and skips', () => {
    // the fixture run must not think it is a worker of this run
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST')));
    const counts = runVitest([], { reportFile, cwd: fixture, stdio: 'ignore', env });
    // passed: passing ×2, failing ×1, skipped ×1; failed: the failing test, the beforeAll file, the file that does not load
    expect(counts).toMatchObject({ passed: 4, failed: 3, skipped: 4 });
    expect(counts.failedFiles.map((f: string) => f.split('/').pop()).sort()).toEqual(['before-all.case.js', 'failing.case.js', 'not-loading.case.js']);
    expect(closingLine(counts)).toBe('tests: 4 passed, 3 failed, 4 skipped');
  }, 60_000);

  it('a run that failed with no report, or with nothing counted, still counts one failure', () => {
    expect(countReport(null, 1)).toMatchObject({ failed: 1 });
    const clean = { numPassedTests: 2, numFailedTests: 0, numPendingTests: 0, numTodoTests: 0, testResults: [] };
    expect(countReport(clean, 1)).toMatchObject({ passed: 2, failed: 1 });
    // control: the same report with exit 0 is clean
    expect(countReport(clean, 0)).toMatchObject({ passed: 2, failed: 0, skipped: 0 });
  });
});
