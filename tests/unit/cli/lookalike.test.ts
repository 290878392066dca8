// @vitest-environment node
/**
 * Look-alike hosts (issue 14, item 3): a Cyrillic "а" in wordwall.net lints with a warning that
 * names the real host and the punycode; diff shows the punycode; plain hosts stay quiet.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hostForPeople as showHost } from '../../../lib/punycode';
import { mixedScripts, skeleton } from '../../../lib/register/lookalike';
import { lintPayload } from '../../../lib/register/lint';
import { cli, tempDir } from '../../helpers/cli';
import { samplePayload } from '../../helpers/registers';

const NOW = new Date('2026-11-23T10:00:00Z');
const CYRILLIC_A = '\u0430';

function withPattern(pattern: string, name = 'Sneaky') {
  const payload = samplePayload({}, NOW);
  payload.tools.push({ id: 'sneaky', name, category: 'quiz', match: [pattern], status: 'approved', agreement: { type: 'model-verwerkersovereenkomst', signedOn: '2025-01-01' }, conditions: [], alternatives: [] });
  return payload;
}
const lookWarnings = (payload: unknown) => lintPayload(payload, '2026-11-23').filter((p) => /looks like|mixes/.test(p.message));

describe('look-alike hosts', () => {
  it('a Cyrillic а in wordwall.net: warned as mixing scripts and looking like the register\'s wordwall.net, with punycode', () => {
    const warnings = lookWarnings(withPattern(`wordw${CYRILLIC_A}ll.net`));
    expect(warnings.map((w) => w.message).join('\n')).toMatch(/mixes Cyrillic and Latin letters/);
    expect(warnings.map((w) => w.message).join('\n')).toMatch(/looks like wordwall\.net \(Wordwall\) but is another host/);
    expect(warnings.map((w) => w.message).join('\n')).toContain('xn--');
    expect(warnings.every((w) => w.level === 'warning' && w.toolId === 'sneaky')).toBe(true);
  });
  it('looks like a catalogue tool the register does not list (Ukrainian і in gimkit.com)', () => {
    const payload = withPattern('g\u0456mkit.com');
    payload.tools = payload.tools.filter((t) => t.id !== 'gimkit');
    expect(lookWarnings(payload).map((w) => w.message).join('\n')).toMatch(/looks like gimkit\.com \(Gimkit\)/);
  });
  it('controls: an honest IDN and plain hosts give no look-alike warning', () => {
    expect(lookWarnings(withPattern('bücher-school.example'))).toEqual([]);
    expect(lookWarnings(samplePayload({}, NOW))).toEqual([]);
  });
  it('helpers: scripts, skeletons, shown hosts', () => {
    expect(mixedScripts(`wordw${CYRILLIC_A}ll`)).toEqual(['Cyrillic', 'Latin']);
    expect(mixedScripts('wordwall')).toBeNull();
    expect(mixedScripts('bücher')).toBeNull();
    expect(skeleton(new URL(`https://wordw${CYRILLIC_A}ll.net`).hostname)).toBe('wordwall.net');
    expect(showHost('wordwall.net')).toBe('wordwall.net');
    expect(showHost(new URL(`https://wordw${CYRILLIC_A}ll.net`).hostname)).toMatch(/^wordwаll\.net \(xn--/);
  });
  it('diff shows the punycode of a look-alike, so it does not read as the same host', async () => {
    const dir = tempDir();
    const before = samplePayload({}, NOW);
    const after = structuredClone(before);
    after.serial += 1;
    const tool = after.tools.find((t) => t.id === 'wordwall')!;
    tool.match = [`wordw${CYRILLIC_A}ll.net`];
    writeFileSync(join(dir, 'a.json'), JSON.stringify(before));
    writeFileSync(join(dir, 'b.json'), JSON.stringify(after));
    const result = await cli('diff', join(dir, 'a.json'), join(dir, 'b.json'));
    expect(result.out).toMatch(/now also matches wordwаll\.net → wordwаll\.net \(xn--[a-z0-9-]+\.net\)/);
    expect(result.out).toContain('no longer matches wordwall.net');
  });
});
