/**
 * The console's pure modules, cross-wise where they classify (every case matches its own rule
 * and no other), and the schema Drizzle types against the tables the migrations make.
 */
import { getTableColumns, getTableName, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { needsAttention } from '../../console/lib/attention';
import { nextAttemptAt, NOTIFY_MAX_ATTEMPTS } from '../../console/lib/backoff';
import { canonicalJson } from '../../console/lib/canonical-json';
import { csvCell, toCsv } from '../../lib/csv-export';
import { checkIntake, emailAllowed } from '../../console/lib/intake';
import { hashPassword, seal, statusSecret, unseal, verifyPassword } from '../../console/lib/secrets';
import { formToTool, proposePattern, proposeToolId, toolToForm } from '../../console/lib/tool-form';
import { signWebhook, verifyWebhook } from '../../console/lib/webhook-signature';
import { openDatabase, rows } from '../../console/db/open';
import { MIGRATIONS } from '../../console/db/migrations';
import * as schema from '../../console/db/schema';
import { checkPublicUrl, limitsFromEnv } from '../../console/start';
import { demoPayload } from '../../harness/demo-register';
import { toolSchema, type Tool } from '../../lib/register/schema';
import { startTestConsole, vettingRequest } from '../helpers/console';

describe('intake checks', () => {
  const base = { contentType: 'application/json', emailDomains: [] as string[] };
  const good = vettingRequest();
  const cases: [string, Parameters<typeof checkIntake>[0], number | 'ok'][] = [
    ['valid', { ...base, body: JSON.stringify(good), idempotencyKey: good.id }, 'ok'],
    ['not JSON', { ...base, body: '{', idempotencyKey: good.id }, 400],
    ['wrong content type', { ...base, contentType: 'text/plain', body: JSON.stringify(good), idempotencyKey: good.id }, 415],
    ['no key', { ...base, body: JSON.stringify(good), idempotencyKey: undefined }, 400],
    ['other key', { ...base, body: JSON.stringify(good), idempotencyKey: '00000000-0000-4000-8000-000000000000' }, 400],
    ['domain not allowed', { ...base, emailDomains: ['other.example'], body: JSON.stringify(good), idempotencyKey: good.id }, 403],
  ];
  it.each(cases)('%s', (_name, input, expected) => {
    const result = checkIntake(input);
    expect(result.ok ? 'ok' : result.status).toBe(expected);
  });
  it('the body hash ignores key order and whitespace, not content', () => {
    const a = checkIntake({ ...base, body: JSON.stringify(good), idempotencyKey: good.id });
    const b = checkIntake({ ...base, body: JSON.stringify(Object.fromEntries(Object.entries(good).reverse()), null, 2), idempotencyKey: good.id });
    const c = checkIntake({ ...base, body: JSON.stringify({ ...good, message: 'x' }), idempotencyKey: good.id });
    expect(a.ok && b.ok && c.ok).toBe(true);
    if (a.ok && b.ok && c.ok) {
      expect(a.bodyHash).toBe(b.bodyHash);
      expect(a.bodyHash).not.toBe(c.bodyHash);
    }
    expect(canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] })).toBe('{"a":[2,{"c":4,"d":3}],"b":1}');
  });
  it.each([
    ['a@school.example', ['school.example'], true],
    ['a@obs.school.example', ['school.example'], true],
    ['a@evilschool.example', ['school.example'], false],
    ['a@school.example.evil', ['school.example'], false],
    ['A@SCHOOL.EXAMPLE', ['school.example'], true],
    ['a@anything.example', [], true],
  ] as const)('e-mail %s with domains %j → %s', (email, domains, allowed) => expect(emailAllowed(email, domains)).toBe(allowed));
});

describe('CSV export', () => {
  it.each([['=1+1', `"'=1+1"`], ['+31 6', `"'+31 6"`], ['-2', `"'-2"`], ['@SUM(A1)', `"'@SUM(A1)"`], ['\tx', `"'\tx"`], ['plain', '"plain"'], ['a,b', '"a,b"'], ['say "hi"', '"say ""hi"""'], ['line\nbreak', '"line\nbreak"'],
    ['Zie bijlage;=1+1;', `"Zie bijlage;'=1+1;"`], ['a, -2', `"a, '-2"`], ['x\n@SUM(A1)', `"x\n'@SUM(A1)"`], ['q"=1', `"q""'=1"`], ['2026-12-01', '"2026-12-01"'], ['a - b', '"a - b"']])('%j → %j', (value, cell) => expect(csvCell(value)).toBe(cell));
  it('rows end with CRLF; the console separates with ; (Dutch Excel), the CLI\'s exports with ,', () => {
    expect(toCsv(['a', 'b'], [[1, null]])).toBe('"a";"b"\r\n"1";""\r\n');
    expect(toCsv(['a', 'b'], [[1, null]], { separator: ',', quote: 'needed' })).toBe('a,b\r\n1,\r\n');
  });
});

describe('tool form', () => {
  // missing and empty mean the same on a sheet ("not given"): compare without empties
  const prune = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.length ? value.map(prune) : undefined;
    if (value && typeof value === 'object') {
      const entries = Object.entries(value).map(([k, v]) => [k, prune(v)] as const).filter(([, v]) => v !== undefined && v !== null);
      return entries.length ? Object.fromEntries(entries) : undefined;
    }
    return value;
  };
  it.each(demoPayload().tools.map((t) => [t.id, t] as const))('%s survives the editor unchanged', (_id, tool) => {
    expect(prune(toolSchema.parse(formToTool(toolToForm(tool))))).toEqual(prune(tool));
  });
  it('an empty form keeps the required fields so the schema can name them', () => {
    const parsed = toolSchema.safeParse(formToTool({}));
    expect(parsed.success).toBe(false);
    const paths = parsed.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['id', 'name', 'category', 'match', 'status']));
  });
  it('proposes an id and a pattern from a request', () => {
    expect(proposeToolId('Book Creator', new Set())).toBe('book-creator');
    expect(proposeToolId('Book Creator', new Set(['book-creator']))).toBe('book-creator-2');
    expect(proposeToolId('Überquiz!', new Set())).toBe('uberquiz');
    expect(proposePattern('WWW.Blooket.com')).toBe('blooket.com');
  });
});

describe('needs attention', () => {
  const now = new Date('2026-12-01T10:00:00Z');
  const approved = (over: Partial<Tool>): Tool => ({ id: 't', name: 'T', category: 'quiz', match: ['t.example'], status: 'approved', conditions: [], alternatives: [], agreement: { type: 'model-verwerkersovereenkomst', signedOn: '2025-01-01' }, ...over });
  const kinds = (input: Partial<Parameters<typeof needsAttention>[0]>) => needsAttention({ tools: [], openRequests: [], register: { serial: 1, expiresAt: '2027-06-01T00:00:00Z' }, now, ...input }).map((i) => i.kind);
  it.each([
    ['agreement ending in 30 days', { tools: [approved({ agreement: { type: 'model-verwerkersovereenkomst', signedOn: '2025-01-01', validUntil: '2026-12-31' } })] }, ['agreement-ending']],
    ['agreement ending in 90 days', { tools: [approved({ agreement: { type: 'model-verwerkersovereenkomst', signedOn: '2025-01-01', validUntil: '2027-03-01' } })] }, []],
    ['sheet changed', { tools: [approved({ agreement: { type: 'model-verwerkersovereenkomst', signedOn: '2025-01-01', bijsluiterVersion: '1' }, bijsluiter: { version: '2' } })] }, ['sheet-changed']],
    ['request waiting 15 days', { openRequests: [{ requestId: 'r', toolName: 'X', toolHost: 'x', receivedAt: new Date(now.getTime() - 15 * 86_400_000) }] }, ['request-waiting']],
    ['request waiting 13 days', { openRequests: [{ requestId: 'r', toolName: 'X', toolHost: 'x', receivedAt: new Date(now.getTime() - 13 * 86_400_000) }] }, []],
    ['register expiring in 10 days', { register: { serial: 3, expiresAt: '2026-12-11T10:00:00Z' } }, ['register-expiring']],
    ['never published, with tools', { register: null, tools: [approved({})] }, ['not-published']],
  ] as const)('%s', (_name, input, expected) => expect(kinds(input as never)).toEqual(expected));
});

describe('secrets', () => {
  it('passwords verify only themselves', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(await verifyPassword('correct horse battery staple', hash)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', hash)).toBe(false);
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
  });
  it('a sealed secret opens only with its key and its context', () => {
    const key = Buffer.alloc(32, 1);
    const sealed = seal(key, Buffer.from('signing key'), 'signing-key:linde');
    expect(unseal(key, sealed, 'signing-key:linde').toString()).toBe('signing key');
    expect(() => unseal(Buffer.alloc(32, 2), sealed, 'signing-key:linde')).toThrow(/master key/);
    expect(() => unseal(key, sealed, 'signing-key:eik')).toThrow();
  });
  it('status secrets differ per board and request, and are not the request id', () => {
    const key = Buffer.alloc(32, 1);
    const a = statusSecret(key, 1, 'r1');
    expect(a).not.toBe(statusSecret(key, 2, 'r1'));
    expect(a).not.toBe(statusSecret(key, 1, 'r2'));
    expect(a).not.toContain('r1');
  });
  it('webhook signatures verify the exact body with the exact secret', () => {
    const header = signWebhook('whsec_1', '{"a":1}');
    expect(verifyWebhook('whsec_1', '{"a":1}', header)).toBe(true);
    expect(verifyWebhook('whsec_1', '{"a":2}', header)).toBe(false);
    expect(verifyWebhook('whsec_2', '{"a":1}', header)).toBe(false);
  });
  it('notification backoff grows to 6 hours and gives up after 12 attempts', () => {
    const now = new Date(0);
    const delays = Array.from({ length: NOTIFY_MAX_ATTEMPTS }, (_, i) => nextAttemptAt(i, now, () => 0)?.getTime() ?? null);
    expect(delays.slice(0, 5)).toEqual([60_000, 300_000, 1_800_000, 7_200_000, 21_600_000]);
    expect(delays.at(-1)).toBeNull();
  });
});

describe('settings from the operator', () => {
  it.each([
    ['https://fg.school.example', true],
    ['http://127.0.0.1:8080', true],
    ['http://localhost:8080', true],
    ['http://fg.school.example', false],
    ['https://fg.school.example/path', false],
    ['not a url', false],
  ])('public URL %s accepted: %s', (url, ok) => {
    let accepted = true;
    try {
      checkPublicUrl(url);
    } catch {
      accepted = false;
    }
    expect(accepted).toBe(ok);
  });
  it('intake limits come from the environment when they are whole positive numbers', () => {
    expect(limitsFromEnv({ BIJSLUITER_INTAKE_LIMIT: '500' }).intakePerAddress.max).toBe(500);
    expect(limitsFromEnv({ BIJSLUITER_INTAKE_LIMIT: 'lots' }).intakePerAddress.max).toBe(60);
    expect(limitsFromEnv({ BIJSLUITER_INTAKE_PER_PERSON: '-1' }).intakePerEmail.max).toBe(20);
  });
});

describe('schema and migrations', () => {
  it('every table and column Drizzle knows exists after the migrations, with the same names', async () => {
    const database = await openDatabase({});
    try {
      for (const table of Object.values(schema) as PgTable[]) {
        const name = getTableName(table);
        const columns = rows<{ column_name: string }>(await database.db.execute(sql`SELECT column_name FROM information_schema.columns WHERE table_name = ${name}`)).map((r) => r.column_name).sort();
        const typed = Object.values(getTableColumns(table)).map((c) => c.name).sort();
        expect(columns, name).toEqual(typed);
      }
      expect(rows<{ v: number }>(await database.db.execute(sql`SELECT max(version) AS v FROM schema_migrations`))[0]!.v).toBe(MIGRATIONS.at(-1)!.version);
    } finally {
      await database.close();
    }
  });
  it('a database newer than this console is refused with the reason', async () => {
    const database = await openDatabase({});
    await database.db.execute(sql`INSERT INTO schema_migrations (version, name) VALUES (999, 'from the future')`);
    const { migrate } = await import('../../console/db/open');
    await expect(migrate(database.db)).rejects.toThrow(/schema version 999, newer than this console knows/);
    await database.close();
  });
});

describe('the FG interface while the database is down', () => {
  it('says so on a page, with 503 and in words (control: the JSON intake says 503 too)', async () => {
    const c = await startTestConsole('pglite');
    await c.database.close();
    const page = await fetch(`${c.url}/b/linde/fg/`, { headers: { 'accept-language': 'nl-NL' } });
    expect(page.status).toBe(503);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toContain('De console kan de database nu niet bereiken');
    await c.stop().catch(() => undefined);
  });
});

describe('rate-limit address keys', () => {
  it.each([
    ['203.0.113.9', '203.0.113.9'],
    ['::ffff:203.0.113.9', '203.0.113.9'],
    ['::ffff:cb00:7109', '203.0.113.9'], // the same, as a URL parser writes it
    ['2001:db8:1:2::45', '2001:db8:1:2::/64'],
    ['2001:db8:1:2:aaaa:bbbb:cccc:dddd', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002::1', '2001:db8:1:2::/64'],
    ['2001:db8:1:3::45', '2001:db8:1:3::/64'],
    ['::1', '0:0:0:0::/64'],
    ['not an address', 'unknown'],
  ])('%s counts as %s', async (address, key) => {
    const { limitKeyOf } = await import('../../console/http/client-address');
    expect(limitKeyOf(address)).toBe(key);
  });
});

describe('webhook addresses', () => {
  it.each([
    ['8.8.8.8', true], ['203.0.114.1', true], ['2a00:1450:4001::1', true],
    ['127.0.0.1', false], ['10.0.0.1', false], ['172.16.5.4', false], ['172.32.0.1', true], ['192.168.1.1', false], ['169.254.169.254', false],
    ['100.64.0.1', false], ['0.0.0.0', false], ['224.0.0.1', false], ['::1', false], ['::', false], ['fd00::1', false], ['fe80::1', false], ['::ffff:127.0.0.1', false], ['::ffff:8.8.8.8', true],
  ])('%s is public: %s', async (ip, expected) => {
    const { isPublicIp } = await import('../../console/lib/public-address');
    expect(isPublicIp(ip)).toBe(expected);
  });
  it('a host name is checked by what it resolves to; the operator may allow private networks', async () => {
    const { webhookAddressProblem } = await import('../../console/lib/public-address');
    expect(await webhookAddressProblem('https://localhost/hook', false)).toMatch(/private or local network/);
    expect(await webhookAddressProblem('https://localhost/hook', true)).toBeNull();
    expect(await webhookAddressProblem('https://8.8.8.8/hook', false)).toBeNull();
  });
});

describe('what the log keeps of an error', () => {
  it('never a failed query\'s parameters (control: an ordinary error keeps its first line)', async () => {
    const { describeError } = await import('../../console/http/app');
    const query = Object.assign(new Error('Failed query: insert into "requests" values ($1)\nparams: {"requester":{"email":"secret.teacher@school.example"}}'), { name: 'DrizzleQueryError', cause: { code: '23514' } });
    expect(describeError(query)).toBe('DrizzleQueryError (23514): a database query failed');
    expect(describeError(query)).not.toContain('secret.teacher');
    expect(describeError(new TypeError('x is not a function\nstack'))).toBe('TypeError: x is not a function');
  });
});
