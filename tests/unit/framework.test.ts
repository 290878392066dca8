import { describe, expect, it } from 'vitest';
import { describeIssues } from '../../lib/register/describe-issues';
import { fgTitle, FRAMEWORKS, importantChangeArticle, purposeLetters, purposeMessageKey, sheetFramework, toolFramework } from '../../lib/register/framework';
import { bijsluiterSchema, registerPayloadSchema } from '../../lib/register/schema';
import { samplePayload } from '../helpers/registers';

function issuesOf(payload: unknown): string {
  const result = registerPayloadSchema.safeParse(payload);
  return result.success ? '' : describeIssues(result.error.issues, payload, 10);
}

describe('the agreement framework of a sheet', () => {
  it('is the sheet\'s own, else the publisher\'s, else the Convenant', () => {
    expect(sheetFramework(undefined, undefined)).toBe('convenant-4.0');
    expect(sheetFramework({}, {})).toBe('convenant-4.0');
    expect(sheetFramework({ framework: 'intentieverklaring' }, {})).toBe('intentieverklaring');
    expect(sheetFramework({ framework: 'intentieverklaring' }, { framework: 'convenant-4.0' })).toBe('convenant-4.0');
    expect(toolFramework({ publisher: {} }, { bijsluiter: { framework: 'intentieverklaring' } })).toBe('intentieverklaring');
  });

  it('has the letters a–u (Convenant) and a–h (Intentieverklaring), the articles and message keys', () => {
    expect(purposeLetters('convenant-4.0').join('')).toBe('abcdefghijklmnopqrstu');
    expect(purposeLetters('intentieverklaring').join('')).toBe('abcdefgh');
    expect(importantChangeArticle('convenant-4.0')).toBe('art. 13.3');
    expect(importantChangeArticle('intentieverklaring')).toBe('art. 9.2');
    expect(purposeMessageKey('convenant-4.0', 'a')).toBe('purpose_a');
    expect(purposeMessageKey('intentieverklaring', 'a')).toBe('purpose_iv_a');
    expect(FRAMEWORKS).toEqual(['convenant-4.0', 'intentieverklaring']);
  });

  it('names the data protection officer per framework and language, unless the register does', () => {
    expect(fgTitle('convenant-4.0', 'nl')).toBe('FG (functionaris gegevensbescherming)');
    expect(fgTitle('convenant-4.0', 'en')).toBe('FG (data protection officer)');
    expect(fgTitle('intentieverklaring', 'nl')).toBe('DPO (functionaris voor gegevensbescherming)');
    expect(fgTitle('intentieverklaring', 'en')).toBe('data protection officer (DPO)');
    expect(fgTitle('intentieverklaring', 'nl', 'privacyverantwoordelijke')).toBe('privacyverantwoordelijke');
    expect(fgTitle('intentieverklaring', 'nl', '  ')).toBe('DPO (functionaris voor gegevensbescherming)');
  });
});

describe('purpose letters in the register', () => {
  const flemish = () => {
    const payload = structuredClone(samplePayload()) as unknown as { publisher: Record<string, unknown>; tools: { bijsluiter?: Record<string, unknown> }[] };
    payload.publisher.framework = 'intentieverklaring';
    payload.tools[0]!.bijsluiter = { purposes: ['a', 'b', 'h'] };
    return payload;
  };

  it('accepts a–h under an Intentieverklaring publisher and a publisher\'s fg.title', () => {
    const payload = flemish();
    (payload.publisher.fg as Record<string, unknown>).title = 'DPO';
    expect(issuesOf(payload)).toBe('');
  });

  it('refuses a Convenant letter outside a–h in an Intentieverklaring sheet, naming the letter and the framework', () => {
    const payload = flemish();
    payload.tools[0]!.bijsluiter!.purposes = ['a', 'k'];
    expect(issuesOf(payload)).toContain('tools[0] (id "wordwall") → bijsluiter.purposes[1]: purpose "k" is not in the Intentieverklaring (a–h)');
  });

  it('refuses it by the sheet\'s own framework too, and a sheet may follow the Convenant under a Flemish publisher', () => {
    expect(bijsluiterSchema.safeParse({ framework: 'intentieverklaring', purposes: ['u'] }).error?.issues[0]?.message).toBe('purpose "u" is not in the Intentieverklaring (a–h)');
    const payload = flemish();
    payload.tools[0]!.bijsluiter = { framework: 'convenant-4.0', purposes: ['k', 'u'] };
    expect(issuesOf(payload)).toBe('');
    const dutch = structuredClone(samplePayload()) as unknown as { tools: { bijsluiter?: Record<string, unknown> }[] };
    dutch.tools[0]!.bijsluiter = { framework: 'intentieverklaring', purposes: ['i'] };
    expect(issuesOf(dutch)).toContain('purpose "i" is not in the Intentieverklaring (a–h)');
  });

  it('refuses an unknown framework and a letter beyond u', () => {
    const payload = flemish();
    payload.publisher.framework = 'convenant-3.0';
    expect(issuesOf(payload)).toContain('publisher.framework');
    const other = flemish();
    other.tools[0]!.bijsluiter!.purposes = ['v'];
    expect(issuesOf(other)).toContain('bijsluiter.purposes[0]');
  });
});
