/**
 * The console's command line, run in-process through `main` with a captured output (only the
 * check of `bijsluiter serve`'s defaults runs the real command in a child process): `console
 * init` (policy values, --json, never twice, file modes), `console token` (works against the FG
 * API of a console on the same folder), `console import` (YAML folder, lint errors refuse all,
 * signed register with the right and a wrong key), DATABASE_URL without BIJSLUITER_SECRET, and
 * `serve`'s test receiver, which accepts requests but never hands them back.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, rows } from '../../console/db/open';
import { startConsole } from '../../console/start';
import { startServe } from '../../cli/commands/serve';
import { cli, tempDir } from '../helpers/cli';
import { fgApi, postRequest, vettingRequest } from '../helpers/console';
import { makeKey, samplePayload, signRegister } from '../helpers/registers';

const PUBLIC_URL = 'https://fg.example.nl';
const PASSWORD = 'correct horse battery staple';

// the commands read these from the environment; each test sets what it needs
const SAVED = ['DATABASE_URL', 'BIJSLUITER_SECRET', 'PUBLIC_URL'].map((name) => [name, process.env[name]] as const);
beforeAll(() => {
  for (const [name] of SAVED) delete process.env[name];
});
afterAll(() => {
  for (const [name, value] of SAVED) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

/** What is stored, read straight from the database folder (the command has closed it). */
async function stored(dataDir: string): Promise<{ boards: number; users: number; tools: Record<string, string[]> }> {
  const database = await openDatabase({ dataDir });
  try {
    const n = async (query: string) => Number(rows<{ n: number }>(await database.db.execute(sql.raw(query)))[0]?.n);
    const tools: Record<string, string[]> = {};
    const list = rows<{ slug: string; tool_id: string }>(await database.db.execute(sql.raw('SELECT b.slug, t.tool_id FROM tools t JOIN boards b ON b.id = t.board_id ORDER BY t.tool_id')));
    for (const row of list) (tools[row.slug] ??= []).push(row.tool_id);
    return { boards: await n('SELECT count(*)::int AS n FROM boards'), users: await n('SELECT count(*)::int AS n FROM users'), tools };
  } finally {
    await database.close();
  }
}

describe('console init, token and import on an embedded database', () => {
  const root = tempDir();
  const data = join(root, 'data');
  const passwordFile = join(root, 'password.txt');
  writeFileSync(passwordFile, `${PASSWORD}\n`);
  const init = (slug: string, ...extra: string[]) =>
    cli('console', 'init', '--data', data, '--board', slug, '--name', `Stichting ${slug}`, '--fg-email', `FG@${slug}.example`, '--public-url', PUBLIC_URL, ...extra);
  let linde: { registerUrl: string; publicKeys: string[]; requestEndpoint: string; requestToken: string };

  it('init prints the policy values built from --public-url, and the password only when it made one', async () => {
    const result = await init('linde', '--password-file', passwordFile);
    expect(result.code, result.err).toBe(0);
    expect(result.out).toContain('board "linde" (Stichting linde) created');
    expect(result.out).toContain(`${PUBLIC_URL}/b/linde/fg/`);
    expect(result.out).not.toContain(PASSWORD);
    expect(result.out).not.toMatch(/password:/);
    const policy = JSON.parse(result.out.slice(result.out.indexOf('{')));
    expect(Object.keys(policy).sort()).toEqual(['publicKeys', 'registerUrl', 'requestEndpoint', 'requestToken']);
    expect(policy).toMatchObject({ registerUrl: `${PUBLIC_URL}/b/linde/register.json`, requestEndpoint: `${PUBLIC_URL}/b/linde/api/requests` });
    expect(policy.publicKeys).toHaveLength(1);
    expect(Buffer.from(policy.publicKeys[0], 'base64')).toHaveLength(32);
    expect(policy.requestToken).toMatch(/^bji/);
    linde = policy;
  });

  it('init --json prints exactly { board, policy } on stdout and nothing else there', async () => {
    const result = await init('eik', '--json');
    expect(result.code, result.err).toBe(0);
    expect(result.out.split('\n')).toHaveLength(1);
    const json = JSON.parse(result.out);
    expect(Object.keys(json).sort()).toEqual(['board', 'policy']);
    expect(json.board).toBe('eik');
    expect(Object.keys(json.policy).sort()).toEqual(['publicKeys', 'registerUrl', 'requestEndpoint', 'requestToken']);
    expect(json.policy).toMatchObject({ registerUrl: `${PUBLIC_URL}/b/eik/register.json`, requestEndpoint: `${PUBLIC_URL}/b/eik/api/requests` });
    expect(json.policy.publicKeys[0]).not.toBe(linde.publicKeys[0]);
    // no --password-file: the password it made goes to stderr, once, not into the JSON
    expect(result.err).toMatch(/^password for fg@eik\.example \(shown once\): \S{12,}$/);
  });

  it('init again for the same board exits 1 and adds nothing', async () => {
    const before = await stored(data);
    expect(before.boards).toBe(2);
    const again = await init('linde', '--password-file', passwordFile, '--json');
    expect(again.code).toBe(1);
    expect(again.out).toBe('');
    expect(again.err).toContain('board "linde" already exists; nothing was added');
    expect(await stored(data)).toEqual(before);
  });

  it('keeps the master key in DIR/secret.key (0600) and the database in a folder only its owner can read (0700)', () => {
    expect(statSync(join(data, 'secret.key')).mode & 0o777).toBe(0o600);
    expect(statSync(join(data, 'db')).mode & 0o777).toBe(0o700);
    expect(statSync(data).mode & 0o777).toBe(0o700);
  });

  it('token prints the token alone on its last line; it opens the FG API of a console on the same folder, a made-up one does not', async () => {
    const result = await cli('console', 'token', '--data', data, '--board', 'linde', '--fg-email', 'fg@linde.example');
    expect(result.code, result.err).toBe(0);
    const token = result.out.split('\n').at(-1)!;
    expect(token).toMatch(/^bjt\S+$/);
    const unknown = await cli('console', 'token', '--data', data, '--board', 'linde', '--fg-email', 'nobody@linde.example');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('has no FG account nobody@linde.example');

    const running = await startConsole({ dataDir: data, jobs: false, log: () => undefined, env: {} });
    try {
      const tools = await fgApi(running.url, 'linde', token, 'tools');
      expect(tools.status).toBe(200);
      expect(await tools.json()).toEqual({ tools: [] });
      expect((await fgApi(running.url, 'linde', `bjt${'x'.repeat(43)}`, 'tools')).status).toBe(401);
      // the same token is for board linde only
      expect((await fgApi(running.url, 'eik', token, 'tools')).status).toBe(401);
      // the intake token init printed is the one the console accepts
      expect((await postRequest(running.url, 'linde', vettingRequest(), linde.requestToken)).status).toBe(201);
      expect((await postRequest(running.url, 'linde', vettingRequest(), `${linde.requestToken}x`)).status).toBe(401);
    } finally {
      await running.close();
    }
  });

  it('import of the demo YAML folder adds its 30 tools', async () => {
    const result = await cli('console', 'import', 'demo/source', '--data', data, '--board', 'linde');
    expect(result.code, result.err).toBe(0);
    expect(result.out).toContain('imported 30 tool(s) into board "linde" (30 new, 0 replaced');
    expect((await stored(data)).tools.linde).toHaveLength(30);
  });

  it('import refuses a source with a lint error whole: exit 1, nothing imported', async () => {
    const file = join(root, 'bad.yaml');
    writeFileSync(file, [
      'tools:',
      '  - {id: fine-tool, name: Fine Tool, category: quiz, match: [fine-tool.example], status: pending, conditions: [], alternatives: []}',
      '  - {id: pages, name: Pages, category: other, match: [github.io], status: pending, conditions: [], alternatives: []}',
      '',
    ].join('\n'));
    const before = await stored(data);
    const result = await cli('console', 'import', file, '--data', data, '--board', 'linde');
    expect(result.code).toBe(1);
    expect(result.err).toContain('github.io');
    expect(result.err).toMatch(/nothing imported: \d+ error\(s\)/);
    expect(result.out).toBe('');
    const after = await stored(data);
    expect(after).toEqual(before);
    expect(after.tools.linde).not.toContain('fine-tool');
  });

  it('import of a signed register works with its key and is refused with a wrong --public-key', async () => {
    const key = await makeKey();
    const other = await makeKey();
    const file = join(root, 'register.json');
    writeFileSync(file, await signRegister(samplePayload(), key));
    const wrong = await cli('console', 'import', file, '--data', data, '--board', 'eik', '--public-key', other.publicBase64);
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain('the signature does not verify with that key');
    const bad = await cli('console', 'import', file, '--data', data, '--board', 'eik', '--public-key', 'not a key');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('--public-key');
    expect((await stored(data)).tools.eik).toBeUndefined();

    const right = await cli('console', 'import', file, '--data', data, '--board', 'eik', '--public-key', key.publicBase64);
    expect(right.code, right.err).toBe(0);
    expect(right.out).toContain(`imported ${samplePayload().tools.length} tool(s) into board "eik"`);
    expect((await stored(data)).tools.eik).toEqual(samplePayload().tools.map((t) => t.id).sort());
  });

  it('a signed register is not imported without --public-key to check it', async () => {
    const key = await makeKey();
    const file = join(root, 'unchecked.json');
    writeFileSync(file, await signRegister(samplePayload(), key));
    const result = await cli('console', 'import', file, '--data', data, '--board', 'eik');
    expect(result.code).toBe(1);
    expect(result.err).toContain('give --public-key');
  });

  it('import into a board that does not exist exits 1; a register whose payload is not JSON is one clear line', async () => {
    const result = await cli('console', 'import', 'demo/source', '--data', data, '--board', 'beuk');
    expect(result.code).toBe(1);
    expect(result.err).toContain('no board "beuk"');
    const file = join(root, 'garbled.json');
    // a correctly signed envelope around bytes that are not JSON
    const key = await makeKey();
    writeFileSync(file, await signRegister('not json', key));
    const garbled = await cli('console', 'import', file, '--data', data, '--board', 'eik', '--public-key', key.publicBase64);
    expect(garbled.code).toBe(1);
    expect(garbled.err).toBe(`bijsluiter console: ${file}: payload-not-json: the signed payload is not a JSON object`);
    // the extension's own acceptance: a duplicate key (which plain JSON.parse lets through, the later value winning) is refused
    const payload = samplePayload();
    const text = JSON.stringify(payload).replace('"serial":', '"serial":999,"serial":');
    const twice = join(root, 'twice.json');
    writeFileSync(twice, await signRegister(text, key));
    const refused = await cli('console', 'import', twice, '--data', data, '--board', 'eik', '--public-key', key.publicBase64);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('not plain JSON');
  });

  it('init --signing-key keeps the CLI\'s key, so the extensions\' policy keeps its public key (control: a file that is not a key is refused)', async () => {
    const keys = join(root, 'keys');
    const made = await cli('keygen', '--out', keys);
    expect(made.code).toBe(0);
    const publicKey = readFileSync(join(keys, 'register-public-key.txt'), 'utf8').trim();
    const result = await cli('console', 'init', '--data', data, '--board', 'kept', '--name', 'Kept', '--fg-email', 'fg@kept.example', '--password-file', passwordFile, '--signing-key', join(keys, 'register-private-key.pem'), '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out).policy.publicKeys).toEqual([publicKey]);
    const bad = await cli('console', 'init', '--data', data, '--board', 'kept2', '--name', 'Kept', '--fg-email', 'fg@kept.example', '--password-file', passwordFile, '--signing-key', passwordFile, '--json');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('not a PKCS#8 PEM private key');
  });

  it('token and import with a mistyped --data say so and make no new, empty console there', async () => {
    const typo = join(root, 'dta');
    const token = await cli('console', 'token', '--data', typo, '--board', 'linde', '--fg-email', 'fg@linde.example');
    const imported = await cli('console', 'import', 'demo/source', '--data', typo, '--board', 'linde');
    for (const result of [token, imported]) {
      expect(result.code).toBe(1);
      expect(result.err).toContain(`no console database in ${typo}`);
    }
    expect(existsSync(typo)).toBe(false);
  });
});

describe('console init with DATABASE_URL', () => {
  it('fails with a clear message when BIJSLUITER_SECRET is not set, and touches nothing', async () => {
    const dir = tempDir();
    process.env.DATABASE_URL = 'postgres://nobody@127.0.0.1:1/nothing';
    try {
      const result = await cli('console', 'init', '--data', join(dir, 'data'), '--board', 'linde', '--name', 'Stichting Linde', '--fg-email', 'fg@linde.example', '--json');
      expect(result.code).toBe(1);
      expect(result.out).toBe('');
      expect(result.err).toMatch(/^bijsluiter console: with DATABASE_URL, set BIJSLUITER_SECRET \(32 bytes in base64/);
      // DATABASE_URL wins over --data: no embedded database was made
      expect(existsSync(join(dir, 'data'))).toBe(false);
    } finally {
      delete process.env.DATABASE_URL;
    }
  });
});

describe('bijsluiter serve: a test receiver that never hands requests back', () => {
  it('accepts a POSTed request and answers its statusUrl; GET /api/requests is 404', async () => {
    const dir = tempDir();
    const registerPath = join(dir, 'register.json');
    writeFileSync(registerPath, JSON.stringify({ hello: 'register' }));
    const heard: string[] = [];
    const serving = await startServe(registerPath, 0, undefined, (stored) => heard.push(stored.request.id));
    try {
      const request = vettingRequest();
      const post = await fetch(`${serving.url}/api/requests`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': request.id }, body: JSON.stringify(request) });
      expect(post.status).toBe(201);
      const { statusUrl } = (await post.json()) as { statusUrl: string };
      expect(serving.requests().map((r) => r.request.id)).toEqual([request.id]);
      expect(heard).toEqual([request.id]);

      for (const path of ['/api/requests', '/api/requests/', `/api/requests/${request.id}`, '/requests.json', '/']) {
        const response = await fetch(`${serving.url}${path}`);
        expect(response.status, path).toBe(404);
        expect(await response.text(), path).not.toContain('deboer');
      }
      const status = await fetch(statusUrl);
      expect(status.status).toBe(200);
      expect(Object.keys(await status.json()).sort()).toEqual(['note', 'status', 'updatedAt']);
      expect((await fetch(`${serving.url}/register.json`)).status).toBe(200);
    } finally {
      await serving.close();
    }
  });

  it('the command keeps nothing in a file and says it is a test receiver (child process: it runs until stopped)', async () => {
    const cwd = tempDir();
    const registerPath = join(cwd, 'register.json');
    writeFileSync(registerPath, JSON.stringify({ hello: 'register' }));
    const child = spawn(process.execPath, [resolve('bin/bijsluiter.mjs'), 'serve', registerPath, '--port', '0'], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    try {
      const url = await new Promise<string>((done, fail) => {
        const timer = setTimeout(() => fail(new Error(`serve did not start: ${stdout}`)), 30_000);
        child.stdout.on('data', () => {
          const found = /register: +(http:\/\/127\.0\.0\.1:\d+)\/register\.json/.exec(stdout);
          if (found && stdout.includes('Ctrl+C')) {
            clearTimeout(timer);
            done(found[1]!);
          }
        });
        child.once('exit', (code) => fail(new Error(`serve exited with ${code}: ${stdout}`)));
      });
      expect(stdout).toContain('a test receiver');
      expect(stdout).toContain('kept in memory only');
      expect(stdout).toContain('bijsluiter console');
      const request = vettingRequest();
      const post = await fetch(`${url}/api/requests`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': request.id }, body: JSON.stringify(request) });
      expect(post.status).toBe(201);
      expect((await fetch(`${url}/api/requests`)).status).toBe(404);
      await expect.poll(() => stdout).toContain(`request received: Blooket (www.blooket.com), id ${request.id}`);
      // nothing about the teacher in the terminal either, and no file of requests anywhere
      expect(stdout).not.toContain('deboer');
      expect(stdout).not.toContain('de Boer');
      expect(readdirSync(cwd)).toEqual(['register.json']);
    } finally {
      child.kill();
    }
  });
});

describe('console sso and console mfa', () => {
  const root = tempDir();
  const data = join(root, 'data');
  const secretFile = join(root, 'client-secret.txt');
  writeFileSync(secretFile, 'the client secret\n');
  const passwordFile = join(root, 'password.txt');
  writeFileSync(passwordFile, `${PASSWORD}\n`);

  it('sso prints the redirect URI to register; passwords go off only with single sign-on; unlink and remove', async () => {
    expect((await cli('console', 'init', '--data', data, '--board', 'eik', '--name', 'Stichting Eik', '--fg-email', 'fg@eik.example', '--public-url', PUBLIC_URL, '--password-file', passwordFile)).code).toBe(0);
    const early = await cli('console', 'sso', '--data', data, '--board', 'eik', '--password-login', 'off');
    expect(early.code).toBe(1);
    expect(early.err).toContain('has no single sign-on');
    const http = await cli('console', 'sso', '--data', data, '--board', 'eik', '--issuer', 'http://login.example.nl', '--client-id', 'c', '--client-secret-file', secretFile);
    expect(http.code).not.toBe(0);
    expect(http.err).toContain('must be https');
    const set = await cli('console', 'sso', '--data', data, '--board', 'eik', '--issuer', 'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000001/v2.0', '--client-id', 'a1b2', '--client-secret-file', secretFile, '--name', 'Microsoft', '--public-url', PUBLIC_URL);
    expect(set.code).toBe(0);
    expect(set.out.trim().split('\n').at(-1)).toBe(`${PUBLIC_URL}/b/eik/fg/sso/callback`);
    expect((await cli('console', 'sso', '--data', data, '--board', 'eik', '--password-login', 'off')).code).toBe(0);
    expect((await cli('console', 'sso', '--data', data, '--board', 'eik', '--unlink', 'fg@eik.example')).out).toContain('no longer linked');
    expect((await cli('console', 'sso', '--data', data, '--board', 'eik', '--unlink', 'nobody@eik.example')).code).toBe(1);
    const removed = await cli('console', 'sso', '--data', data, '--board', 'eik', '--remove');
    expect(removed.out).toContain('passwords work again');
    const database = await openDatabase({ dataDir: data });
    try {
      const [board] = rows<{ password_login: boolean; sso_issuer: string | null }>(await database.db.execute(sql.raw("SELECT password_login, sso_issuer FROM boards WHERE slug = 'eik'")));
      expect(board).toEqual({ password_login: true, sso_issuer: null });
      const actions = rows<{ action: string }>(await database.db.execute(sql.raw('SELECT action FROM audit_log ORDER BY id'))).map((r) => r.action);
      expect(actions).toEqual(expect.arrayContaining(['sso.set', 'password-login.off', 'sso.unlink', 'sso.remove']));
    } finally {
      await database.close();
    }
  });

  it('the help lists both', async () => {
    const help = (await cli('help')).out;
    expect(help).toContain('console sso --data DIR --board SLUG --issuer URL');
    expect(help).toContain('console mfa --data DIR --board SLUG --require|--optional|--reset EMAIL');
  });

  it('mfa --require, --optional and --reset; one at a time', async () => {
    expect((await cli('console', 'mfa', '--data', data, '--board', 'eik')).code).not.toBe(0);
    expect((await cli('console', 'mfa', '--data', data, '--board', 'eik', '--require', '--optional')).code).not.toBe(0);
    expect((await cli('console', 'mfa', '--data', data, '--board', 'eik', '--require')).out).toContain('must set up two-step verification');
    expect((await cli('console', 'mfa', '--data', data, '--board', 'eik', '--reset', 'nobody@eik.example')).code).toBe(1);
    expect((await cli('console', 'mfa', '--data', data, '--board', 'eik', '--reset', 'fg@eik.example')).out).toContain('sets up a new one at its next login');
    expect((await cli('console', 'mfa', '--data', data, '--board', 'eik', '--optional')).out).toContain('optional');
  });
});
