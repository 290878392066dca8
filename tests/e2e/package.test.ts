/**
 * Releases a school can trust (issue 14, item 5): `npm run package` output is what the README
 * says, carries the version from package.json, its checksums match, and it is reproducible:
 * the same commit built and packaged twice gives the same bytes.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';

const version = JSON.parse(readFileSync('package.json', 'utf8')).version as string;
const pack = () => {
  const out = mkdtempSync(join(tmpdir(), 'bijsluiter-dist-'));
  execFileSync('node', ['scripts/package.mjs', '--out', out], { stdio: 'ignore' });
  return out;
};
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

// packaged from the builds `npm test` made before the end-to-end tests, before this file rebuilds
let packedBefore = '';

describe('npm run package', () => {
  it('writes the store zip, the Firefox xpi, the sources, updates.json and checksums that match', () => {
    const out = pack();
    packedBefore = readFileSync(join(out, 'SHA256SUMS'), 'utf8');
    expect(readdirSync(out).sort()).toEqual(['SHA256SUMS', `bijsluiter-chrome-${version}.zip`, `bijsluiter-firefox-${version}.xpi`, `bijsluiter-sources-${version}.zip`, 'updates.json']);
    for (const line of readFileSync(join(out, 'SHA256SUMS'), 'utf8').trim().split('\n')) {
      const [hash, name] = line.split('  ');
      expect(sha(join(out, name!)), name).toBe(hash);
    }
    const chrome = unzipSync(readFileSync(join(out, `bijsluiter-chrome-${version}.zip`)));
    const firefox = unzipSync(readFileSync(join(out, `bijsluiter-firefox-${version}.xpi`)));
    expect(JSON.parse(new TextDecoder().decode(chrome['manifest.json'])).version).toBe(version);
    expect(JSON.parse(new TextDecoder().decode(firefox['manifest.json'])).browser_specific_settings.gecko.id).toBe('bijsluiter@bijsluiter.nl');
    const updates = JSON.parse(readFileSync(join(out, 'updates.json'), 'utf8'));
    expect(updates.addons['bijsluiter@bijsluiter.nl'].updates[0]).toMatchObject({ version, update_hash: `sha256:${sha(join(out, `bijsluiter-firefox-${version}.xpi`))}` });
    const sources = unzipSync(readFileSync(join(out, `bijsluiter-sources-${version}.zip`)));
    expect(Object.keys(sources)).toEqual(expect.arrayContaining(['package.json', 'package-lock.json', 'wxt.config.ts', 'lib/register/schema.ts']));
  });

  it('is reproducible: build and package again from the same commit, the same bytes', () => {
    // as `npm run package` builds: NODE_ENV=production (vitest sets "test", which changes the bundle)
    const build = () => {
      const env = { ...process.env, NODE_ENV: 'production' };
      execFileSync('npx', ['wxt', 'build'], { stdio: 'ignore', env });
      execFileSync('npx', ['wxt', 'build', '-b', 'firefox'], { stdio: 'ignore', env });
      return readFileSync(join(pack(), 'SHA256SUMS'), 'utf8');
    };
    const first = build();
    const second = build();
    expect(second).toBe(first);
    // and the builds npm test made (no NODE_ENV) are the same as the release's
    expect(first).toBe(packedBefore);
  }, 180_000);
});
