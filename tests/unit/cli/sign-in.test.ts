// @vitest-environment node
/**
 * The FG's side of sign-in clients (`signIn`, issue 16): lint refuses a client claimed by two
 * tools, diff names added and removed clients, the spreadsheet's "inloggen" column is read and
 * built, and `export google-admin` / `export entra` write exactly the CSV the identity providers'
 * tools take, with names escaped and defused, and only from a register that verifies.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RegisterPayload } from '../../../lib/register/schema';
import { parseSignInEntry, signInEntry } from '../../../lib/register/sign-in-text';
import { samplePayload } from '../../helpers/registers';
import { cli, tempDir } from '../../helpers/cli';

const G1 = '111111111111-wordwall.apps.googleusercontent.com';
const G2 = '222222222222-tiktok.apps.googleusercontent.com';
const G3 = '333333333333-blooket.apps.googleusercontent.com';
const M1 = '11111111-2222-4333-8444-555555555555';
const M2 = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';

function writeJson(path: string, value: unknown): string {
  writeFileSync(path, JSON.stringify(value));
  return path;
}

/** The sample register with sign-in clients: approved, rejected and pending tools each have some. */
function withClients(now = new Date()): RegisterPayload {
  const payload = samplePayload({}, now);
  payload.tools[0]!.signIn = [{ provider: 'google', clientId: G1 }, { provider: 'microsoft', clientId: M1 }, { provider: 'saml', entityId: 'https://wordwall.net/saml' }];
  payload.tools[4]!.signIn = [{ provider: 'google', clientId: G2 }, { provider: 'microsoft', clientId: M2 }];
  payload.tools[3]!.signIn = [{ provider: 'google', clientId: G3 }];
  return payload;
}

async function signed(payload: RegisterPayload) {
  const dir = tempDir();
  expect((await cli('keygen', '--out', join(dir, 'keys'))).code).toBe(0);
  const publicKey = readFileSync(join(dir, 'keys', 'register-public-key.txt'), 'utf8').trim();
  const register = join(dir, 'register.json');
  const result = await cli('sign', writeJson(join(dir, 'p.json'), payload), '--key', join(dir, 'keys', 'register-private-key.pem'), '--out', register);
  expect(result.code, result.err).toBe(0);
  return { dir, register, publicKey };
}

describe('lint', () => {
  it('a sign-in client claimed by two tools is an error naming both tools (control: each alone is fine)', async () => {
    const dir = tempDir();
    const payload = withClients();
    expect((await cli('lint', writeJson(join(dir, 'ok.json'), payload))).code).toBe(0);
    payload.tools[5]!.signIn = [{ provider: 'microsoft', clientId: M1.toUpperCase() }];
    const result = await cli('lint', writeJson(join(dir, 'twice.json'), payload));
    expect(result.code).toBe(1);
    expect(result.out).toContain(`error   gimkit: tools[5].signIn[0]: sign-in client "microsoft:${M1}" is also claimed by tool "wordwall"`);
  });

  it('a malformed client id is an error at its place', async () => {
    const payload = withClients();
    payload.tools[5]!.signIn = [{ provider: 'google', clientId: 'gimkit.example' }];
    const result = await cli('lint', writeJson(join(tempDir(), 'bad.json'), payload));
    expect(result.code).toBe(1);
    expect(result.out).toContain('gimkit: tools[5].signIn[0].clientId: must be a Google OAuth client id');
  });
});

describe('diff', () => {
  it('names sign-in clients added to and removed from a tool', async () => {
    const dir = tempDir();
    const before = withClients();
    const after = structuredClone(before);
    after.serial = 6;
    after.tools[0]!.signIn = [{ provider: 'google', clientId: G1 }, { provider: 'oauth', host: 'login.wordwall.net', clientId: 'ww-app' }];
    const result = await cli('diff', writeJson(join(dir, 'a.json'), before), writeJson(join(dir, 'b.json'), after));
    expect(result.code).toBe(0);
    expect(result.out).toContain('~ wordwall (Wordwall)\n    new sign-in client: OAuth client ww-app at login.wordwall.net\n    sign-in client removed: Microsoft app 11111111-2222-4333-8444-555555555555, SAML service provider https://wordwall.net/saml');
    const json = JSON.parse((await cli('diff', '--json', join(dir, 'a.json'), join(dir, 'b.json'))).out);
    expect(json.changed).toHaveLength(1);
  });
});

describe('spreadsheet column "inloggen" / "sign in"', () => {
  const publisher = 'tests/fixtures/cli/publisher.yaml';
  it('reads "provider:id" entries separated by ";" or new lines into signIn, and build passes them through', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 't.csv'), `naam;status;domeinen;sign-in\nWordwall;afgewezen;wordwall.net;"google:${G1.toUpperCase()}; microsoft: ${M1}\nsaml:urn:wordwall:sp ; oauth: login.entree.example ww-1"\nKahoot;in behandeling;kahoot.com;\n`);
    const out = join(dir, 'p.json');
    const result = await cli('build', join(dir, 't.csv'), '--publisher', publisher, '--out', out);
    expect(result.code, result.err).toBe(0);
    const payload = JSON.parse(readFileSync(out, 'utf8')) as RegisterPayload;
    expect(payload.tools[0]!.signIn).toEqual([
      { provider: 'google', clientId: G1.toUpperCase() },
      { provider: 'microsoft', clientId: M1 },
      { provider: 'saml', entityId: 'urn:wordwall:sp' },
      { provider: 'oauth', host: 'login.entree.example', clientId: 'ww-1' },
    ]);
    expect(payload.tools[1]).not.toHaveProperty('signIn');
    expect((await cli('lint', out)).code).toBe(0);
  });

  it('an entry without its provider names row and column; a bad id is a build error naming the row', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.csv'), `naam,status,inloggen\nA,afgewezen,${M1}\n`);
    const missing = await cli('build', join(dir, 'a.csv'), '--publisher', publisher, '--out', join(dir, 'o.json'));
    expect(missing.code).toBe(1);
    expect(missing.err).toContain(`a.csv: row 2, column "sign in": "${M1}" does not say its provider`);
    writeFileSync(join(dir, 'b.csv'), 'naam,status,inloggen\nA,afgewezen,microsoft:not-a-guid\n');
    const bad = await cli('build', join(dir, 'b.csv'), '--publisher', publisher, '--out', join(dir, 'o.json'));
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('a: tools[0].signIn[0].clientId: must be a Microsoft application (client) id, a GUID');
    expect(bad.err).toContain('b.csv: row 2');
  });

  it('the example spreadsheet in docs/ imports with its sign-in clients', async () => {
    const dir = tempDir();
    expect((await cli('import', 'docs/leermiddelen.voorbeeld.csv', '--out', join(dir, 'src'))).code).toBe(0);
    expect(readFileSync(join(dir, 'src', 'tools', 'wordwall.yaml'), 'utf8')).toContain('provider: microsoft');
  });

  it('the text form round-trips every provider', () => {
    for (const client of [{ provider: 'google', clientId: G1 }, { provider: 'microsoft', clientId: M1 }, { provider: 'saml', entityId: 'https://sp.example/md?x=1:2' }, { provider: 'oauth', host: 'idp.example', clientId: 'abc' }] as const) {
      expect(parseSignInEntry(signInEntry(client))).toEqual(client);
    }
    expect(parseSignInEntry('https://sp.example/')).toEqual({ provider: '', clientId: 'https://sp.example/' });
    expect(parseSignInEntry('  ')).toBeNull();
  });
});

describe('export google-admin', () => {
  it('writes approved tools\' Google client ids as Trusted and rejected ones as Blocked, exactly; pending ones are named as left out', async () => {
    const { dir, register, publicKey } = await signed(withClients());
    const out = join(dir, 'google.csv');
    const result = await cli('export', 'google-admin', register, '--public-key', publicKey, '--out', out);
    expect(result.code, result.err).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(
      'Name,Type,Id,Access,Org Unit\r\n' +
      `Wordwall,Web application,${G1},Trusted,/\r\n` +
      `TikTok,Web application,${G2},Blocked,/\r\n`,
    );
    expect(result.out).toContain(`wrote ${out}: 1 Trusted, 1 Blocked`);
    expect(result.out).toContain('left out, not decided yet: blooket (pending)');
    expect(result.out).toContain('2 approved or rejected tool(s) name no Google client id in signIn: forms, oldtool');
    expect(result.err).toBe('');
  });

  it('--org-unit sets the organisational unit; without --out the CSV goes to the terminal and the summary to stderr', async () => {
    const { register, publicKey } = await signed(withClients());
    const result = await cli('export', 'google-admin', register, '--public-key', publicKey, '--org-unit', '/Leerlingen/VO');
    expect(result.code, result.err).toBe(0);
    expect(result.out).toBe(`Name,Type,Id,Access,Org Unit\nWordwall,Web application,${G1},Trusted,/Leerlingen/VO\nTikTok,Web application,${G2},Blocked,/Leerlingen/VO`);
    expect(result.err).toContain('1 Trusted, 1 Blocked');
    expect((await cli('export', 'google-admin', register, '--org-unit', 'Leerlingen')).err).toContain('must be an organisational unit path starting with /');
  });

  it('quotes names with commas, quotes and line breaks, and defuses a leading = + - @ (CSV formula injection)', async () => {
    const payload = withClients();
    const names = ['Quiz, "the" game', 'Two\nlines', '=HYPERLINK("http://evil.example","x")', '+31 app', '-1 app', '@SUM(A1)'];
    payload.tools = names.map((name, i) => ({
      id: `t${i}`, name, category: 'quiz', match: [`t${i}.example`], status: 'rejected' as const, conditions: [], alternatives: [],
      signIn: [{ provider: 'google' as const, clientId: `${i + 1}-t.apps.googleusercontent.com` }],
    }));
    const { dir, register, publicKey } = await signed(payload);
    const out = join(dir, 'google.csv');
    expect((await cli('export', 'google-admin', register, '--public-key', publicKey, '--out', out)).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe([
      'Name,Type,Id,Access,Org Unit',
      '"Quiz, ""the"" game",Web application,1-t.apps.googleusercontent.com,Blocked,/',
      '"Two\nlines",Web application,2-t.apps.googleusercontent.com,Blocked,/',
      '"\'=HYPERLINK(""http://evil.example"",""x"")",Web application,3-t.apps.googleusercontent.com,Blocked,/',
      "'+31 app,Web application,4-t.apps.googleusercontent.com,Blocked,/",
      "'-1 app,Web application,5-t.apps.googleusercontent.com,Blocked,/",
      "'@SUM(A1),Web application,6-t.apps.googleusercontent.com,Blocked,/",
      '',
    ].join('\r\n'));
  });

  it('refuses a register that does not verify (tampered, or another key) and writes nothing (control: the right key works)', async () => {
    const { dir, register, publicKey } = await signed(withClients());
    const other = await signed(withClients());
    const out = join(dir, 'google.csv');
    const wrongKey = await cli('export', 'google-admin', register, '--public-key', other.publicKey, '--out', out);
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.err).toContain('does not verify, nothing exported: bad-signature');
    const envelope = JSON.parse(readFileSync(register, 'utf8'));
    const body = JSON.parse(Buffer.from(envelope.payload, 'base64').toString());
    body.tools[4].status = 'approved';
    envelope.payload = Buffer.from(JSON.stringify(body)).toString('base64');
    const tampered = await cli('export', 'google-admin', writeJson(join(dir, 'tampered.json'), envelope), '--public-key', publicKey, '--out', out);
    expect(tampered.code).toBe(1);
    expect(tampered.err).toContain('bad-signature');
    expect((await cli('export', 'google-admin', register, '--public-key', 'abc', '--out', out)).err).toContain('is not standard base64');
    expect(() => readFileSync(out)).toThrow();
    expect((await cli('export', 'google-admin', register, '--public-key', publicKey, '--out', out)).code).toBe(0);
  });

  it('without --public-key reads a payload but says it was not verified; an invalid payload is refused', async () => {
    const dir = tempDir();
    const result = await cli('export', 'google-admin', writeJson(join(dir, 'p.json'), withClients()));
    expect(result.code).toBe(0);
    expect(result.err).toContain('was not verified (no --public-key given)');
    const bad = withClients();
    bad.tools[5]!.signIn = [{ provider: 'google', clientId: G1 }];
    const refused = await cli('export', 'google-admin', writeJson(join(dir, 'bad.json'), bad));
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('is also claimed by tool "wordwall"');
  });

  it('usage errors: no target, an unknown target, no register', async () => {
    expect((await cli('export')).err).toContain('export needs a target');
    const unknown = await cli('export', 'okta', 'r.json');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('unknown export target "okta"');
    expect((await cli('export', 'google-admin')).err).toContain('export needs a REGISTER');
    expect((await cli('help')).out).toContain('export google-admin REGISTER');
  });
});

describe('export entra', () => {
  it('writes approved and rejected tools\' Microsoft application ids as allow and block, for the PowerShell script', async () => {
    const payload = withClients();
    payload.tools[0]!.name = '=Wordwall';
    const { dir, register, publicKey } = await signed(payload);
    const out = join(dir, 'entra.csv');
    const result = await cli('export', 'entra', register, '--public-key', publicKey, '--out', out);
    expect(result.code, result.err).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(`AppId,Decision,ToolId,ToolName\r\n${M1},allow,wordwall,'=Wordwall\r\n${M2},block,tiktok,TikTok\r\n`);
    expect(result.out).toContain('1 allow, 1 block');
    expect((await cli('export', 'entra', register, '--org-unit', '/')).code).toBe(2);
  });
});
