// @vitest-environment node
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign as nodeSign, verify as nodeVerify } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importPublicKey, type TrustedKey } from '../../../lib/register/dsse';
import { REGISTER_PAYLOAD_TYPE, type RegisterPayload } from '../../../lib/register/schema';
import { acceptRegister } from '../../../lib/sync/accept-register';
import { loadPayload } from '../../../lib/sync/sync-register';
import { computeVerdict } from '../../../lib/verdict';
import { startServe } from '../../../cli/commands/serve';
import { samplePayload } from '../../helpers/registers';
import { cli, tempDir } from '../../helpers/cli';

const FIXTURES = 'tests/fixtures/cli';

async function keys(dir: string) {
  expect((await cli('keygen', '--out', dir)).code).toBe(0);
  return { pem: join(dir, 'register-private-key.pem'), publicKey: readFileSync(join(dir, 'register-public-key.txt'), 'utf8').trim() };
}

function pae(type: string, payload: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`DSSEv1 ${Buffer.byteLength(type)} ${type} ${payload.length} `), payload]);
}

function writeJson(path: string, value: unknown): string {
  writeFileSync(path, JSON.stringify(value));
  return path;
}

describe('keygen', () => {
  it('writes a PKCS#8 PEM private key (mode 0600) and the base64 raw public key; never overwrites', async () => {
    const dir = tempDir();
    const result = await cli('keygen', '--out', dir);
    expect(result.code).toBe(0);
    const pemPath = join(dir, 'register-private-key.pem');
    expect(statSync(pemPath).mode & 0o777).toBe(0o600);
    const key = createPrivateKey(readFileSync(pemPath));
    expect(key.asymmetricKeyType).toBe('ed25519');
    const raw = createPublicKey(key).export({ format: 'der', type: 'spki' }).subarray(-32);
    expect(readFileSync(join(dir, 'register-public-key.txt'), 'utf8').trim()).toBe(raw.toString('base64'));
    expect(result.out).toMatch(/key id: +[0-9a-f]{64}/);
    const again = await cli('keygen', '--out', dir);
    expect(again.code).toBe(1);
    expect(again.err).toContain('never overwrites');
  });
});

describe('build', () => {
  it('builds from a CSV with Dutch headers, statuses and dates, plus a publisher file', async () => {
    const dir = tempDir();
    const out = join(dir, 'payload.json');
    const result = await cli('build', `${FIXTURES}/tools.csv`, '--publisher', `${FIXTURES}/publisher.yaml`, '--out', out, '--serial', '3');
    expect(result.code, result.err).toBe(0);
    const payload = JSON.parse(readFileSync(out, 'utf8')) as RegisterPayload;
    expect(payload.serial).toBe(3);
    expect(Date.parse(payload.expiresAt) - Date.parse(payload.issuedAt)).toBe(60 * 86_400_000);
    expect(payload.tools.map((t) => [t.id, t.status])).toEqual([['wordwall', 'approved'], ['kahoot', 'approved'], ['tiktok', 'rejected'], ['blooket', 'pending']]);
    expect(payload.tools[0]!.agreement).toMatchObject({ signedOn: '2025-03-01', validUntil: '2027-07-31', reference: 'VO-2025-031', bijsluiterVersion: '3.1' });
    expect(payload.tools[1]!.match).toEqual(['kahoot.com', 'kahoot.it']);
    expect(payload.tools[3]!.match).toEqual(['www.blooket.com']);
  });

  it('builds the demo source folder; --previous makes the serial one higher', async () => {
    const dir = tempDir();
    const first = join(dir, 'one.json');
    expect((await cli('build', 'demo/source', '--out', first, '--serial', '41')).code).toBe(0);
    const second = join(dir, 'two.json');
    expect((await cli('build', 'demo/source', '--out', second, '--previous', first, '--valid-days', '30')).code).toBe(0);
    const payload = JSON.parse(readFileSync(second, 'utf8')) as RegisterPayload;
    expect(payload.serial).toBe(42);
    expect(payload.tools).toHaveLength(30);
    expect(Date.parse(payload.expiresAt) - Date.parse(payload.issuedAt)).toBe(30 * 86_400_000);
  });

  it('names file and line for a YAML syntax error and for a wrong field; writes nothing', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.yaml'), 'publisher:\n  name: X\n  fg: {email: fg@x.example\ntools: []\n');
    const out = join(dir, 'out.json');
    const syntax = await cli('build', join(dir, 'bad.yaml'), '--out', out);
    expect(syntax.code).toBe(1);
    expect(syntax.err).toMatch(/bad\.yaml:\d+:\d+: /);
    writeFileSync(join(dir, 'wrong.yaml'), 'publisher:\n  name: X\n  fg:\n    email: fg@x.example\ntools:\n  - id: t1\n    name: T\n    category: quiz\n    match: [github.io]\n    status: approved\n');
    const wrong = await cli('build', join(dir, 'wrong.yaml'), '--out', out);
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain('t1: tools[0].match[0]: invalid pattern "github.io"');
    expect(wrong.err).toContain('wrong.yaml:9');
    expect(wrong.err).toContain('an approved tool needs its agreement');
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it('names row and column for a malformed CSV', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.csv'), 'naam,status,getekend op\nA,goedgekeurd,31-31-2025\n');
    const result = await cli('build', join(dir, 'bad.csv'), '--publisher', `${FIXTURES}/publisher.yaml`, '--out', join(dir, 'o.json'));
    expect(result.err).toContain('bad.csv: row 2, column "signed on": "31-31-2025" is not a date');
    writeFileSync(join(dir, 'quote.csv'), 'naam,status\n"A,goedgekeurd\n');
    expect((await cli('build', join(dir, 'quote.csv'), '--publisher', `${FIXTURES}/publisher.yaml`, '--out', join(dir, 'o.json'))).err).toContain('row 2: a quoted field is not closed');
    writeFileSync(join(dir, 'status.csv'), 'naam,status\nA,misschien\n');
    expect((await cli('build', join(dir, 'status.csv'), '--publisher', `${FIXTURES}/publisher.yaml`, '--out', join(dir, 'o.json'))).err).toContain('row 2, column "status": "misschien" is not a status');
  });

  it('fails clearly on a missing source or a CSV without publisher', async () => {
    expect((await cli('build', 'nope.yaml', '--out', '/tmp/x.json')).err).toContain('source not found: nope.yaml');
    expect((await cli('build', `${FIXTURES}/tools.csv`, '--out', '/tmp/x.json')).err).toContain('needs --publisher');
    expect((await cli('build', 'demo/source')).err).toContain('build needs --out');
  });
});

describe('lint', () => {
  it('errors exit 1: full Public Suffix List, unknown alternatives, duplicates, approved without agreement', async () => {
    const payload = structuredClone(samplePayload());
    payload.tools[0]!.match = ['ngrok.app'];
    payload.tools[4]!.alternatives = ['nope'];
    (payload.tools[1] as { agreement: unknown }).agreement = null;
    payload.tools[3]!.id = 'gimkit';
    const result = await cli('lint', writeJson(join(tempDir(), 'p.json'), payload));
    expect(result.code).toBe(1);
    expect(result.out).toContain('wordwall: tools[0].match[0]: invalid pattern "ngrok.app": "ngrok.app" is on the Public Suffix List');
    expect(result.out).toContain('tiktok: tools[4].alternatives[0]: alternative "nope" is not a tool in this register');
    expect(result.out).toContain('forms: tools[1].agreement: an approved tool needs its agreement');
    expect(result.out).toContain('duplicate id "gimkit"');
  });

  it('warnings exit 0: expired and expiring agreements, changed sheet, data outside the EEA', async () => {
    const result = await cli('lint', writeJson(join(tempDir(), 'p.json'), samplePayload({}, new Date())));
    expect(result.code).toBe(0);
    expect(result.out).toContain('oldtool: tools[2].agreement.validUntil: the agreement expired on 2026-07-31');
    expect(result.out).toContain('forms: tools[1].bijsluiter.version: the privacy sheet is version 2.0 but the school signed 1.0');
    expect(result.out).toContain('wordwall: tools[0].bijsluiter: personal data is stored or processed outside the EEA: GB');
    expect(result.out).toMatch(/0 error\(s\), \d+ warning\(s\)/);
    const json = await cli('lint', '--json', writeJson(join(tempDir(), 'p.json'), samplePayload({}, new Date())));
    expect(JSON.parse(json.out)).toEqual(expect.arrayContaining([expect.objectContaining({ level: 'warning', toolId: 'oldtool' })]));
  });
});

describe('sign and verify', () => {
  it('signs a clean payload; verify prints the summary; the extension accepts it', async () => {
    const dir = tempDir();
    const { pem, publicKey } = await keys(dir);
    const payloadPath = writeJson(join(dir, 'p.json'), samplePayload({}, new Date()));
    const registerPath = join(dir, 'register.json');
    const signed = await cli('sign', payloadPath, '--key', pem, '--out', registerPath);
    expect(signed.code, signed.err).toBe(0);
    const verified = await cli('verify', registerPath, '--public-key', publicKey);
    expect(verified.code).toBe(0);
    expect(verified.out).toContain('publisher: Stichting Voorbeeld Onderwijs (FG fg@voorbeeld.example)');
    expect(verified.out).toContain('serial: 5');
    expect(verified.out).toContain('tools: 6 (approved 3, pending 1, rejected 1, unvetted 1)');
  });

  it('a CLI signature verifies with Node crypto (PAE by hand); a Node-crypto signature verifies with the CLI', async () => {
    const dir = tempDir();
    const { pem, publicKey } = await keys(dir);
    const registerPath = join(dir, 'register.json');
    await cli('sign', writeJson(join(dir, 'p.json'), samplePayload({}, new Date())), '--key', pem, '--out', registerPath);
    const envelope = JSON.parse(readFileSync(registerPath, 'utf8'));
    const payload = Buffer.from(envelope.payload, 'base64');
    const nodePublic = createPublicKey(createPrivateKey(readFileSync(pem)));
    expect(nodeVerify(null, pae(envelope.payloadType, payload), nodePublic, Buffer.from(envelope.signatures[0].sig, 'base64'))).toBe(true);
    expect(Buffer.from(nodePublic.export({ format: 'der', type: 'spki' }).subarray(-32)).toString('base64')).toBe(publicKey);

    const pair = generateKeyPairSync('ed25519');
    const body = Buffer.from(JSON.stringify(samplePayload({}, new Date())));
    const sig = nodeSign(null, pae(REGISTER_PAYLOAD_TYPE, body), pair.privateKey);
    const ours = writeJson(join(dir, 'node.json'), { payloadType: REGISTER_PAYLOAD_TYPE, payload: body.toString('base64'), signatures: [{ sig: sig.toString('base64') }] });
    const raw = pair.publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('base64');
    expect((await cli('verify', ours, '--public-key', raw)).code).toBe(0);
    const wrongKey = await cli('verify', ours, '--public-key', publicKey);
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.err).toContain('INVALID: bad-signature');
  });

  it('refuses to sign a payload with lint errors, a signed file, and keys that are not Ed25519 PKCS#8', async () => {
    const dir = tempDir();
    const { pem } = await keys(dir);
    const bad = structuredClone(samplePayload());
    bad.tools[0]!.match = ['github.io'];
    const out = join(dir, 'r.json');
    const refused = await cli('sign', writeJson(join(dir, 'bad.json'), bad), '--key', pem, '--out', out);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('refusing to sign: 1 error(s)');
    expect(existsSync(out)).toBe(false);
    await cli('sign', writeJson(join(dir, 'p.json'), samplePayload({}, new Date())), '--key', pem, '--out', out);
    expect((await cli('sign', out, '--key', pem, '--out', join(dir, 'x.json'))).err).toContain('already a signed register');
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    writeFileSync(join(dir, 'rsa.pem'), rsa);
    expect((await cli('sign', join(dir, 'p.json'), '--key', join(dir, 'rsa.pem'), '--out', join(dir, 'y.json'))).err).toContain('not an Ed25519 private key');
    writeFileSync(join(dir, 'junk.pem'), 'hello');
    expect((await cli('sign', join(dir, 'p.json'), '--key', join(dir, 'junk.pem'), '--out', join(dir, 'y.json'))).err).toContain('not a PKCS#8 PEM private key');
    expect((await cli('sign', join(dir, 'p.json'), '--key', join(dir, 'missing.pem'), '--out', join(dir, 'y.json'))).err).toContain('key file not found');
  });

  it('verify names what is wrong with a tampered register', async () => {
    const dir = tempDir();
    const { pem, publicKey } = await keys(dir);
    const registerPath = join(dir, 'r.json');
    await cli('sign', writeJson(join(dir, 'p.json'), samplePayload({}, new Date())), '--key', pem, '--out', registerPath);
    const envelope = JSON.parse(readFileSync(registerPath, 'utf8'));
    const body = JSON.parse(Buffer.from(envelope.payload, 'base64').toString());
    body.tools[4].status = 'approved';
    envelope.payload = Buffer.from(JSON.stringify(body)).toString('base64');
    const result = await cli('verify', writeJson(join(dir, 't.json'), envelope), '--public-key', publicKey);
    expect(result.code).toBe(1);
    expect(result.err).toContain('bad-signature');
    expect((await cli('verify', registerPath, '--public-key', 'abc')).err).toContain('is not standard base64');
  });
});

describe('diff', () => {
  it('lists added, removed, status changes and the important changes of art. 13.3', async () => {
    const dir = tempDir();
    const before = samplePayload();
    before.tools[0]!.bijsluiter = { version: '3.1', purposes: ['a'], personalData: { categories: ['Naam'] }, subprocessors: [{ name: 'AWS', task: 'Hosting', country: 'IE' }, { name: 'Mailer', country: 'NL' }], security: { processingCountries: ['IE'] } };
    const after = structuredClone(before);
    after.serial = 6;
    after.tools[0]!.bijsluiter = { version: '3.2', purposes: ['a', 'p'], personalData: { categories: ['Naam', 'Geboortedatum'], special: ['Gezondheid'] }, subprocessors: [{ name: 'AWS', task: 'Hosting', country: 'IE' }, { name: 'Mailer', country: 'US' }, { name: 'OpenAI', task: 'AI', country: 'US' }], security: { processingCountries: ['IE', 'US'] } };
    after.tools[4]!.status = 'unvetted';
    after.tools.splice(5, 1);
    after.tools.push({ id: 'new-tool', name: 'Nieuw', category: 'quiz', match: ['nieuw.example'], status: 'pending', conditions: [], alternatives: [] });
    const result = await cli('diff', writeJson(join(dir, 'a.json'), before), writeJson(join(dir, 'b.json'), after));
    expect(result.code).toBe(0);
    for (const expected of ['serial 5 → 6', '+ new-tool (Nieuw): added, pending', '- gimkit (Gimkit): removed (was unvetted)', '~ tiktok (TikTok): rejected → unvetted',
      'IMPORTANT (art. 13.3, re-accept before use): more personal data: Geboortedatum', 'more special personal data: Gezondheid', 'new purposes: p',
      'new subprocessor: OpenAI (AI) in US, outside the EEA', 'subprocessor Mailer moved from NL to US, outside the EEA', 'new processing country: US, outside the EEA', 'privacy sheet version 3.1 → 3.2']) {
      expect(result.out, expected).toContain(expected);
    }
    const json = JSON.parse((await cli('diff', '--json', join(dir, 'a.json'), join(dir, 'b.json'))).out);
    expect(json.changed.find((c: { id: string }) => c.id === 'wordwall').important).toHaveLength(6);
  });
});

describe('serve', () => {
  it('serves the register with CORS and the request receiver', async () => {
    const dir = tempDir();
    const registerPath = writeJson(join(dir, 'r.json'), { hello: 'register' });
    const serving = await startServe(registerPath, 0, join(dir, 'requests.json'));
    try {
      const response = await fetch(`${serving.url}/register.json`);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(await response.json()).toEqual({ hello: 'register' });
      const post = await fetch(`${serving.url}/api/requests`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
      expect(post.status).toBe(400);
    } finally {
      await serving.close();
    }
  });
});

describe('round trip', () => {
  it('keygen → import CSV → build YAML folder → lint → sign → verify → the extension gives verdicts', async () => {
    const dir = tempDir();
    const { pem, publicKey } = await keys(join(dir, 'keys'));
    expect((await cli('import', `${FIXTURES}/tools.csv`, '--out', join(dir, 'source'), '--publisher', `${FIXTURES}/publisher.yaml`)).code).toBe(0);
    expect(readdirSync(join(dir, 'source', 'tools')).sort()).toEqual(['blooket.yaml', 'kahoot.yaml', 'tiktok.yaml', 'wordwall.yaml']);
    expect((await cli('build', join(dir, 'source'), '--out', join(dir, 'payload.json'))).code).toBe(0);
    expect((await cli('lint', join(dir, 'payload.json'))).code).toBe(0);
    expect((await cli('sign', join(dir, 'payload.json'), '--key', pem, '--out', join(dir, 'register.json'))).code).toBe(0);
    expect((await cli('verify', join(dir, 'register.json'), '--public-key', publicKey)).code).toBe(0);

    const key = (await importPublicKey(publicKey)) as TrustedKey;
    const accepted = await acceptRegister(readFileSync(join(dir, 'register.json')), { keys: [key], now: new Date() });
    expect(accepted.ok).toBe(true);
    if (!accepted.ok) return;
    const register = loadPayload(accepted.payload);
    const verdict = (url: string) => computeVerdict({ url, register, catalog: null, openRequests: [], now: new Date() }).kind;
    expect([verdict('https://wordwall.net/'), verdict('https://kahoot.it/'), verdict('https://www.tiktok.com/'), verdict('https://www.blooket.com/')]).toEqual(['approved', 'approved', 'rejected', 'pending']);
  });
});
