/**
 * Attack 1 of the security review: the webhook guard judged addresses as text and checked them
 * before fetch resolved the name again. Each attack is replayed against a real listener on
 * 127.0.0.1 that counts connections; each has a control that proves the listener would see it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, buildConnector, fetch as undiciFetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardedFetch, type LookupFn } from '../../console/lib/guarded-fetch';
import { isPublicIp, parseIPv6, webhookAddressProblem } from '../../console/lib/public-address';
import { realSenders } from '../../console/notify/send';
import { startTestConsole, type TestConsole } from '../helpers/console';
import { FgClient } from '../helpers/fg-web';

let server: Server;
let port: number;
let hits = 0;

beforeAll(async () => {
  server = createServer((_req, res) => {
    hits += 1;
    res.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** A name that answers a public address the first time it is asked and loopback after (DNS rebinding). */
function rebindingLookup(): LookupFn & { asked: number } {
  const fn = ((_host: string, options: { all?: boolean }, callback: (e: null, a: unknown, f?: number) => void) => {
    fn.asked += 1;
    const address = fn.asked === 1 ? '93.184.215.14' : '127.0.0.1';
    if (options.all) callback(null, [{ address, family: 4 }]);
    else callback(null, address, 4);
  }) as LookupFn & { asked: number };
  fn.asked = 0;
  return fn;
}

describe('addresses are judged as bytes', () => {
  it.each([
    ['::ffff:7f00:1', false], // what the URL parser makes of [::ffff:127.0.0.1]
    ['::ffff:127.0.0.1', false],
    ['::ffff:a9fe:a9fe', false], // cloud metadata, mapped
    ['::ffff:a00:1', false], // 10.0.0.1, mapped
    ['::ffff:0:7f00:1', false], // translated
    ['::7f00:1', false], // compatible
    ['2002:7f00:1::1', false], // 6to4 of 127.0.0.1
    ['2002:a9fe:a9fe::1', false], // 6to4 of the metadata address
    ['64:ff9b::a9fe:a9fe', false], // NAT64 of the metadata address
    ['64:ff9b:1::1', false], // NAT64 local use
    ['2001:0:4136:e378::1', false], // Teredo
    ['::1', false],
    ['::', false],
    ['fe80::1%eth0', false],
    ['fd00::1', false],
    ['ff02::1', false],
    ['2001:db8::1', false],
    ['100::1', false],
    ['127.0.0.1', false],
    ['169.254.169.254', false],
    ['0.0.0.0', false],
    ['100.64.0.1', false],
    // controls: public addresses, also in the carrying forms
    ['8.8.8.8', true],
    ['::ffff:808:808', true],
    ['2002:808:808::1', true],
    ['64:ff9b::808:808', true],
    ['2606:4700:4700::1111', true],
    ['2a00:1450:400e:80f::200e', true],
  ])('%s → public %s', (ip, expected) => expect(isPublicIp(ip)).toBe(expected));

  it('parses every textual form of one address to the same bytes', () => {
    const forms = ['::ffff:127.0.0.1', '::ffff:7f00:1', '0:0:0:0:0:ffff:7f00:1', '[::FFFF:7F00:0001]', '0000:0000:0000:0000:0000:ffff:127.0.0.1'];
    const hex = forms.map((f) => Buffer.from(parseIPv6(f)!).toString('hex'));
    expect(new Set(hex)).toEqual(new Set(['00000000000000000000ffff7f000001']));
    expect(parseIPv6('1:2:3:4:5:6:7:8:9')).toBeNull();
    expect(parseIPv6('::ffff:300.0.0.1')).toBeNull();
  });

  it('the check when saving refuses the forms the review found', async () => {
    for (const url of [`https://[::ffff:127.0.0.1]:${port}/`, 'https://[::ffff:a9fe:a9fe]/', 'https://[::ffff:a00:1]/', 'https://[2002:7f00:1::1]/']) {
      expect(await webhookAddressProblem(url, false), url).toMatch(/private or local network/);
    }
    expect(await webhookAddressProblem('https://[2606:4700:4700::1111]/', false)).toBeNull();
  });
});

describe('the guard sits in the connection', () => {
  it('an IPv4-mapped loopback literal is never connected to (control: with private networks allowed it is)', async () => {
    const url = `http://[::ffff:127.0.0.1]:${port}/hook`;
    const before = hits;
    await expect(guardedFetch({ allowPrivate: false })(url, { method: 'POST', body: '{}' })).rejects.toThrow();
    expect(hits).toBe(before);
    const allowed = await guardedFetch({ allowPrivate: true })(url, { method: 'POST', body: '{}' });
    expect(allowed.status).toBe(200);
    expect(hits).toBe(before + 1);
  });

  it('DNS rebinding: the save-time check sees a public address, the connection refuses loopback (control: check-then-fetch connects)', async () => {
    const url = `http://rebind.invalid:${port}/hook`;
    // the old way: check, then let fetch resolve again
    const oldLookup = rebindingLookup();
    const asPromise = (fn: LookupFn) => (host: string) => new Promise<string[]>((resolve) => fn(host, { all: true }, (_e, a) => resolve((a as { address: string }[]).map((x) => x.address))));
    expect(await webhookAddressProblem(url, false, asPromise(oldLookup))).toBeNull();
    const before = hits;
    const unguarded = new Agent({ connect: buildConnector({ lookup: oldLookup } as never) });
    const answer = await undiciFetch(url, { method: 'POST', body: '{}', dispatcher: unguarded });
    expect(answer.status).toBe(200);
    expect(hits).toBe(before + 1); // control: the listener on loopback was reached

    // the guard: the connection's own lookup is checked
    const newLookup = rebindingLookup();
    expect(await webhookAddressProblem(url, false, asPromise(newLookup))).toBeNull(); // fooled the first time, as before
    const refused = guardedFetch({ allowPrivate: false, lookup: newLookup })(url, { method: 'POST', body: '{}' });
    await expect(refused).rejects.toThrow();
    await refused.catch((error: Error & { cause?: Error }) => expect(String(error.cause?.message)).toMatch(/rebind\.invalid is on a private or local network/));
    expect(hits).toBe(before + 1);
  });

  it('the console\'s webhook sender uses the guard (control: allowed, it delivers)', async () => {
    const c = await startTestConsole('pglite');
    try {
      const before = hits;
      await expect(realSenders(c.ctx).webhook(`http://[::ffff:127.0.0.1]:${port}/hook`, '{}', 'sha256=0')).rejects.toThrow(/private or local network/);
      expect(hits).toBe(before);
      c.ctx.settings.allowPrivateWebhooks = true;
      await realSenders(c.ctx).webhook(`http://[::ffff:127.0.0.1]:${port}/hook`, '{}', 'sha256=0');
      expect(hits).toBe(before + 1);
    } finally {
      await c.stop();
    }
  });

  it('the settings form refuses https://[::ffff:127.0.0.1]:PORT/ (control: a public address is saved)', async () => {
    const c: TestConsole = await startTestConsole('pglite');
    try {
      const fg = new FgClient(c.url, c.slug);
      await fg.login(c.fgEmail, c.password);
      const csrf = await fg.csrf('settings');
      const refused = await fg.post('settings/intake', { _csrf: csrf, emailDomains: '', webhookUrl: `https://[::ffff:127.0.0.1]:${port}/` });
      expect(refused.status).toBe(400);
      expect(refused.html).toMatch(/private or local network/);
      const saved = await fg.post('settings/intake', { _csrf: csrf, emailDomains: '', webhookUrl: 'https://[2606:4700:4700::1111]/hook' });
      expect(saved.status).toBe(200);
      expect(saved.html).toContain('whsec_');
    } finally {
      await c.stop();
    }
  });
});
