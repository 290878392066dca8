// @vitest-environment node
/** Both demo boards build without errors; the Flemish one's sheets follow the Intentieverklaring. */
import { describe, expect, it } from 'vitest';
import { buildPayload } from '../../cli/commands/build';
import { demoPayload } from '../../harness/demo-register';
import { toolFramework } from '../../lib/register/framework';

describe('demo sources', () => {
  it.each(['demo/source', 'demo/source-flemish'])('%s builds without errors', (source) => {
    const { problems } = buildPayload(source, { serial: 1, issuedAt: new Date() });
    expect(problems.filter((p) => p.level === 'error')).toEqual([]);
  });

  it('the Flemish board: every sheet under the Intentieverklaring, the officer called DPO; the Dutch board under the Convenant', () => {
    const flemish = demoPayload(1, new Date(), 'demo/source-flemish');
    expect(flemish.tools.map((t) => t.id).sort()).toEqual(['bingel', 'diddit', 'klascement', 'scoodle', 'smartschool']);
    for (const tool of flemish.tools.filter((t) => t.bijsluiter)) expect(toolFramework(flemish, tool), tool.id).toBe('intentieverklaring');
    expect(flemish.publisher.fg.title).toBe('DPO');
    const dutch = demoPayload();
    for (const tool of dutch.tools.filter((t) => t.bijsluiter)) expect(toolFramework(dutch, tool), tool.id).toBe('convenant-4.0');
  });
});
