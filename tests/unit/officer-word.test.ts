import { afterEach, describe, expect, it } from 'vitest';
import { setOfficerWord, t } from '../../lib/i18n';
import { officerWord, registerFramework } from '../../lib/register/framework';

afterEach(() => setOfficerWord(null));

describe('the officer\'s word in every text', () => {
  it('a Flemish board reads DPO where the messages say FG; what is filled in stays as given', () => {
    expect(t('form_open')).toContain('FG');
    setOfficerWord(officerWord('intentieverklaring'));
    expect(t('form_open')).toContain('DPO');
    expect(t('form_open')).not.toMatch(/\bFG\b/);
    expect(t('title_pending', 'FG Toets')).toMatch(/^FG Toets: /);
    expect(t('title_pending', 'FG Toets')).toContain('DPO');
  });

  it('the register\'s own title wins; the Convenant (or no register) keeps FG', () => {
    expect(officerWord('intentieverklaring', 'privacyverantwoordelijke')).toBe('privacyverantwoordelijke');
    expect(officerWord('convenant-4.0')).toBe('FG');
    expect(officerWord(undefined)).toBe('FG');
    setOfficerWord(officerWord('convenant-4.0'));
    expect(t('form_open')).toContain('FG');
  });
});

describe('the framework of a register as a whole', () => {
  const sheet = (framework?: 'convenant-4.0' | 'intentieverklaring') => ({ bijsluiter: framework ? { framework } : {} });
  it('the publisher\'s; else the one every sheet that names one agrees on; else the Convenant', () => {
    expect(registerFramework({ publisher: { framework: 'intentieverklaring' }, tools: [sheet('convenant-4.0')] })).toBe('intentieverklaring');
    expect(registerFramework({ publisher: {}, tools: [sheet('intentieverklaring'), sheet(), { bijsluiter: null }] })).toBe('intentieverklaring');
    expect(registerFramework({ publisher: {}, tools: [sheet('intentieverklaring'), sheet('convenant-4.0')] })).toBe('convenant-4.0');
    expect(registerFramework({ publisher: {}, tools: [] })).toBe('convenant-4.0');
    expect(registerFramework(null)).toBe('convenant-4.0');
  });
});
