// @vitest-environment node
/**
 * `use.personalData` of a vetting request carries the contract's codes, never the words the
 * teacher's browser shows. The codes are pinned here: changing one breaks every FG's reading of
 * requests already sent, so it has to be a deliberate change of this test, the README's list and
 * the contract (shared/spec/deployment-and-requests.md), together.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONSOLE_MESSAGES } from '../../console/ui/messages';
import { personalDataText } from '../../console/ui/request';
import { pageContext } from '../../console/ui/layout';
import { mailText } from '../../lib/requests/mailto';
import { isPersonalDataKey, PERSONAL_DATA_KEYS, personalDataLabel } from '../../lib/requests/personal-data';
import { vettingRequestSchema } from '../../lib/requests/schema';
import en from '../../public/_locales/en/messages.json';
import nl from '../../public/_locales/nl/messages.json';

/** The contract's codes, written out: not derived from the code under test. */
const CONTRACT_CODES = ['voornaam', 'achternaam', 'klas', 'email', 'scores', 'werk', 'foto', 'audio-video', 'gezondheid', 'gedrag'];
/** The contract's example request carries these (spec, "Vetting requests"). */
const SPEC_EXAMPLE = ['voornaam', 'scores'];
const root = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

type Messages = Record<string, { message: string }>;
const label = (messages: Messages) => (code: string) => messages[`data_${code.replace(/-/g, '_')}`]!.message;

describe('personalData codes (the contract)', () => {
  it('are exactly the contract\'s list, in order', () => {
    expect([...PERSONAL_DATA_KEYS]).toEqual(CONTRACT_CODES);
  });

  it('include the contract example\'s values, and that example request is valid', () => {
    const spec = root('../shared/spec/deployment-and-requests.md');
    // the contract lives beside the repository; where it is checked out, read its example itself
    const example = existsSync(spec)
      ? (JSON.parse(/```json\n([\s\S]*?)\n```/.exec(readFileSync(spec, 'utf8'))![1]!) as unknown)
      : null;
    if (example) {
      expect(vettingRequestSchema.safeParse(example).success).toBe(true);
      expect((example as { use: { personalData: string[] } }).use.personalData).toEqual(SPEC_EXAMPLE);
    }
    for (const value of SPEC_EXAMPLE) expect(isPersonalDataKey(value), value).toBe(true);
  });

  it('are the list the README gives to receivers', () => {
    const readme = readFileSync(root('README.md'), 'utf8');
    const list = /`use\.personalData` as the contract's codes[^:]*:\s*((?:`[a-z-]+`(?:, )?)+)/.exec(readme);
    expect(list, 'README names the codes').not.toBeNull();
    expect([...list![1]!.matchAll(/`([a-z-]+)`/g)].map((m) => m[1])).toEqual(CONTRACT_CODES);
  });

  it('each has a label in both languages of the extension, which the console shows too (one set of words), none of them the code\'s English form', () => {
    for (const code of PERSONAL_DATA_KEYS) {
      expect(label(en as Messages)(code), code).toBeTruthy();
      expect(label(nl as Messages)(code), code).toBeTruthy();
      expect(label(en as Messages)(code)).not.toBe(code);
      expect(personalDataText(pageContext('en', 'Eik', 'eik', null, null), [code])).toBe(label(en as Messages)(code));
      expect(personalDataText(pageContext('nl', 'Eik', 'eik', null, null), [code])).toBe(label(nl as Messages)(code));
      // the console has no copy of its own
      expect(Object.keys(CONSOLE_MESSAGES).filter((k) => k.startsWith('data_'))).toEqual([]);
    }
  });

  it('free text is kept as typed; a code becomes its label', () => {
    expect(personalDataLabel('scores', () => 'SCORES')).toBe('SCORES');
    expect(personalDataLabel('stemopnames', () => 'never')).toBe('stemopnames');
    // control: a label is not a code, so a request carrying words is not read as codes
    expect(isPersonalDataKey(label(en as Messages)('scores'))).toBe(false);
    expect(isPersonalDataKey(label(nl as Messages)('klas'))).toBe(false);
  });
});

describe('where people read them', () => {
  const request = {
    id: '5d3f0a3e-6b8e-4c53-9a5f-3a8c8f1f2b11', createdAt: '2026-11-23T10:15:00Z',
    tool: { name: 'Blooket', url: 'https://www.blooket.com/', host: 'www.blooket.com', registerId: null },
    requester: { name: 'M. de Boer', email: 'm.deboer@school.example', school: 'OBS De Linde' },
    use: { purpose: 'Oefenen', subject: '', groups: '', studentCount: null, studentAge: '', personalData: ['voornaam', 'audio-video', 'stemopnames'], neededBy: '' },
    message: '', client: { extensionVersion: '1.0.0', browser: 'chrome', registerSerial: null },
  };
  const mailLine = (messages: Messages) => mailText(request, (key, ...subs) => (messages[key]?.message ?? key).replace('$1', subs[0] ?? ''), String).body.split('\n').find((l) => l.startsWith(messages.mail_data!.message));

  it('the e-mail to the FG, in the teacher\'s language', () => {
    expect(mailLine(en as Messages)).toBe("Pupils' data that goes in: first name, audio or video recordings, stemopnames");
    expect(mailLine(nl as Messages)).toBe('Gegevens van leerlingen die erin gaan: voornaam, geluids- of video-opnames, stemopnames');
  });

  it('the FG console\'s request page, in the FG\'s language', () => {
    expect(personalDataText(pageContext('en', 'Eik', 'eik', null, null), request.use.personalData)).toBe('first name, audio or video recordings, stemopnames');
    expect(personalDataText(pageContext('nl', 'Eik', 'eik', null, null), request.use.personalData)).toBe('voornaam, geluids- of video-opnames, stemopnames');
  });
});
