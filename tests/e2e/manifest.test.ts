/** The built manifest asks for what the README justifies, and nothing more. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHROME_BUILD } from '../../harness/chromium';

const manifest = JSON.parse(readFileSync(`${CHROME_BUILD}/manifest.json`, 'utf8')) as Record<string, unknown>;

function readmePermissions(): string[] {
  const readme = readFileSync('README.md', 'utf8');
  const table = readme.split('<!-- permissions:start -->')[1]?.split('<!-- permissions:end -->')[0] ?? '';
  return [...table.matchAll(/^\| `([a-zA-Z.]+)` \|/gm)].map((m) => m[1]!);
}

describe('manifest', () => {
  it('asks exactly the permissions the README justifies', () => {
    expect([...(manifest.permissions as string[])].sort()).toEqual(readmePermissions().sort());
  });
  it('has no host permissions and no content scripts', () => {
    expect(manifest.host_permissions ?? []).toEqual([]);
    expect(manifest.optional_host_permissions ?? []).toEqual([]);
    expect(manifest.content_scripts ?? []).toEqual([]);
  });
  it('keeps the default extension CSP (no inline or remote script, no eval)', () => {
    const csp = JSON.stringify(manifest.content_security_policy ?? '');
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
  });
  it('declares the managed-storage schema and the fixed id key', () => {
    expect(manifest.storage).toEqual({ managed_schema: 'managed_schema.json' });
    expect(typeof manifest.key).toBe('string');
  });
});

describe('Firefox manifest', () => {
  const firefox = JSON.parse(readFileSync('.output/firefox-mv3/manifest.json', 'utf8')) as Record<string, unknown>;
  it('asks the same permissions, no host permissions, no content scripts, default CSP', () => {
    expect([...(firefox.permissions as string[])].sort()).toEqual(readmePermissions().sort());
    expect(firefox.host_permissions ?? []).toEqual([]);
    expect(firefox.content_scripts ?? []).toEqual([]);
    expect(JSON.stringify(firefox.content_security_policy ?? '')).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
  });
});
