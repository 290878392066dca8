/**
 * Intake of vetting requests, on the embedded database and on PostgreSQL: stored before the 201,
 * idempotent, and every hostile input refused with the right status, nothing stored, nothing
 * leaked. Each refusal has a control that proves the same path accepts a good request.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../console/context';
import { countRows, DB_KINDS, postRequest, startTestConsole, vettingRequest, type TestConsole } from '../helpers/console';

describe.each(DB_KINDS)('intake on %s', (kind) => {
  let c: TestConsole;
  let other: { slug: string; intakeToken: string };
  beforeAll(async () => {
    c = await startTestConsole(kind, { serverTimeouts: { requestTimeout: 1_500, headersTimeout: 1_000, connectionsCheckingInterval: 200 }, settings: { limits: { ...DEFAULT_LIMITS, intakePerAddress: { max: 200, windowMs: 600_000 } } } });
    other = await c.addBoard('eik');
  });
  afterAll(() => c?.stop());

  const post = (body: unknown, token: string | null = c.intakeToken, headers: Record<string, string> = {}, slug = c.slug) => postRequest(c.url, slug, body, token, headers);

  it('stores a valid request before answering 201 with a statusUrl that answers status and note only', async () => {
    const request = vettingRequest();
    const response = await post(request);
    expect(response.status).toBe(201);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const body = (await response.json()) as { status: string; statusUrl: string };
    expect(body.status).toBe('received');
    expect(body.statusUrl).toMatch(new RegExp(`^${c.url}/b/linde/api/status/${request.id}/[A-Za-z0-9_-]{43}$`));
    const status = await fetch(body.statusUrl);
    expect(status.status).toBe(200);
    expect(status.headers.get('access-control-allow-origin')).toBe('*');
    const answer = await status.json();
    expect(Object.keys(answer).sort()).toEqual(['note', 'status', 'updatedAt']);
    expect(answer).toMatchObject({ status: 'received', note: '' });
    expect(JSON.stringify(answer)).not.toContain('deboer');
  });

  it('the same key and body again gives the first answer; another body under the key is 422 and changes nothing', async () => {
    const request = vettingRequest();
    const first = await (await post(request)).json();
    const before = await countRows(c, 'requests');
    const again = await post(request);
    expect(again.status).toBe(201);
    expect(await again.json()).toEqual(first);
    // key order and whitespace do not make another body
    const reordered = JSON.stringify(Object.fromEntries(Object.entries(request).reverse()), null, 2);
    expect((await post(reordered, c.intakeToken, { 'idempotency-key': request.id })).status).toBe(201);
    const conflict = await post({ ...request, message: 'another body' });
    expect(conflict.status).toBe(422);
    expect((await conflict.json()).error).toMatch(/different request/);
    expect(await countRows(c, 'requests')).toBe(before);
  });

  it('a retry of a stored request gets its first answer even past the per-person limit (the contract: same key, same body)', async () => {
    const limited = await startTestConsole(kind, { settings: { limits: { ...DEFAULT_LIMITS, intakePerEmail: { max: 2, windowMs: 3_600_000 } } } });
    try {
      const request = vettingRequest({ email: 'retry@school.example' });
      const statuses = [];
      for (let i = 0; i < 6; i++) statuses.push((await postRequest(limited.url, limited.slug, request, limited.intakeToken)).status);
      expect(statuses).toEqual([201, 201, 201, 201, 201, 201]);
      // control: new requests from that address are limited
      const fresh = [];
      for (let i = 0; i < 3; i++) fresh.push((await postRequest(limited.url, limited.slug, vettingRequest({ email: 'retry@school.example' }), limited.intakeToken)).status);
      expect(fresh).toEqual([201, 429, 429]);
    } finally {
      await limited.stop();
    }
  });

  it('refuses a body over 64 KB with 413 and stores nothing (control: 63 KB of message passes the size check)', async () => {
    const before = await countRows(c, 'requests');
    const big = { ...vettingRequest(), message: 'x'.repeat(65 * 1024) };
    const response = await post(big);
    expect(response.status).toBe(413);
    expect((await response.json()).error).toMatch(/larger than 64 KB/);
    expect(await countRows(c, 'requests')).toBe(before);
    // control: under the limit the size check passes and the schema speaks (message max 2,000)
    const under = await post({ ...vettingRequest(), message: 'x'.repeat(60 * 1024) });
    expect(under.status).toBe(400);
    expect((await under.json()).error).toMatch(/message/);
  });

  it.each([
    ['not JSON', '{"id": ', 400, /not valid JSON/],
    ['a wrong shape', { hello: 'world', id: '00000000-0000-4000-8000-000000000001' }, 400, /not valid: /],
    ['a bad e-mail', { ...vettingRequest(), requester: { name: 'X', email: 'not-an-address', school: '' } }, 400, /requester\.email/],
  ])('refuses %s with %i and says what is wrong', async (_name, body, status, message) => {
    const before = await countRows(c, 'requests');
    const response = await post(body);
    expect(response.status).toBe(status);
    expect((await response.json()).error).toMatch(message);
    expect(await countRows(c, 'requests')).toBe(before);
  });

  it('needs the Idempotency-Key, equal to the request id, and JSON', async () => {
    const request = vettingRequest();
    const noKey = await fetch(`${c.url}/b/linde/api/requests`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${c.intakeToken}` }, body: JSON.stringify(request) });
    expect(noKey.status).toBe(400);
    expect((await noKey.json()).error).toMatch(/Idempotency-Key header is missing/);
    expect((await post(request, c.intakeToken, { 'idempotency-key': '00000000-0000-4000-8000-000000000000' })).status).toBe(400);
    expect((await post(request, c.intakeToken, { 'content-type': 'text/plain' })).status).toBe(415);
  });

  it('refuses a missing or wrong token with 401 (control: the right one is accepted) and another board\'s token too', async () => {
    const before = await countRows(c, 'requests');
    const none = await post(vettingRequest(), null);
    expect(none.status).toBe(401);
    expect((await none.json()).error).toMatch(/request token/);
    expect((await post(vettingRequest(), 'bji_wrong')).status).toBe(401);
    expect((await post(vettingRequest(), other.intakeToken)).status).toBe(401);
    expect(await countRows(c, 'requests')).toBe(before);
    expect((await post(vettingRequest(), c.intakeToken)).status).toBe(201);
  });

  it('refuses e-mail domains the board does not allow with 403 (control: an allowed domain and its subdomain pass)', async () => {
    const { sql } = await import('drizzle-orm');
    await c.ctx.db.execute(sql`UPDATE boards SET email_domains = ARRAY['linde.example'] WHERE slug = 'linde'`);
    try {
      const before = await countRows(c, 'requests');
      const refused = await post(vettingRequest({ email: 'someone@gmail.com' }));
      expect(refused.status).toBe(403);
      expect((await refused.json()).error).toMatch(/linde\.example/);
      expect(await countRows(c, 'requests')).toBe(before);
      expect((await post(vettingRequest({ email: 'a@linde.example' }))).status).toBe(201);
      expect((await post(vettingRequest({ email: 'a@obs.linde.example' }))).status).toBe(201);
      expect((await post(vettingRequest({ email: 'a@evillinde.example' }))).status).toBe(403);
    } finally {
      await c.ctx.db.execute(sql`UPDATE boards SET email_domains = '{}' WHERE slug = 'linde'`);
    }
  });

  it('answers the CORS preflight as the request contract says', async () => {
    const response = await fetch(`${c.url}/b/linde/api/requests`, { method: 'OPTIONS', headers: { origin: 'chrome-extension://abc', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, idempotency-key, authorization' } });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')).toBe('POST');
    expect(response.headers.get('access-control-allow-headers')).toBe('content-type, idempotency-key, authorization');
  });

  it('a request is never read through another board\'s path, nor with a wrong secret', async () => {
    const request = vettingRequest();
    const { statusUrl } = (await (await post(request)).json()) as { statusUrl: string };
    expect((await fetch(statusUrl)).status).toBe(200);
    expect((await fetch(statusUrl.replace('/b/linde/', '/b/eik/'))).status).toBe(404);
    expect((await fetch(statusUrl.replace(/.$/, (ch) => (ch === 'A' ? 'B' : 'A')))).status).toBe(404);
    expect((await fetch(`${c.url}/b/linde/api/status/${request.id}/`)).status).toBe(404);
    expect((await fetch(`${c.url}/b/nobody/api/requests`, { method: 'POST' })).status).toBe(404);
    // and the request only exists for its own board
    expect((await post(request, other.intakeToken, {}, 'eik')).status).toBe(201);
  });

  it('cuts off a slow body within seconds and stores nothing', async () => {
    const before = await countRows(c, 'requests');
    const { port } = new URL(c.url);
    const started = Date.now();
    const closed = await new Promise<string>((resolve) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(`POST /b/linde/api/requests HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nAuthorization: Bearer ${c.intakeToken}\r\nContent-Length: 5000\r\n\r\n{"id":`);
      });
      let answer = '';
      socket.on('data', (d) => (answer += d.toString()));
      socket.on('close', () => resolve(answer));
      socket.on('error', () => resolve(answer));
    });
    const seconds = (Date.now() - started) / 1000;
    expect(seconds).toBeLessThan(5);
    expect(closed === '' || /^HTTP\/1\.1 408/.test(closed)).toBe(true);
    expect(await countRows(c, 'requests')).toBe(before);
  });

  it('1,000 POSTs from one address: the first 200 (the limit) pass, the rest are 429 with Retry-After, nothing more stored', async () => {
    const limited = await startTestConsole(kind, { settings: { limits: { ...DEFAULT_LIMITS, intakePerAddress: { max: 200, windowMs: 600_000 }, intakePerEmail: { max: 1_000, windowMs: 600_000 } } } });
    try {
      const statuses: number[] = [];
      for (let batch = 0; batch < 20; batch++) {
        const answers = await Promise.all(Array.from({ length: 50 }, () => postRequest(limited.url, limited.slug, vettingRequest(), limited.intakeToken)));
        for (const a of answers) {
          statuses.push(a.status);
          if (a.status === 429) expect(Number(a.headers.get('retry-after'))).toBeGreaterThan(0);
          await a.body?.cancel();
        }
      }
      expect(statuses.filter((s) => s === 201)).toHaveLength(200);
      expect(statuses.filter((s) => s === 429)).toHaveLength(800);
      expect(await countRows(limited, 'requests')).toBe(200);
    } finally {
      await limited.stop();
    }
  });

  it('limits one e-mail address per hour (control: another address still gets through)', async () => {
    const limited = await startTestConsole(kind, { settings: { limits: { ...DEFAULT_LIMITS, intakePerEmail: { max: 3, windowMs: 3_600_000 } } } });
    try {
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await postRequest(limited.url, limited.slug, vettingRequest({ email: 'flood@school.example' }), limited.intakeToken)).status);
      expect(statuses).toEqual([201, 201, 201, 429, 429]);
      expect((await postRequest(limited.url, limited.slug, vettingRequest({ email: 'other@school.example' }), limited.intakeToken)).status).toBe(201);
    } finally {
      await limited.stop();
    }
  });

  it('a database that does not answer makes intake say 503 with Retry-After (the extension retries), never "received"', async () => {
    const broken = await startTestConsole(kind);
    await broken.database.close();
    const response = await postRequest(broken.url, broken.slug, vettingRequest(), broken.intakeToken);
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('60');
    expect((await response.json()).error).toMatch(/database/);
    await broken.stop().catch(() => undefined);
  });
});
