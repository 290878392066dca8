// @vitest-environment node
/**
 * The FG's tool against hostile input (issue 14, item 4): a CSV id that walks out of --out, a
 * register whose names carry terminal escapes, a YAML alias bomb. Each refused or defused, with
 * a control that shows the same path works on honest input.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { visibleControls } from '../../../node/run-command';
import { samplePayload } from '../../helpers/registers';
import { cli, tempDir } from '../../helpers/cli';

const HEADER = 'id;naam;leverancier;land;categorie;domeinen;status';

describe('import: ids name files, so they must be ids', () => {
  it.each([['../../victim/config'], ['..'], ['a/b'], ['UPPER'], ['with space'], ['x'.repeat(65)]])('refuses the id %j and writes nothing', async (id) => {
    const root = tempDir();
    const csv = join(root, 'tools.csv');
    writeFileSync(csv, `${HEADER}\n${id};Evil;X;NL;quiz;evil.example;goedgekeurd\n`);
    const result = await cli('import', csv, '--out', join(root, 'out'));
    expect(result.code).toBe(1);
    expect(result.err).toContain('is not a tool id');
    expect(existsSync(join(root, 'out'))).toBe(false);
    expect(readdirSync(root).sort()).toEqual(['tools.csv']);
  });

  it('never overwrites a tool file (control: a fresh folder is written)', async () => {
    const root = tempDir();
    const csv = join(root, 'tools.csv');
    writeFileSync(csv, `${HEADER}\nwordwall;Wordwall;X;GB;quiz;wordwall.net;goedgekeurd\n`);
    expect((await cli('import', csv, '--out', join(root, 'fresh'))).code).toBe(0);
    expect(existsSync(join(root, 'fresh', 'tools', 'wordwall.yaml'))).toBe(true);
    mkdirSync(join(root, 'used', 'tools'), { recursive: true });
    writeFileSync(join(root, 'used', 'tools', 'wordwall.yaml'), 'id: wordwall # hand-edited\n');
    const again = await cli('import', csv, '--out', join(root, 'used'));
    expect(again.code).toBe(1);
    expect(again.err).toContain('never overwrites');
  });
});

describe('what the tool prints cannot act on the terminal', () => {
  it.each([
    ['ESC colour', 'Tool\u001b[31mRed', 'Tool\\u001b[31mRed'],
    ['carriage return hides the start', 'safe\rEVIL', 'safe\\u000dEVIL'],
    ['backspace', 'ab\bc', 'ab\\u0008c'],
    ['right-to-left override', 'abc\u202edcb', 'abc\\u202edcb'],
    ['C1 control', 'x\u009by', 'x\\u009by'],
  ])('%s is shown as an escape', (_name, raw, shown) => expect(visibleControls(raw)).toBe(shown));
  it('tabs, newlines and ordinary Unicode stay as they are', () => expect(visibleControls('a\tb\nç ë 中')).toBe('a\tb\nç ë 中'));

  it('diff of a register whose tool name carries an escape sequence prints it visibly', async () => {
    const dir = tempDir();
    const before = samplePayload();
    const after = structuredClone(before);
    after.serial += 1;
    after.tools.push({ id: 'sneaky', name: 'Sneaky\u001b[2K\rAll fine', category: 'quiz', match: ['sneaky.example'], status: 'approved', agreement: { type: 'model-verwerkersovereenkomst', signedOn: '2025-01-01' }, conditions: [], alternatives: [] });
    writeFileSync(join(dir, 'a.json'), JSON.stringify(before));
    writeFileSync(join(dir, 'b.json'), JSON.stringify(after));
    const result = await cli('diff', join(dir, 'a.json'), join(dir, 'b.json'));
    expect(result.code).toBe(0);
    expect(result.out).not.toContain('\u001b');
    expect(result.out).not.toContain('\r');
    expect(result.out).toContain('Sneaky\\u001b[2K\\u000dAll fine');
  });
});

describe('YAML that would expand without end', () => {
  it('an alias bomb is one clear line naming the file, no stack trace (control: a few aliases are fine)', async () => {
    const dir = tempDir();
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const file = join(dir, 'bomb.yaml');
    writeFileSync(file, `${levels.join('\n')}\npublisher: { name: X, fg: { email: fg@x.example } }\ntools: []\n`);
    const result = await cli('build', file, '--out', join(dir, 'bomb.json'));
    expect(result.code).toBe(1);
    expect(result.err.split('\n')).toHaveLength(1);
    expect(result.err).toContain(`${file}: too many YAML aliases`);
    expect(result.err).not.toMatch(/unexpected error|at .*\.ts:\d+/);
    const fine = join(dir, 'fine.yaml');
    writeFileSync(fine, 'fg: &fg { email: fg@x.example }\npublisher: { name: X, fg: *fg }\ntools: []\n');
    const ok = await cli('build', fine, '--out', join(dir, 'payload.json'));
    expect(ok.code, ok.err).toBe(0);
  });
});
