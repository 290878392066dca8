/** web-ext lint on the Firefox build: no errors, no warnings, no notices. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { FIREFOX_BUILD } from '../../harness/firefox';

describe('web-ext lint', () => {
  it('reports nothing on the Firefox build', () => {
    const result = spawnSync('npx', ['web-ext', 'lint', '--source-dir', FIREFOX_BUILD, '--output', 'json', '--no-config-discovery'], { encoding: 'utf8' });
    const report = JSON.parse(result.stdout) as { count: number; errors: unknown[]; warnings: unknown[]; notices: unknown[] };
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([]);
    expect(report.notices).toEqual([]);
  });
});
