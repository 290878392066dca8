// @vitest-environment node
/**
 * Follows the FG guide (docs/fg-guide.md) start to finish: every command in its ```sh blocks
 * runs in a fresh folder, in order, with bash, against the example spreadsheet. `serve` runs in
 * the background and is asked for the register before it is stopped.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/cli';

const BIN = resolve('bin/bijsluiter.mjs');

function guideCommands(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) => m[1]!.split('\n').map((l) => l.trim()).filter(Boolean));
}

describe.each(['docs/fg-guide.md', 'docs/fg-guide.en.md'])('%s, followed start to finish', (guide) => {
  it('every command works in order and the result verifies', async () => {
    const dir = tempDir();
    copyFileSync('docs/leermiddelen.voorbeeld.csv', join(dir, 'leermiddelen.csv'));
    const commands = guideCommands(guide);
    expect(commands.length).toBeGreaterThanOrEqual(9);
    for (const command of commands) {
      const line = command.replace(/^npx bijsluiter /, `node ${BIN} `);
      if (command.includes(' serve ')) {
        const child = spawn('bash', ['-c', `exec ${line}`], { cwd: dir });
        try {
          const body = await (async () => {
            for (let i = 0; i < 100; i++) {
              try {
                return await (await fetch('http://127.0.0.1:8080/register.json')).json();
              } catch {
                await new Promise((r) => setTimeout(r, 100));
              }
            }
            throw new Error('serve did not answer');
          })();
          expect(body).toHaveProperty('signatures');
        } finally {
          child.kill();
        }
        continue;
      }
      const result = spawnSync('bash', ['-c', line], { cwd: dir, encoding: 'utf8' });
      expect(result.status, `${command}\n${result.stdout}\n${result.stderr}`).toBe(0);
      if (command.includes(' verify ')) expect(result.stdout).toContain('valid: signed by key');
      if (command.includes(' diff ')) expect(result.stdout).toContain('serial 1 → 2');
      // the example spreadsheet's sign-in clients: Wordwall approved, TikTok rejected
      if (command.includes(' export google-admin ')) expect(result.stdout).toContain('1 Trusted, 1 Blocked');
      if (command.includes(' export entra ')) expect(result.stdout).toContain('1 allow, 0 block');
      if (command.includes(' site ')) {
        expect(result.stdout).toContain('verified: serial 2');
        expect(readFileSync(join(dir, 'site', 'changes.html'), 'utf8')).toContain('serial-2');
        expect(readFileSync(join(dir, 'site', 'snippet.html'), 'utf8')).toContain('index.html');
      }
    }
  }, 120_000);
});
