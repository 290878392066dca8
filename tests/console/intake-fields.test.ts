/**
 * Attack 6 of the security review: intake fields the schema let through. A tool name with CR/LF
 * and phishing text went into the FG's e-mail subject and body; a `tool.host` other than the
 * URL's host made the request page propose a match pattern for another site. Each is refused at
 * the boundary with the reason; each control (the same request made right) is stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../console/context';
import { EMAIL_NAME_MAX, newRequestEmail } from '../../console/lib/notifications';
import { vettingRequestSchema, type VettingRequest } from '../../lib/requests/schema';
import { postRequest, startTestConsole, vettingRequest, type TestConsole } from '../helpers/console';

let c: TestConsole;
beforeAll(async () => {
  c = await startTestConsole('pglite');
});
afterAll(() => c.stop());

let n = 0;
const fresh = (change: (r: VettingRequest) => void) => {
  n += 1;
  const request = vettingRequest({ email: `f${n}@school.example`, host: `tool${n}.example` });
  change(request);
  return request;
};

describe('intake refuses what an FG\'s e-mail or request page would misread', () => {
  it('a tool name with CR/LF and phishing text is refused (control: the same name on one line is stored)', async () => {
    const bad = fresh((r) => { r.tool.name = 'Blooket\r\nBcc: all@school.example\r\n\r\nUw wachtwoord verloopt: log in op https://evil.example'; });
    const refused = await postRequest(c.url, c.slug, bad, c.intakeToken);
    expect(refused.status).toBe(400);
    expect((await refused.json()).error).toMatch(/tool\.name.*control characters/);
    const good = fresh((r) => { r.tool.name = 'Blooket Bcc: all@school.example Uw wachtwoord verloopt'; });
    expect((await postRequest(c.url, c.slug, good, c.intakeToken)).status).toBe(201);
  });

  it('tool.host must be the host of tool.url (control: the matching host is stored)', async () => {
    const bad = fresh((r) => { r.tool = { name: 'Baamboozle', url: 'https://www.baamboozle.com/', host: 'classroom.google.com', registerId: null }; });
    const refused = await postRequest(c.url, c.slug, bad, c.intakeToken);
    expect(refused.status).toBe(400);
    expect((await refused.json()).error).toContain('tool.host must be the host of tool.url');
    const good = fresh((r) => { r.tool = { name: 'Baamboozle', url: 'https://www.baamboozle.com/game/1', host: 'www.baamboozle.com', registerId: null }; });
    expect((await postRequest(c.url, c.slug, good, c.intakeToken)).status).toBe(201);
  });

  it.each([
    ['requester.name', (r: VettingRequest) => { r.requester.name = 'M.\u0000de Boer'; }],
    ['requester.school', (r: VettingRequest) => { r.requester.school = 'OBS\nDe Linde'; }],
    ['use.subject', (r: VettingRequest) => { r.use.subject = 'Engels\u001b[31m'; }],
    ['use.groups', (r: VettingRequest) => { r.use.groups = 'groep 7\u2028groep 8'; }],
    ['use.studentAge', (r: VettingRequest) => { r.use.studentAge = '10\u008512'; }],
    ['use.personalData', (r: VettingRequest) => { r.use.personalData = ['voornaam', 'cijfers\r']; }],
    ['use.purpose', (r: VettingRequest) => { r.use.purpose = 'Oefenen\u0007'; }],
    ['message', (r: VettingRequest) => { r.message = 'Zie \u202eredro\u202c bijlage'; }],
    ['tool.name', (r: VettingRequest) => { r.tool.name = 'Quiz\u2066tool'; }],
    ['tool.url', (r: VettingRequest) => { r.tool.url = `https://${r.tool.host}/\t`; }],
  ])('a control character in %s is refused with the field named', async (path, change) => {
    const refused = await postRequest(c.url, c.slug, fresh(change), c.intakeToken);
    expect(refused.status).toBe(400);
    expect((await refused.json()).error).toContain(path);
  });

  it('line breaks and tabs stay allowed where a teacher writes lines: the purpose and the message (control)', async () => {
    const good = fresh((r) => { r.use.purpose = 'Oefenen\nmet woordjes'; r.message = 'Eerste regel\r\nTweede regel\tmet tab'; });
    expect(vettingRequestSchema.safeParse(good).success).toBe(true);
    expect((await postRequest(c.url, c.slug, good, c.intakeToken)).status).toBe(201);
  });
});

describe('the FG\'s e-mail quotes and shortens the tool name', () => {
  const ctx = { settings: defaultSettings('https://fg.example.nl') } as never;
  const board = { slug: 'linde', name: 'Stichting Linde' } as never;
  it('a long name is cut to the limit inside quotes; no line break reaches the subject, even from an old row', () => {
    const long = `Quiz ${'heel '.repeat(60)}lang\r\nBcc: x@evil.example`;
    const mail = newRequestEmail(ctx, board, { toolName: long, toolHost: 'quiz.example', requestId: 'r1' }, 'fg@linde.example', 'nl');
    if (mail.kind !== 'email') throw new Error('not an e-mail');
    expect(mail.subject).not.toMatch(/[\r\n]/);
    const quoted = /“([^”]*)”/.exec(mail.subject)![1]!;
    expect([...quoted].length).toBeLessThanOrEqual(EMAIL_NAME_MAX);
    expect(quoted.endsWith('…')).toBe(true);
    expect(mail.text.split('\n')[0]).toContain(`“${quoted}”`);
    // control: a short name is whole
    const short = newRequestEmail(ctx, board, { toolName: 'Blooket', toolHost: 'www.blooket.com', requestId: 'r2' }, 'fg@linde.example', 'en');
    if (short.kind !== 'email') throw new Error('not an e-mail');
    expect(short.subject).toBe('New request: “Blooket” (www.blooket.com)');
  });
});
