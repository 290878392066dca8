// @vitest-environment node
/** Flemish boards (issue 18): the framework through the CSV import, build, lint and the console's tool editor. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fieldForPath, formToTool, toolToForm } from '../../../console/lib/tool-form';
import { registerPayloadSchema, toolSchema, type RegisterPayload } from '../../../lib/register/schema';
import { cli, tempDir } from '../../helpers/cli';
import { samplePayload } from '../../helpers/registers';

const NOW = new Date('2026-11-23T10:00:00Z');

function flemishPayload(): RegisterPayload {
  const payload = structuredClone(samplePayload({}, NOW));
  payload.publisher.framework = 'intentieverklaring';
  payload.tools[0]!.bijsluiter = { version: '1.0', purposes: ['a', 'c'] };
  return registerPayloadSchema.parse(payload);
}

describe('the FG\'s tools carry the framework', () => {
  it('the console\'s tool editor keeps a sheet\'s framework and puts a wrong letter on the purposes field', () => {
    const tool = toolSchema.parse({ ...samplePayload({}, NOW).tools[0], bijsluiter: { framework: 'intentieverklaring', purposes: ['a', 'h'] } });
    const form = toolToForm(tool);
    expect(form.sheetFramework).toBe('intentieverklaring');
    expect(toolSchema.parse(formToTool(form)).bijsluiter).toEqual({ framework: 'intentieverklaring', purposes: ['a', 'h'] });
    expect((toolSchema.parse(formToTool({ ...form, sheetFramework: '' })).bijsluiter as { framework?: string }).framework).toBeUndefined();
    const wrong = toolSchema.safeParse(formToTool({ ...form, purposes: ['a', 'k'] }));
    const issue = wrong.error?.issues[0];
    expect(issue?.message).toBe('purpose "k" is not in the Intentieverklaring (a–h)');
    expect(fieldForPath(issue!.path.join('.'))).toBe('purposes');
    expect(fieldForPath('bijsluiter.framework')).toBe('sheetFramework');
  });

  it('a CSV\'s kader column sets the sheet\'s framework, build passes it on, and a wrong letter fails the build', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'publisher.yaml'), 'publisher:\n  name: Scholengroep Voorbeeld\n  framework: intentieverklaring\n  fg:\n    title: DPO\n    email: dpo@voorbeeld.example\nvalidDays: 60\n');
    writeFileSync(join(dir, 'tools.csv'), 'naam,status,domeinen,bijsluiter versie,kader\nBingel,in behandeling,bingel.be,1.0,Intentieverklaring\nWordwall,in behandeling,wordwall.net,2.0,convenant 4.0\n');
    const out = join(dir, 'payload.json');
    const built = await cli('build', join(dir, 'tools.csv'), '--publisher', join(dir, 'publisher.yaml'), '--out', out);
    expect(built.code, built.err).toBe(0);
    const payload = JSON.parse(readFileSync(out, 'utf8')) as RegisterPayload;
    expect(payload.publisher).toMatchObject({ framework: 'intentieverklaring', fg: { title: 'DPO' } });
    expect(payload.tools.map((t) => t.bijsluiter?.framework)).toEqual(['intentieverklaring', 'convenant-4.0']);
    writeFileSync(join(dir, 'bad.csv'), 'naam,status,kader\nBingel,in behandeling,Wallonië\n');
    expect((await cli('build', join(dir, 'bad.csv'), '--publisher', join(dir, 'publisher.yaml'), '--out', join(dir, 'o.json'))).err).toContain('column "framework": "Wallonië" is not a framework');
    const flemish = flemishPayload();
    (flemish.tools[0]!.bijsluiter as { purposes: string[] }).purposes = ['a', 'q'];
    const lint = await cli('lint', writeJsonFile(join(dir, 'flemish.json'), flemish));
    expect(lint.code).not.toBe(0);
    expect(lint.out + lint.err).toContain('purpose "q" is not in the Intentieverklaring (a–h)');
  });
});

function writeJsonFile(path: string, value: unknown): string {
  writeFileSync(path, JSON.stringify(value, null, 2));
  return path;
}
