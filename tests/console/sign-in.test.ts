/**
 * The tool editor edits sign-in clients (`signIn`, issue 16) like any other field: one client a
 * line, round-tripped through the form, saved through the same schema and lint (a client claimed
 * by another tool is refused), and a problem marks the sign-in field itself, on both databases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldForPath, formToTool, isSheetField, toolToForm } from '../../console/lib/tool-form';
import { toolSchema, type Tool } from '../../lib/register/schema';
import { DB_KINDS, fgApi, startTestConsole, type TestConsole } from '../helpers/console';
import { FgClient } from '../helpers/fg-web';

const G1 = '111111111111-wordwall.apps.googleusercontent.com';
const M1 = '11111111-2222-4333-8444-555555555555';
const TEXT = `google: ${G1}\nmicrosoft: ${M1}\nsaml: https://wordwall.net/saml/metadata\noauth: login.entree.example wordwall-client`;

const tool = (over: Partial<Tool> = {}): Tool => ({ id: 'wordwall', name: 'Wordwall', category: 'quiz', match: ['wordwall.net'], status: 'rejected', reason: 'Nee', conditions: [], alternatives: [], ...over });

describe('tool form: signIn', () => {
  it('a tool\'s sign-in clients become one line each and come back unchanged', () => {
    const withClients = tool({ signIn: [{ provider: 'google', clientId: G1 }, { provider: 'microsoft', clientId: M1 }, { provider: 'saml', entityId: 'https://wordwall.net/saml/metadata' }, { provider: 'oauth', host: 'login.entree.example', clientId: 'wordwall-client' }] });
    const form = toolToForm(withClients);
    expect(form.signIn).toBe(TEXT);
    expect(toolSchema.parse(formToTool(form))).toEqual(withClients);
  });

  it('an empty field leaves signIn out; blank lines and spacing do not matter; ids are compared in lowercase', () => {
    expect(formToTool(toolToForm(tool()))).not.toHaveProperty('signIn');
    expect(formToTool({ ...toolToForm(tool()), signIn: '\n  \r\n' })).not.toHaveProperty('signIn');
    const parsed = toolSchema.parse(formToTool({ ...toolToForm(tool()), signIn: `\r\n  Google :  ${G1.toUpperCase()}  \r\n\r\nMICROSOFT:${M1}` }));
    expect(parsed.signIn).toEqual([{ provider: 'google', clientId: G1 }, { provider: 'microsoft', clientId: M1 }]);
  });

  it('a line the schema refuses is reported on the sign-in field, which is not part of the folded privacy sheet', () => {
    const result = toolSchema.safeParse(formToTool({ ...toolToForm(tool()), signIn: `google: ${G1}\nfacebook: 123\n${M1}` }));
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(['signIn.1.provider', 'signIn.2.provider']);
    expect(fieldForPath('signIn[1].provider')).toBe('signIn');
    expect(fieldForPath('tools[3].signIn[0].clientId')).toBe('signIn');
    expect(isSheetField('signIn')).toBe(false);
  });
});

describe.each(DB_KINDS)('tool editor on %s: signIn', (kind) => {
  let c: TestConsole;
  let fg: FgClient;
  beforeAll(async () => {
    c = await startTestConsole(kind, { now: () => new Date('2026-12-01T10:00:00Z') });
    fg = new FgClient(c.url, c.slug);
    expect((await fg.login(c.fgEmail, c.password)).status).toBe(303);
  });
  afterAll(() => c?.stop());

  const fields = (over: Record<string, string>) => ({ id: 'wordwall', name: 'Wordwall', category: 'quiz', match: 'wordwall.net', status: 'rejected', reason: 'Geen overeenkomst', ...over });

  it('saves the clients typed in the editor, shows them again in it, and the register has them', async () => {
    const saved = await fg.post('tools/new', { ...fields({ signIn: TEXT }), _csrf: await fg.csrf('tools/new') });
    expect(saved.status, saved.html).toBe(303);
    const stored = await (await fgApi(c.url, c.slug, c.apiToken, 'tools/wordwall')).json();
    expect(stored.signIn).toEqual([{ provider: 'google', clientId: G1 }, { provider: 'microsoft', clientId: M1 }, { provider: 'saml', entityId: 'https://wordwall.net/saml/metadata' }, { provider: 'oauth', host: 'login.entree.example', clientId: 'wordwall-client' }]);
    const page = (await fg.get('tools/wordwall')).html;
    const textarea = /<textarea id="signIn" name="signIn"[^>]*>([^<]*)<\/textarea>/.exec(page);
    expect(textarea?.[1]).toBe(TEXT);
    expect(page).toContain('<label for="signIn">');
  });

  it('a client another tool already claims is refused, on the sign-in field, naming that tool; nothing is saved', async () => {
    const refused = await fg.post('tools/new', { ...fields({ id: 'ww-copy', name: 'Copy', match: 'copy.example', signIn: `microsoft: ${M1}` }), _csrf: await fg.csrf('tools/new') });
    expect(refused.status).toBe(400);
    expect(refused.html).toContain(`sign-in client &quot;microsoft:${M1}&quot; is also claimed by tool &quot;wordwall&quot;`);
    const textarea = /<textarea id="signIn" name="signIn"([^>]*)>([^<]*)<\/textarea>/.exec(refused.html);
    expect(textarea?.[1]).toContain('aria-invalid="true"');
    const describedBy = /aria-describedby="([^"]+)"/.exec(textarea![1]!)![1]!;
    expect(refused.html).toMatch(new RegExp(`<li id="${describedBy}">.*?href="#signIn"`));
    // what the FG typed stays in the field
    expect(textarea?.[2]).toBe(`microsoft: ${M1}`);
    expect((await fgApi(c.url, c.slug, c.apiToken, 'tools/ww-copy')).status).toBe(404);
  });

  it('a line without a known provider is refused on the sign-in field (control: the other fields are not marked)', async () => {
    const refused = await fg.post('tools/new', { ...fields({ id: 'other', name: 'Other', match: 'other.example', signIn: 'facebook: 12345' }), _csrf: await fg.csrf('tools/new') });
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('Invalid discriminator value');
    expect(/<textarea id="signIn" name="signIn"[^>]*aria-invalid="true"/.test(refused.html)).toBe(true);
    expect(/<textarea id="match" name="match"[^>]*aria-invalid="true"/.test(refused.html)).toBe(false);
  });
});
