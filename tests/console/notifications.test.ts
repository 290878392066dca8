/**
 * Notifications, end to end against servers this file starts on 127.0.0.1: e-mail through a real
 * SMTP server (instant, hourly digest, weekly needs-attention digest) and the signed webhook to a
 * local HTTP receiver, with retry after a failure. Time moves through the console's injectable
 * clock; every "nothing is sent" has a control showing the same path does send.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boards, outbox, requests, users } from '../../console/db/schema';
import { sendAttentionDigests, sendHourlyDigests } from '../../console/jobs';
import { seal } from '../../console/lib/secrets';
import { verifyWebhook } from '../../console/lib/webhook-signature';
import { deliverDue, realSenders, type Senders } from '../../console/notify/send';
import { fgApi, postRequest, startTestConsole, vettingRequest, type TestConsole } from '../helpers/console';

interface Mail { rcpt: string[]; to: string; subject: string; text: string }
interface Hook { status: number; body: string; signature: string | undefined }

/** Enough of RFC 5322/2045/2047 for nodemailer's output: unfolded headers, encoded words, QP or base64 body. */
function parseMail(raw: string, rcpt: string[]): Mail {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const header = (name: string) => head.split('\r\n').find((l) => l.toLowerCase().startsWith(`${name}:`))?.slice(name.length + 1).trim() ?? '';
  const words = (s: string) => s.replace(/=\?utf-8\?([QB])\?([^?]*)\?=\s*/gi, (_m, enc: string, w: string) => (enc.toUpperCase() === 'B' ? Buffer.from(w, 'base64') : qp(w.replace(/_/g, ' '))).toString('utf8'));
  const qp = (s: string) => {
    const t = s.replace(/=\r?\n/g, ''); // soft line breaks
    const bytes: number[] = [];
    for (let i = 0; i < t.length; i++) {
      const hex = t.slice(i + 1, i + 3);
      if (t[i] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
        bytes.push(Number.parseInt(hex, 16));
        i += 2;
      } else bytes.push(...Buffer.from(t[i]!, 'utf8'));
    }
    return Buffer.from(bytes);
  };
  const body = raw.slice(split + 4);
  const cte = header('content-transfer-encoding').toLowerCase();
  const text = cte === 'quoted-printable' ? qp(body).toString('utf8') : cte === 'base64' ? Buffer.from(body, 'base64').toString('utf8') : body;
  return { rcpt, to: header('to'), subject: words(header('subject')), text: text.replace(/\r\n/g, '\n') };
}

// what the teacher typed: the FG's e-mail may say there is work and where, never who or what they wrote
const TEACHER = { name: 'Marieke de Boer-Testsma', email: 'marieke.testsma@school.example', school: 'OBS Het Geheime Pad', message: 'Graag voor vrijdag, mijn klas wacht al weken' };
const personal = (text: string) => Object.values(TEACHER).filter((needle) => text.includes(needle));
const teacherRequest = (tool = { name: 'Blooket', host: 'www.blooket.com' }) => {
  const base = vettingRequest({ host: tool.host });
  return { ...base, tool: { ...base.tool, name: tool.name }, requester: { name: TEACHER.name, email: TEACHER.email, school: TEACHER.school }, message: TEACHER.message };
};

describe('notifications (pglite, real SMTP and HTTP on 127.0.0.1)', () => {
  let c: TestConsole;
  let smtp: SMTPServer;
  let receiver: Server;
  let receiverUrl: string;
  let senders: Senders;
  let offset = 0; // the console's clock is real time plus this, so it only ever moves forward
  const mails: Mail[] = [];
  const hooks: Hook[] = [];
  let failWebhooks = false;
  const MIN = 60_000;
  const mailsTo = (address: string) => mails.filter((m) => m.rcpt.includes(address));
  const deliver = () => deliverDue(c.ctx, senders);
  const boardId = async (slug: string) => (await c.ctx.db.select().from(boards).where(eq(boards.slug, slug)))[0]!.id;
  const outboxOf = async (slug: string) => c.ctx.db.select().from(outbox).where(eq(outbox.boardId, await boardId(slug)));
  const setNotify = (email: string, notify: 'instant' | 'hourly' | 'off') => c.ctx.db.update(users).set({ notify }).where(eq(users.email, email));
  /** A board with an FG and, if asked, a webhook to the local receiver (set in the database: the web form wants https). */
  const board = async (slug: string, secret?: string) => {
    const added = await c.addBoard(slug);
    if (secret) await c.ctx.db.update(boards).set({ webhookUrl: `${receiverUrl}/hook/${slug}`, webhookSecretEnc: seal(c.ctx.master, Buffer.from(secret), `webhook:${slug}`) }).where(eq(boards.slug, slug));
    return added;
  };

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          mails.push(parseMail(Buffer.concat(chunks).toString('utf8'), session.envelope.rcptTo.map((r) => r.address)));
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const status = failWebhooks ? 500 : 204;
        hooks.push({ status, body: Buffer.concat(chunks).toString('utf8'), signature: req.headers['x-bijsluiter-signature'] as string | undefined });
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    const smtpPort = (smtp.server.address() as AddressInfo).port;
    c = await startTestConsole('pglite', { now: () => new Date(Date.now() + offset), settings: { smtpUrl: `smtp://127.0.0.1:${smtpPort}`, allowPrivateWebhooks: true } });
    senders = realSenders(c.ctx);
  });
  afterAll(async () => {
    await c?.stop();
    await new Promise<void>((resolve) => smtp?.close(() => resolve()));
    await new Promise<void>((resolve) => receiver?.close(() => resolve()));
  });

  it('instant: one e-mail per request to the FG, naming tool and host, linking the console, with nothing of the teacher', async () => {
    const request = teacherRequest();
    expect((await postRequest(c.url, c.slug, request, c.intakeToken)).status).toBe(201);
    expect(await deliver()).toEqual({ sent: 1, failed: 0 });
    const [mail, ...more] = mailsTo(c.fgEmail);
    expect(more).toHaveLength(0);
    expect(mail!.to).toBe(c.fgEmail);
    expect(mail!.subject).toBe('Nieuwe aanvraag: “Blooket” (www.blooket.com)');
    expect(mail!.text).toContain(`${c.url}/b/linde/fg/requests/${request.id}`);
    // the decoder worked (a non-ASCII line came through), so "not contained" below means something
    expect(mail!.text).toContain('één overzicht per uur');
    expect(personal(`${mail!.subject}\n${mail!.text}`)).toEqual([]);
    // control: the stored request does hold every needle, so the privacy check can fire
    const [stored] = await c.ctx.db.select().from(requests).where(eq(requests.requestId, request.id));
    expect(personal(JSON.stringify(stored!.body))).toEqual(Object.values(TEACHER));
  });

  it('notify "off": no e-mail is made for a request (control: the same board with "instant" gets one)', async () => {
    const eik = await board('eik');
    await setNotify(eik.fgEmail, 'off');
    expect((await postRequest(c.url, 'eik', teacherRequest(), eik.intakeToken)).status).toBe(201);
    expect(await outboxOf('eik')).toHaveLength(0);
    await deliver();
    expect(mailsTo(eik.fgEmail)).toHaveLength(0);
    await setNotify(eik.fgEmail, 'instant');
    expect((await postRequest(c.url, 'eik', teacherRequest(), eik.intakeToken)).status).toBe(201);
    await deliver();
    expect(mailsTo(eik.fgEmail)).toHaveLength(1);
    await setNotify(eik.fgEmail, 'off'); // stays off: the attention test below relies on it
  });

  it('hourly: nothing per request, one digest listing the tools, nothing more within the hour, the next one after it', async () => {
    const wilg = await board('wilg');
    await setNotify(wilg.fgEmail, 'hourly');
    for (const tool of [{ name: 'Blooket', host: 'www.blooket.com' }, { name: 'Kahoot', host: 'kahoot.it' }]) {
      expect((await postRequest(c.url, 'wilg', teacherRequest(tool), wilg.intakeToken)).status).toBe(201);
    }
    await deliver();
    expect(mailsTo(wilg.fgEmail)).toHaveLength(0);
    offset += 10 * MIN;
    expect(await sendHourlyDigests(c.ctx)).toBe(1);
    await deliver();
    const [digest] = mailsTo(wilg.fgEmail);
    expect(digest!.subject).toBe('2 nieuwe aanvraag/aanvragen voor Stichting wilg');
    // the digest's list is in no particular order
    expect(digest!.text.split('\n').filter((l) => l.startsWith('- ')).sort()).toEqual(['- “Blooket” (www.blooket.com)', '- “Kahoot” (kahoot.it)']);
    expect(digest!.text).toContain(`${c.url}/b/wilg/fg/`);
    expect(personal(digest!.text)).toEqual([]);
    // a new request 30 minutes later waits: the FG had a digest less than an hour ago
    offset += 30 * MIN;
    expect((await postRequest(c.url, 'wilg', teacherRequest({ name: 'Padlet', host: 'padlet.com' }), wilg.intakeToken)).status).toBe(201);
    expect(await sendHourlyDigests(c.ctx)).toBe(0);
    await deliver();
    expect(mailsTo(wilg.fgEmail)).toHaveLength(1);
    // control: past the hour the next digest goes, with only what came since the last one
    offset += 35 * MIN;
    expect(await sendHourlyDigests(c.ctx)).toBe(1);
    await deliver();
    expect(mailsTo(wilg.fgEmail)).toHaveLength(2);
    expect(mailsTo(wilg.fgEmail)[1]!.text).toMatch(/^Binnengekomen in het afgelopen uur:\n- “Padlet” \(padlet\.com\)\n\n/);
  });

  it('webhook: request.received, request.decided and register.published, signed with the board\'s secret', async () => {
    const secret = 'whsec_local-test-secret';
    const beuk = await board('beuk', secret);
    const request = teacherRequest();
    expect((await postRequest(c.url, 'beuk', request, beuk.intakeToken)).status).toBe(201);
    const before = hooks.length;
    await deliver();
    const received = hooks.slice(before);
    expect(received).toHaveLength(1);
    const hook = received[0]!;
    expect(JSON.parse(hook.body)).toMatchObject({ event: 'request.received', board: 'beuk', data: { id: request.id, url: `${c.url}/b/beuk/fg/requests/${request.id}`, request: { requester: { email: TEACHER.email } } } });
    expect(verifyWebhook(secret, hook.body, hook.signature)).toBe(true);
    // controls: a changed body or another secret does not verify
    expect(verifyWebhook(secret, hook.body.replace('beuk', 'beuq'), hook.signature)).toBe(false);
    expect(verifyWebhook('whsec_other', hook.body, hook.signature)).toBe(false);

    const decided = await fgApi(c.url, 'beuk', beuk.apiToken, `requests/${request.id}/decision`, { method: 'POST', body: { status: 'in-review', note: 'We kijken ernaar' } });
    expect(decided.status).toBe(200);
    const published = await fgApi(c.url, 'beuk', beuk.apiToken, 'publish', { method: 'POST' });
    expect(published.status).toBe(200);
    const { serial } = (await published.json()) as { serial: number };
    const mark = hooks.length;
    await deliver();
    const events = hooks.slice(mark).map((h) => ({ ok: verifyWebhook(secret, h.body, h.signature), ...(JSON.parse(h.body) as { event: string; board: string; data: Record<string, unknown> }) }));
    expect(events).toHaveLength(2);
    expect(events.find((e) => e.event === 'request.decided')).toMatchObject({ ok: true, board: 'beuk', data: { id: request.id, status: 'in-review', note: 'We kijken ernaar', tool: { name: 'Blooket', host: 'www.blooket.com' } } });
    expect(events.find((e) => e.event === 'register.published')).toMatchObject({ ok: true, board: 'beuk', data: { serial, registerUrl: `${c.url}/b/beuk/register.json` } });
  });

  it('a failing webhook is retried after about a minute and then delivered; intake answers 201 meanwhile', async () => {
    const secret = 'whsec_retry-secret';
    const populier = await board('populier', secret);
    await setNotify(populier.fgEmail, 'off'); // only the webhook in this board's outbox
    failWebhooks = true;
    const request = teacherRequest();
    expect((await postRequest(c.url, 'populier', request, populier.intakeToken)).status).toBe(201);
    const mark = hooks.length;
    expect(await deliver()).toEqual({ sent: 0, failed: 1 });
    expect(hooks.slice(mark).map((h) => h.status)).toEqual([500]);
    const [row] = await outboxOf('populier');
    expect(row).toMatchObject({ attempts: 1, doneAt: null, lastError: 'webhook answered 500' });
    const wait = row!.nextAt.getTime() - c.ctx.now().getTime();
    expect(wait).toBeGreaterThan(55_000); // 1 minute, plus up to 20 % jitter
    expect(wait).toBeLessThanOrEqual(72_000);
    // intake is never blocked by the failing receiver
    expect((await postRequest(c.url, 'populier', teacherRequest(), populier.intakeToken)).status).toBe(201);
    failWebhooks = false;
    // the second request's webhook goes now; the failed one waits for its time (control: it is not resent early)
    expect(await deliver()).toEqual({ sent: 1, failed: 0 });
    expect(hooks.slice(mark + 1).map((h) => JSON.parse(h.body).data.id)).not.toContain(request.id);
    offset += 2 * MIN;
    expect(await deliver()).toEqual({ sent: 1, failed: 0 });
    const retried = hooks.at(-1)!;
    expect(retried.status).toBe(204);
    expect(JSON.parse(retried.body)).toMatchObject({ event: 'request.received', board: 'populier', data: { id: request.id } });
    expect(verifyWebhook(secret, retried.body, retried.signature)).toBe(true);
    const rows = await outboxOf('populier');
    expect(rows.every((r) => r.doneAt !== null)).toBe(true);
    expect(rows.find((r) => r.id === row!.id)).toMatchObject({ attempts: 1, lastError: null });
  });

  it('weekly needs-attention digest: one e-mail per FG when a request waits over 14 days, not again within 7 days', async () => {
    const es = await board('es');
    const olm = await board('olm'); // nothing to attend to: control that the digest is not sent blindly
    expect((await postRequest(c.url, 'es', teacherRequest({ name: 'Padlet', host: 'padlet.com' }), es.intakeToken)).status).toBe(201);
    await sendAttentionDigests(c.ctx);
    await deliver();
    expect(mailsTo(es.fgEmail).filter((m) => m.subject.startsWith('Wekelijks'))).toHaveLength(0); // waiting 0 days
    offset += 15 * 24 * 60 * MIN;
    expect(await sendAttentionDigests(c.ctx)).toBeGreaterThan(0);
    await deliver();
    const weekly = (address: string) => mailsTo(address).filter((m) => m.subject.startsWith('Wekelijks'));
    const [digest, ...more] = weekly(es.fgEmail);
    expect(more).toHaveLength(0);
    expect(digest!.subject).toBe('Wekelijks: aandachtspunten voor Stichting es');
    expect(digest!.text).toContain('Padlet');
    expect(digest!.text).toContain(`${c.url}/b/es/fg/attention`);
    expect(personal(digest!.text)).toEqual([]);
    expect(weekly(olm.fgEmail)).toHaveLength(0);
    expect(weekly('fg@eik.example')).toHaveLength(0); // open requests, but the FG chose no e-mail
    expect(weekly(c.fgEmail)).toHaveLength(1); // linde's request waits too (the digest is per board)
    // a day later: nothing again
    offset += 24 * 60 * MIN;
    expect(await sendAttentionDigests(c.ctx)).toBe(0);
    await deliver();
    expect(weekly(es.fgEmail)).toHaveLength(1);
    // control: a week after the last one it comes again
    offset += 7 * 24 * 60 * MIN;
    expect(await sendAttentionDigests(c.ctx)).toBeGreaterThan(0);
    await deliver();
    expect(weekly(es.fgEmail)).toHaveLength(2);
  });
});
