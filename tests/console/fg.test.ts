/**
 * The FG's side, on both databases: login (no enumeration, brute force limited), sessions and
 * CSRF, one board never reaching another, the API's decisions and tools with the CLI's lint,
 * publishing (signed, served with ETag, refused with lint errors, serials only go up), the audit
 * log, CSV export and retention.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../console/db/open';
import { housekeeping } from '../../console/jobs';
import { DEFAULT_LIMITS } from '../../console/context';
import { importPublicKey, verifyEnvelope } from '../../lib/register/dsse';
import { envelopeSchema, REGISTER_PAYLOAD_TYPE } from '../../lib/register/schema';
import { demoPayload } from '../../harness/demo-register';
import { countRows, DB_KINDS, fgApi, postRequest, startTestConsole, vettingRequest, type TestConsole } from '../helpers/console';
import { FgClient } from '../helpers/fg-web';

const wordwall = () => structuredClone(demoPayload().tools.find((t) => t.id === 'wordwall')!);

describe.each(DB_KINDS)('FG side on %s', (kind) => {
  let c: TestConsole;
  let eik: { slug: string; intakeToken: string; apiToken: string; fgEmail: string };
  let now = new Date('2026-12-01T10:00:00Z');
  beforeAll(async () => {
    c = await startTestConsole(kind, { now: () => now, settings: { limits: { ...DEFAULT_LIMITS, loginPerAccount: { max: 5, windowMs: 900_000 } } } });
    eik = await c.addBoard('eik');
  });
  afterAll(() => c?.stop());

  describe('login and sessions', () => {
    it('logs in with the right password; the same words for an unknown address and a wrong password', async () => {
      const wrong = await new FgClient(c.url, c.slug).login(c.fgEmail, 'wrong password');
      const unknown = await new FgClient(c.url, c.slug).login('nobody@linde.example', 'wrong password');
      expect(wrong.status).toBe(400);
      expect(unknown.status).toBe(400);
      const message = (html: string) => /role="alert">.*?<\/span>([^<]+)</.exec(html)?.[1];
      expect(message(wrong.html)).toBe('The e-mail address or password is not right.');
      expect(message(unknown.html)).toBe(message(wrong.html));
      const fg = new FgClient(c.url, c.slug);
      const ok = await fg.login(c.fgEmail, c.password);
      expect(ok.status).toBe(303);
      expect(ok.location).toBe('/b/linde/fg/');
      expect((await fg.get('')).status).toBe(200);
    });

    it('the session cookie is HttpOnly, SameSite=Strict and scoped to the board; pages carry a strict CSP', async () => {
      const csrfPage = await fetch(`${c.url}/b/linde/fg/login`);
      const token = /name="_csrf" value="([^"]+)"/.exec(await csrfPage.text())![1]!;
      const cookie = csrfPage.headers.getSetCookie()[0]!.split(';')[0]!;
      const response = await fetch(`${c.url}/b/linde/fg/login`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie }, body: new URLSearchParams({ _csrf: token, email: c.fgEmail, password: c.password }) });
      const session = response.headers.getSetCookie().find((l) => l.startsWith('bijsluiter_session='))!;
      expect(session).toMatch(/HttpOnly/);
      expect(session).toMatch(/SameSite=Strict/);
      expect(session).toMatch(/Path=\/b\/linde\//);
      expect(csrfPage.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(csrfPage.headers.get('content-security-policy')).not.toContain('script-src');
      expect(csrfPage.headers.get('x-frame-options')).toBe('DENY');
    });

    it('brute force: after 5 failures the account is locked for the window, even with the right password', async () => {
      const target = await c.addBoard('brute');
      const attempts = [];
      for (let i = 0; i < 7; i++) attempts.push((await new FgClient(c.url, 'brute').login(target.fgEmail, `guess ${i}`)).status);
      expect(attempts).toEqual([400, 400, 400, 400, 400, 429, 429]);
      expect((await new FgClient(c.url, 'brute').login(target.fgEmail, c.password)).status).toBe(429);
      now = new Date(now.getTime() + 16 * 60_000);
      expect((await new FgClient(c.url, 'brute').login(target.fgEmail, c.password)).status).toBe(303);
    });

    it('a form without the CSRF token, or from another origin, is refused with 403 and changes nothing', async () => {
      const fg = new FgClient(c.url, c.slug);
      await fg.login(c.fgEmail, c.password);
      const tools = await countRows(c, 'tools');
      const fields = { id: 'sneaky', name: 'Sneaky', category: 'quiz', match: 'sneaky.example', status: 'pending' };
      expect((await fg.post('tools/new', fields)).status).toBe(403);
      expect((await fg.post('tools/new', { ...fields, _csrf: 'csrf_forged' })).status).toBe(403);
      expect((await fg.post('tools/new', { ...fields, _csrf: await fg.csrf('tools/new') }, { origin: 'https://evil.example' })).status).toBe(403);
      expect(await countRows(c, 'tools')).toBe(tools);
      // control: the same form with its token is saved
      const saved = await fg.post('tools/new', { ...fields, _csrf: await fg.csrf('tools/new') });
      expect(saved.status).toBe(303);
      expect(await countRows(c, 'tools')).toBe(tools + 1);
      await fgApi(c.url, c.slug, c.apiToken, 'tools/sneaky', { method: 'DELETE' });
    });

    it('an FG of board A is a stranger on board B: its session and its API token do nothing there', async () => {
      const fgA = new FgClient(c.url, c.slug);
      await fgA.login(c.fgEmail, c.password);
      const onB = new FgClient(c.url, 'eik');
      onB.cookies = new Map(fgA.cookies);
      const page = await onB.get('');
      expect(page.status).toBe(303);
      expect(page.location).toBe('/b/eik/fg/login');
      const request = vettingRequest();
      await postRequest(c.url, 'eik', request, eik.intakeToken);
      expect((await onB.post(`requests/${request.id}/decision`, { decision: 'approved', note: 'x', _csrf: await fgA.csrf() })).status).toBe(403);
      const api = await fgApi(c.url, 'eik', c.apiToken, 'requests');
      expect(api.status).toBe(401);
      const decided = await fgApi(c.url, 'eik', c.apiToken, `requests/${request.id}/decision`, { method: 'POST', body: { status: 'approved', note: 'x' } });
      expect(decided.status).toBe(401);
      // nor through its own path: the request belongs to board B
      expect((await fgApi(c.url, c.slug, c.apiToken, `requests/${request.id}`)).status).toBe(404);
      const own = await fgApi(c.url, 'eik', eik.apiToken, `requests/${request.id}`);
      expect((await own.json()).status).toBe('received');
    });
  });

  describe('attacks found in review', () => {
    it('a viewer reads but cannot change anything, also not through a tool called "logout" (control: an FG can)', async () => {
      const { addUser } = await import('../../console/store/accounts');
      const boardId = rows<{ id: number }>(await c.ctx.db.execute(sql`SELECT id FROM boards WHERE slug = 'linde'`))[0]!.id;
      await addUser(c.ctx.db, boardId, { email: 'viewer@linde.example', role: 'viewer', password: c.password }, 'test');
      const viewer = new FgClient(c.url, c.slug);
      expect((await viewer.login('viewer@linde.example', c.password)).status).toBe(303);
      expect((await viewer.get('tools')).status).toBe(200);
      const fields = { id: 'logout', name: 'Evil', category: 'other', match: 'evil.example', status: 'rejected', reason: 'x' };
      const tools = await countRows(c, 'tools');
      for (const path of ['tools/logout', 'tools/new', 'tools/wordwall/delete', 'publish']) {
        expect((await viewer.post(path, { ...fields, _csrf: await viewer.csrf('tools') })).status, path).toBe(403);
      }
      expect(await countRows(c, 'tools')).toBe(tools);
      expect((await viewer.post('settings/me', { notify: 'off', language: 'en', _csrf: await viewer.csrf('settings') })).status).toBe(303);
      const fg = new FgClient(c.url, c.slug);
      await fg.login(c.fgEmail, c.password);
      expect((await fg.post('tools/logout', { ...fields, _csrf: await fg.csrf('tools') })).status).toBe(303);
      await fgApi(c.url, c.slug, c.apiToken, 'tools/logout', { method: 'DELETE' });
    });

    it('a burst of logins sent at once is limited like one at a time: the right password in the burst is refused too', async () => {
      const target = await c.addBoard('burst');
      const attempts = await Promise.all(Array.from({ length: 26 }, (_, i) => new FgClient(c.url, 'burst').login(target.fgEmail, i === 25 ? c.password : `guess ${i}`)));
      const statuses = attempts.map((a) => a.status);
      expect(statuses.filter((s) => s === 400).length).toBeLessThanOrEqual(5);
      expect(statuses.filter((s) => s === 303)).toHaveLength(0);
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(20);
    });

    it('a webhook into a private or local network is refused when saved (control: a public address is not refused for its address)', async () => {
      const fg = new FgClient(c.url, c.slug);
      await fg.login(c.fgEmail, c.password);
      for (const url of ['https://169.254.169.254/latest/meta-data/', 'https://127.0.0.1:8443/internal', 'https://[::1]/', 'https://10.1.2.3/hook', 'https://localhost/hook']) {
        const answer = await fg.post('settings/intake', { emailDomains: '', webhookUrl: url, _csrf: await fg.csrf('settings') });
        expect(answer.status, url).toBe(400);
        expect(answer.html).toContain('private or local network');
      }
      const publicOne = await fg.post('settings/intake', { emailDomains: '', webhookUrl: 'https://8.8.4.4/hook', _csrf: await fg.csrf('settings') });
      expect(publicOne.html).not.toContain('private or local network');
      await fg.post('settings/intake', { emailDomains: '', webhookUrl: '', _csrf: await fg.csrf('settings') });
    });
  });

  describe('requests, decisions, tools, publish', () => {
    it('lists a request with everything the teacher sent; HTML in it stays text in the interface', async () => {
      const request = vettingRequest({ message: '<img src=x onerror=alert(1)><script>alert(2)</script>' });
      await postRequest(c.url, c.slug, request, c.intakeToken);
      const list = (await (await fgApi(c.url, c.slug, c.apiToken, 'requests?status=received')).json()) as { requests: { id: string; requester: unknown; use: unknown; message: string }[] };
      const found = list.requests.find((r) => r.id === request.id)!;
      expect(found).toMatchObject({ requester: request.requester, use: request.use, message: request.message });
      const fg = new FgClient(c.url, c.slug);
      await fg.login(c.fgEmail, c.password);
      const page = await fg.get(`requests/${request.id}`);
      expect(page.html).not.toContain('<img src=x');
      expect(page.html).not.toContain('<script>alert');
      expect(page.html).toContain('&lt;img src=x onerror=alert(1)>&lt;script>alert(2)&lt;/script>');
      expect((await fgApi(c.url, c.slug, c.apiToken, 'requests?status=bogus')).status).toBe(400);
    });

    it('a decision with a tool that fails lint changes nothing; a valid one updates the request, the tool and the audit log', async () => {
      const request = vettingRequest({ host: 'wordwall.net' });
      const { statusUrl } = (await (await postRequest(c.url, c.slug, request, c.intakeToken)).json()) as { statusUrl: string };
      const bad = { ...wordwall(), match: ['github.io'] };
      const refused = await fgApi(c.url, c.slug, c.apiToken, `requests/${request.id}/decision`, { method: 'POST', body: { status: 'approved', note: 'ok', tool: bad } });
      expect(refused.status).toBe(400);
      expect((await refused.json()).error).toMatch(/github\.io/);
      expect((await (await fetch(statusUrl)).json()).status).toBe('received');
      expect((await fgApi(c.url, c.slug, c.apiToken, 'tools/wordwall')).status).toBe(404);
      const ok = await fgApi(c.url, c.slug, c.apiToken, `requests/${request.id}/decision`, { method: 'POST', body: { status: 'approved', note: 'Goedgekeurd: gebruik pseudoniemen.', tool: wordwall() } });
      expect(ok.status).toBe(200);
      expect(await (await fetch(statusUrl)).json()).toMatchObject({ status: 'approved', note: 'Goedgekeurd: gebruik pseudoniemen.' });
      expect((await (await fgApi(c.url, c.slug, c.apiToken, 'tools/wordwall')).json()).status).toBe('approved');
      const audit = (await (await fgApi(c.url, c.slug, c.apiToken, 'audit')).json()) as { entries: { action: string; subject: string; actor: string }[] };
      expect(audit.entries.map((e) => e.action)).toEqual(expect.arrayContaining(['tool.create', 'request.approved']));
      expect(audit.entries.find((e) => e.action === 'request.approved')).toMatchObject({ subject: request.id, actor: c.fgEmail });
    });

    it('a decision whose tool status disagrees is refused with the reason', async () => {
      const request = vettingRequest({ host: 'kahoot.com' });
      await postRequest(c.url, c.slug, request, c.intakeToken);
      const answer = await fgApi(c.url, c.slug, c.apiToken, `requests/${request.id}/decision`, { method: 'POST', body: { status: 'rejected', note: 'nee', tool: { ...wordwall(), id: 'kahoot', match: ['kahoot.com'] } } });
      expect(answer.status).toBe(400);
      expect((await answer.json()).error).toMatch(/"approved" but the decision is "rejected"/);
    });

    it('tools: PUT checks the id, the schema and lint against the whole register; DELETE refuses while named as an alternative', async () => {
      const mismatch = await fgApi(c.url, c.slug, c.apiToken, 'tools/other', { method: 'PUT', body: wordwall() });
      expect(mismatch.status).toBe(400);
      const claimed = await fgApi(c.url, c.slug, c.apiToken, 'tools/ww-copy', { method: 'PUT', body: { ...wordwall(), id: 'ww-copy' } });
      expect(claimed.status).toBe(400);
      expect((await claimed.json()).error).toMatch(/also claimed by tool "wordwall"/);
      const alt = await fgApi(c.url, c.slug, c.apiToken, 'tools/tiktok', { method: 'PUT', body: { id: 'tiktok', name: 'TikTok', category: 'social', match: ['tiktok.com'], status: 'rejected', reason: 'Geen overeenkomst', alternatives: ['wordwall'] } });
      expect(alt.status).toBe(201);
      const del = await fgApi(c.url, c.slug, c.apiToken, 'tools/wordwall', { method: 'DELETE' });
      expect(del.status).toBe(409);
      expect((await del.json()).error).toMatch(/alternative by tiktok/);
    });

    it('editing the tool record on a request without ticking "save the tool" is refused, not silently dropped (control: unchanged fields pass)', async () => {
      const request = vettingRequest({ host: 'wordwall.net' });
      await postRequest(c.url, c.slug, request, c.intakeToken);
      const fg = new FgClient(c.url, c.slug);
      await fg.login(c.fgEmail, c.password);
      const page = (await fg.get(`requests/${request.id}`)).html;
      // the register's privacy sheet for the site, rendered by the extension's own component in Dutch
      expect(page).toContain('id="sheet-heading">Privacybijsluiter');
      expect(page).toContain('Verenigd Koninkrijk');
      // the form as the page fills it: every tool field with its value
      const fields: Record<string, string | string[]> = {};
      for (const m of page.matchAll(/<input id="tool-([A-Za-z]+)" name="([A-Za-z]+)"[^>]*?value="([^"]*)"/g)) fields[m[2]!] = m[3]!.replace(/&amp;/g, '&').replace(/&quot;/g, '"');
      for (const m of page.matchAll(/<textarea id="tool-([A-Za-z]+)" name="([A-Za-z]+)"[^>]*>([^<]*)<\/textarea>/g)) fields[m[2]!] = m[3]!.replace(/&amp;/g, '&');
      // each select on its own: the selected option, else the first (what a browser submits)
      for (const m of page.matchAll(/<select id="tool-([A-Za-z]+)" name="([A-Za-z]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
        // (an empty value renders as a bare `value` attribute)
        fields[m[2]!] = (/<option value(?:="([^"]*)")? selected/.exec(m[3]!) ?? /<option value(?:="([^"]*)")?/.exec(m[3]!))![1] ?? '';
      }
      for (const m of page.matchAll(/name="(audience|purposes)" value="([^"]+)" checked/g)) fields[m[1]!] = [...((fields[m[1]!] as string[] | undefined) ?? []), m[2]!];
      const csrf = await fg.csrf(`requests/${request.id}`);
      const changed = await fg.post(`requests/${request.id}/decision`, { ...fields, reference: 'CHANGED-REF', decision: 'in-review', note: 'kijken', _csrf: csrf });
      expect(changed.status).toBe(400);
      expect(changed.html).toContain('er is niets opgeslagen');
      expect((await (await fgApi(c.url, c.slug, c.apiToken, `requests/${request.id}`)).json()).status).toBe('received');
      const same = await fg.post(`requests/${request.id}/decision`, { ...fields, decision: 'in-review', note: 'kijken', _csrf: await fg.csrf(`requests/${request.id}`) });
      expect(same.status).toBe(303);
      expect((await (await fgApi(c.url, c.slug, c.apiToken, 'tools/wordwall')).json()).agreement.reference).toBe('VO-2025-031');
    });

    it('removing a tool in the interface asks first; a refusal says why (control: the confirmed removal works)', async () => {
      const fg = new FgClient(c.url, c.slug);
      await fg.login(c.fgEmail, c.password);
      await fgApi(c.url, c.slug, c.apiToken, 'tools/padlet', { method: 'PUT', body: { id: 'padlet', name: 'Padlet', category: 'board', match: ['padlet.com'], status: 'unvetted' } });
      const confirm = await fg.get('tools/padlet/delete');
      expect(confirm.status).toBe(200);
      expect(confirm.html).toContain('Padlet');
      expect((await fgApi(c.url, c.slug, c.apiToken, 'tools/padlet')).status).toBe(200);
      const refused = await fg.post('tools/wordwall/delete', { _csrf: await fg.csrf('tools') });
      expect(refused.status).toBe(409);
      expect(refused.html).toContain('alternative by tiktok');
      expect((await fg.post('tools/padlet/delete', { _csrf: await fg.csrf('tools') })).status).toBe(303);
      expect((await fgApi(c.url, c.slug, c.apiToken, 'tools/padlet')).status).toBe(404);
    });

    it('publishes a signed register at register.json with an ETag; the serial goes up; the extension\'s own check accepts it', async () => {
      const first = await fgApi(c.url, c.slug, c.apiToken, 'publish', { method: 'POST' });
      expect(first.status).toBe(200);
      const { serial } = (await first.json()) as { serial: number };
      const served = await fetch(`${c.url}/b/linde/register.json`);
      expect(served.status).toBe(200);
      expect(served.headers.get('access-control-allow-origin')).toBe('*');
      const etag = served.headers.get('etag')!;
      const envelope = envelopeSchema.parse(await served.json());
      const [{ publicKey }] = rows<{ publicKey: string }>(await c.ctx.db.execute(sql`SELECT public_key AS "publicKey" FROM boards WHERE slug = 'linde'`)) as [{ publicKey: string }];
      const key = await importPublicKey(publicKey);
      if ('error' in key) throw new Error(key.error);
      const verified = await verifyEnvelope(envelope, [key], REGISTER_PAYLOAD_TYPE);
      expect(verified.ok).toBe(true);
      const payload = JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8'));
      expect(payload).toMatchObject({ serial, publisher: { name: 'Stichting linde', fg: { email: c.fgEmail } } });
      expect(payload.tools.map((t: { id: string }) => t.id)).toEqual(expect.arrayContaining(['wordwall', 'tiktok']));
      expect((await fetch(`${c.url}/b/linde/register.json`, { headers: { 'if-none-match': etag } })).status).toBe(304);
      const second = await (await fgApi(c.url, c.slug, c.apiToken, 'publish', { method: 'POST' })).json();
      expect(second.serial).toBe(serial + 1);
      expect((await fetch(`${c.url}/b/eik/register.json`)).status).toBe(404);
    });

    it('a register with lint errors is never published; the previous one stays served', async () => {
      const before = await (await fetch(`${c.url}/b/linde/register.json`)).text();
      // a tool stored behind the checks' back (as a damaged import might): publishing must still refuse it
      await c.ctx.db.execute(sql`INSERT INTO tools (board_id, tool_id, data, updated_by) SELECT id, 'broken', ${JSON.stringify({ id: 'broken', name: 'Broken', category: 'quiz', match: ['github.io'], status: 'approved' })}::jsonb, 'test' FROM boards WHERE slug = 'linde'`);
      const registers = await countRows(c, 'registers');
      const refused = await fgApi(c.url, c.slug, c.apiToken, 'publish', { method: 'POST' });
      expect(refused.status).toBe(409);
      const body = (await refused.json()) as { errors: { message: string }[] };
      expect(body.errors.map((e) => e.message).join(' ')).toMatch(/github\.io/);
      expect(await countRows(c, 'registers')).toBe(registers);
      expect(await (await fetch(`${c.url}/b/linde/register.json`)).text()).toBe(before);
      await c.ctx.db.execute(sql`DELETE FROM tools WHERE tool_id = 'broken'`);
    });

    it('exports requests as CSV with formula cells made harmless', async () => {
      const request = vettingRequest({ message: '=HYPERLINK("http://evil.example","klik")', email: 'csv@school.example' });
      await postRequest(c.url, c.slug, request, c.intakeToken);
      const response = await fgApi(c.url, c.slug, c.apiToken, 'export.csv');
      expect(response.headers.get('content-type')).toMatch(/text\/csv/);
      const text = await response.text();
      const line = text.split('\r\n').find((l) => l.startsWith(`"${request.id}"`))!;
      expect(line).toContain(`"'=HYPERLINK(""http://evil.example"",""klik"")"`);
      expect(line).not.toMatch(/[,;]=HYPERLINK/);
    });

    it('retention removes the personal data of requests decided over a year ago and keeps the decision', async () => {
      const old = vettingRequest({ host: 'old.example', email: 'old@school.example' });
      const { statusUrl } = (await (await postRequest(c.url, c.slug, old, c.intakeToken)).json()) as { statusUrl: string };
      await fgApi(c.url, c.slug, c.apiToken, `requests/${old.id}/decision`, { method: 'POST', body: { status: 'rejected', note: 'Geen overeenkomst mogelijk' } });
      const open = vettingRequest({ host: 'open.example' });
      await postRequest(c.url, c.slug, open, c.intakeToken);
      now = new Date(now.getTime() + 366 * 86_400_000);
      const { redacted } = await housekeeping(c.ctx);
      expect(redacted).toBeGreaterThanOrEqual(1);
      const view = await (await fgApi(c.url, c.slug, c.apiToken, `requests/${old.id}`)).json();
      expect(view).toMatchObject({ status: 'rejected', note: 'Geen overeenkomst mogelijk', requester: null, use: null, message: null });
      expect(view.personalDataRemovedAt).toBeTruthy();
      expect(await (await fetch(statusUrl)).json()).toMatchObject({ status: 'rejected', note: 'Geen overeenkomst mogelijk' });
      const stored = rows<{ body: unknown; email: string | null }>(await c.ctx.db.execute(sql`SELECT body, requester_email AS email FROM requests WHERE request_id = ${old.id}`))[0]!;
      expect(stored).toEqual({ body: null, email: null });
      // control: an undecided request keeps everything, however old
      const kept = await (await fgApi(c.url, c.slug, c.apiToken, `requests/${open.id}`)).json();
      expect(kept.requester).toEqual(open.requester);
    });
  });
});
