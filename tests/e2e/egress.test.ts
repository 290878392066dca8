/**
 * Egress: a Chromium session visiting 100 pages on 30 hosts with the extension configured. Every
 * request reaching the stand-in internet is recorded: the extension itself (Origin
 * chrome-extension://…) asks only for the register URL, no request goes to a host the teacher
 * did not visit, and no request carries a visited address.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBadge, waitFor, type ExtensionBrowser } from '../../harness/chromium';
import { openOptionsAtSerial, startPolicySession, type PolicySession } from '../../harness/session';
import { datedDemoPayload, signPayload } from '../../harness/demo-register';
import { REGISTER_HOST, REGISTER_URL, type LocalInternet } from '../../harness/server';
import { makeKey } from '../helpers/registers';

const HOSTS = ['wordwall.net', 'kahoot.com', 'quizlet.com', 'www.gimkit.com', 'www.tiktok.com', 'www.example.org', 'docs.google.com', 'www.baamboozle.com', 'nearpod.com',
  'www.blooket.com', 'chatgpt.com', 'padlet.com', 'www.canva.com', 'scratch.mit.edu', 'www.khanacademy.org', 'www.duolingo.com', 'classroom.google.com', 'www.youtube.com',
  'www.lessonup.com', 'www.snappet.org', 'www.squla.nl', 'www.magister.net', 'www.somtoday.nl', 'prezi.com', 'quizizz.com', 'www.mentimeter.com', 'www.bingel.be',
  'www.smartschool.be', 'nieuws.voorbeeld.nl', 'www.buurtsite.example'];

let internet: LocalInternet;
let browser: ExtensionBrowser;
export const egressCounts = { pages: 0, hosts: HOSTS.length, requests: 0, extensionRequests: 0 };

let session: PolicySession;

beforeAll(async () => {
  const key = await makeKey();
  session = await startPolicySession(await signPayload(datedDemoPayload(3), key), { registerUrl: REGISTER_URL, publicKeys: [key.publicBase64] });
  ({ internet, browser } = session);
});

afterAll(() => session?.close());

describe('what the extension sends while a teacher browses', () => {
  it('only the register URL, nothing about the 100 pages visited', async () => {
    await openOptionsAtSerial(browser, 3);
    const page = await browser.context.newPage();
    for (let i = 0; i < 100; i++) {
      const host = HOSTS[i % HOSTS.length]!;
      await page.goto(`https://${host}/les/${i}?leerling=${i}#deel`);
      egressCounts.pages++;
    }
    // the extension did its work on these pages: the last one has its badge
    expect(await waitFor(async () => readBadge(await browser.worker(), `https://${HOSTS[99 % HOSTS.length]}/`), (b) => b !== null)).not.toBeNull();

    const fromExtension = internet.requests.filter((r) => r.origin.startsWith('chrome-extension://'));
    egressCounts.requests = internet.requests.length;
    egressCounts.extensionRequests = fromExtension.length;
    expect(fromExtension.length).toBeGreaterThan(0);
    expect(new Set(fromExtension.map((r) => `${r.host}${r.path}`))).toEqual(new Set([`${REGISTER_HOST}/register.json`]));
    expect(fromExtension.every((r) => r.url === '/register.json')).toBe(true);
    // Chromium's own services (accounts, component updates) also reach the stand-in; they are the
    // browser's, not the extension's, and carry no Origin of ours
    const browserOwn = /(^|\.)(google\.com|googleapis\.com|gstatic\.com|gvt1\.com)$/;
    const allowed = new Set([...HOSTS, REGISTER_HOST]);
    expect(internet.requests.filter((r) => !allowed.has(r.host) && !browserOwn.test(r.host))).toEqual([]);
    expect(internet.requests.filter((r) => browserOwn.test(r.host) && r.origin.startsWith('chrome-extension://'))).toEqual([]);
    for (const request of internet.requests.filter((r) => r.host === REGISTER_HOST)) {
      expect(request.url).toBe('/register.json');
    }
  }, 180_000);
});
