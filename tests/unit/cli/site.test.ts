// @vitest-environment node
/** `bijsluiter site`: verifies, writes the public site inside DIR only, and says where. */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { isGeneratedSitePath } from '../../../site/paths';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RegisterPayload } from '../../../lib/register/schema';
import { insideDir } from '../../../cli/commands/site';
import { cli, tempDir } from '../../helpers/cli';
import { makeKey, samplePayload, signRegister, type TestKey } from '../../helpers/registers';

const DAY = 86_400_000;

async function signed(dir: string, name: string, payload: RegisterPayload, key: TestKey): Promise<string> {
  const path = join(dir, name);
  writeFileSync(path, await signRegister(payload, key));
  return path;
}

function current(serial = 5): RegisterPayload {
  // dated from the real clock: the command refuses a register dated ahead of it, as verify does
  return samplePayload({ serial }, new Date(Date.now() - (10 - serial) * DAY));
}

describe('bijsluiter site', () => {
  it('verifies the register, writes both languages, the feed and the snippet, and prints where', async () => {
    const dir = tempDir();
    const key = await makeKey();
    const register = await signed(dir, 'register.json', current(), key);
    const out = join(dir, 'site');
    const result = await cli('site', register, '--out', out, '--public-key', key.publicBase64);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    for (const file of ['index.html', 'en/index.html', 'tool/wordwall.html', 'en/tool/gimkit.html', 'changes.html', 'feed.xml', 'en/feed.xml', 'snippet.html', 'site.css', 'site.js']) {
      expect(existsSync(join(out, file)), file).toBe(true);
    }
    expect(result.out).toContain('verified: serial 5 of Stichting Voorbeeld Onderwijs');
    expect(result.out).toContain(`nl: ${join(out, 'index.html')}`);
    expect(result.out).toContain(`en: ${join(out, 'en', 'index.html')}`);
    expect(result.out).toContain(`snippet for the school's "privacy waarborgen" page: ${join(out, 'snippet.html')}`);
    expect(result.out).toContain('without --base-url');
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('Wordwall');
  });

  it('with --previous (verified with the same key) the changes page compares the two; --base-url makes the snippet absolute', async () => {
    const dir = tempDir();
    const key = await makeKey();
    const before = current(4);
    before.tools = before.tools.filter((t) => t.id !== 'blooket');
    const previous = await signed(dir, 'previous.json', before, key);
    const register = await signed(dir, 'register.json', current(5), key);
    const out = join(dir, 'site');
    const result = await cli('site', register, '--out', out, '--public-key', key.publicBase64, '--previous', previous, '--lang', 'en', '--base-url', 'https://school.example/tools/');
    expect(result.code).toBe(0);
    expect(result.out).toContain('changes since serial 4');
    expect(existsSync(join(out, 'en'))).toBe(false);
    const changes = readFileSync(join(out, 'changes.html'), 'utf8');
    expect(changes).toContain('List 5');
    expect(changes).toMatch(/Added.*Blooket/s);
    expect(readFileSync(join(out, 'snippet.html'), 'utf8')).toContain('href="https://school.example/tools/index.html"');

    const otherKey = await makeKey();
    const foreign = await signed(dir, 'foreign.json', before, otherKey);
    const refused = await cli('site', register, '--out', join(dir, 'site2'), '--public-key', key.publicBase64, '--previous', foreign);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('foreign.json does not verify');
    expect(existsSync(join(dir, 'site2'))).toBe(false);
  });

  it('refuses a register that does not verify, or no key, and writes nothing', async () => {
    const dir = tempDir();
    const key = await makeKey();
    const other = await makeKey();
    const register = await signed(dir, 'register.json', current(), key);
    const out = join(dir, 'site');
    const wrong = await cli('site', register, '--out', out, '--public-key', other.publicBase64);
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain('does not verify, nothing written: bad-signature');
    expect(existsSync(out)).toBe(false);

    const envelope = JSON.parse(readFileSync(register, 'utf8'));
    envelope.payload = Buffer.from(JSON.stringify({ ...current(), serial: 99 })).toString('base64');
    writeFileSync(join(dir, 'tampered.json'), JSON.stringify(envelope));
    expect((await cli('site', join(dir, 'tampered.json'), '--out', out, '--public-key', key.publicBase64)).err).toContain('bad-signature');

    const noKey = await cli('site', register, '--out', out);
    expect(noKey.code).toBe(1);
    expect(noKey.err).toContain('site needs --public-key');
    const badLang = await cli('site', register, '--out', out, '--public-key', key.publicBase64, '--lang', 'nl,de');
    expect(badLang.code).toBe(2);
    expect(badLang.err).toContain('"de" is not supported');
    const httpBase = await cli('site', register, '--out', out, '--public-key', key.publicBase64, '--base-url', 'http://school.example/');
    expect(httpBase.code).toBe(2);
    expect(existsSync(out)).toBe(false);
  });

  it('leaves unrelated files alone and removes only the pages it wrote before that the register no longer has', async () => {
    const dir = tempDir();
    const key = await makeKey();
    const out = join(dir, 'site');
    mkdirSync(join(out, 'tool'), { recursive: true });
    writeFileSync(join(out, 'school.html'), 'ours');
    writeFileSync(join(out, 'tool', 'handmade.html'), 'ours too');
    expect((await cli('site', await signed(dir, 'r5.json', current(5), key), '--out', out, '--public-key', key.publicBase64)).code).toBe(0);
    expect(existsSync(join(out, 'tool', 'gimkit.html'))).toBe(true);
    const next = current(6);
    next.tools = next.tools.filter((t) => t.id !== 'gimkit');
    const second = await cli('site', await signed(dir, 'r6.json', next, key), '--out', out, '--public-key', key.publicBase64);
    expect(second.code).toBe(0);
    expect(second.out).toContain('removed 2 page(s)');
    expect(existsSync(join(out, 'tool', 'gimkit.html'))).toBe(false);
    expect(existsSync(join(out, 'en', 'tool', 'gimkit.html'))).toBe(false);
    expect(readFileSync(join(out, 'school.html'), 'utf8')).toBe('ours');
    expect(readFileSync(join(out, 'tool', 'handmade.html'), 'utf8')).toBe('ours too');
    expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses to write outside DIR, also through a symlinked folder in it', async () => {
    const dir = tempDir();
    const key = await makeKey();
    const elsewhere = tempDir();
    const out = join(dir, 'site');
    mkdirSync(out);
    symlinkSync(elsewhere, join(out, 'tool'));
    const result = await cli('site', await signed(dir, 'r.json', current(), key), '--out', out, '--public-key', key.publicBase64);
    expect(result.code).toBe(1);
    expect(result.err).toContain('refusing to write outside');
    expect(readdirSync(elsewhere)).toEqual([]);
    expect(() => insideDir('/srv/site', '../etc/passwd')).toThrow(/outside/);
    expect(() => insideDir('/srv/site', '/etc/passwd')).toThrow(/outside/);
    expect(insideDir('/srv/site', 'en/index.html')).toBe('/srv/site/en/index.html');
  });

  it('attack: en/ replaced by a symlink between runs does not carry the stale-page removal outside DIR (control: the manifest names those files)', async () => {
    const dir = tempDir();
    const key = await makeKey();
    const out = join(dir, 'site');
    const victim = tempDir();
    expect((await cli('site', await signed(dir, 'r1.json', current(5), key), '--out', out, '--public-key', key.publicBase64, '--lang', 'nl,en')).code).toBe(0);
    // the victim folder holds files with the names the manifest lists under en/
    mkdirSync(join(victim, 'tool'), { recursive: true });
    for (const name of ['index.html', 'feed.xml', 'changes.html', join('tool', 'gimkit.html')]) writeFileSync(join(victim, name), 'not the site\'s');
    const manifest = JSON.parse(readFileSync(join(out, '.bijsluiter-site.json'), 'utf8')) as { files: string[] };
    expect(manifest.files).toContain('en/index.html'); // control: a removal that trusted the manifest would go there
    expect(manifest.files).toContain('en/tool/gimkit.html');
    rmSync(join(out, 'en'), { recursive: true });
    symlinkSync(victim, join(out, 'en'));
    const rerun = await cli('site', await signed(dir, 'r2.json', current(6), key), '--out', out, '--public-key', key.publicBase64, '--lang', 'nl');
    expect(rerun.code).toBe(1);
    expect(rerun.err).toContain('en is a symlink');
    for (const name of ['index.html', 'feed.xml', 'changes.html', join('tool', 'gimkit.html')]) expect(readFileSync(join(victim, name), 'utf8')).toBe('not the site\'s');
  });

  it('removes only names it generates, whatever the manifest lists (control: a generated stale page is removed)', async () => {
    const dir = tempDir();
    const key = await makeKey();
    const out = join(dir, 'site');
    expect((await cli('site', await signed(dir, 'r1.json', current(5), key), '--out', out, '--public-key', key.publicBase64)).code).toBe(0);
    writeFileSync(join(out, 'school.html'), 'ours');
    writeFileSync(join(out, 'tool', 'zzz.html'), 'an old tool page');
    const manifest = JSON.parse(readFileSync(join(out, '.bijsluiter-site.json'), 'utf8')) as { files: string[] };
    writeFileSync(join(out, '.bijsluiter-site.json'), JSON.stringify({ files: [...manifest.files, 'school.html', '../outside.txt', 'tool/zzz.html'] }));
    writeFileSync(join(dir, 'outside.txt'), 'outside');
    const rerun = await cli('site', await signed(dir, 'r2.json', current(6), key), '--out', out, '--public-key', key.publicBase64);
    expect(rerun.code).toBe(0);
    expect(readFileSync(join(out, 'school.html'), 'utf8')).toBe('ours');
    expect(readFileSync(join(dir, 'outside.txt'), 'utf8')).toBe('outside');
    expect(existsSync(join(out, 'tool', 'zzz.html'))).toBe(false);
    expect(isGeneratedSitePath('en/tool/gimkit.html')).toBe(true);
    expect(isGeneratedSitePath('school.html')).toBe(false);
    expect(isGeneratedSitePath('../x/index.html')).toBe(false);
  });

  it('is in the help text', async () => {
    const help = await cli('help');
    expect(help.out).toContain('site REGISTER --out DIR --public-key BASE64 [--lang nl,en] [--previous REGISTER]');
  });
});
