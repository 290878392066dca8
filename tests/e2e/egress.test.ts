/**
 * Egress: a Chromium session visiting 100 pages on 30 hosts with the extension configured. Every
 * request reaching the stand-in internet is recorded (each of the 100 page loads among them, so
 * the record is not blind), and so is every request the extension makes, in the browser: the
 * extension asks only for the register URL, no request goes to a host the teacher did not visit,
 * and no request of the extension carries a visited address. A control makes the extension send
 * a visited address on purpose and shows the checks catching it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBadge, waitFor, type ExtensionBrowser } from '../../harness/chromium';
import { openOptionsAtSerial, startPolicySession, type PolicySession } from '../../harness/session';
import { datedDemoPayload, signPayload } from '../../harness/demo-register';
import { REGISTER_HOST, REGISTER_URL, type LocalInternet } from '../../harness/server';
import { extensionRequestsAtServer, foreignUrls, recordExtensionRequests, urlsCarrying } from '../helpers/egress';
import { makeKey } from '../helpers/registers';

const HOSTS = ['wordwall.net', 'kahoot.com', 'quizlet.com', 'www.gimkit.com', 'www.tiktok.com', 'www.example.org', 'docs.google.com', 'www.baamboozle.com', 'nearpod.com',
  'www.blooket.com', 'chatgpt.com', 'padlet.com', 'www.canva.com', 'scratch.mit.edu', 'www.khanacademy.org', 'www.duolingo.com', 'classroom.google.com', 'www.youtube.com',
  'www.lessonup.com', 'www.snappet.org', 'www.squla.nl', 'www.magister.net', 'www.somtoday.nl', 'prezi.com', 'quizizz.com', 'www.mentimeter.com', 'www.bingel.be',
  'www.smartschool.be', 'nieuws.voorbeeld.nl', 'www.buurtsite.example'];

let internet: LocalInternet;
let browser: ExtensionBrowser;
/** Every request the extension made, seen in the browser. */
let fromExtension: string[];
const visited = (i: number) => `https://${HOSTS[i % HOSTS.length]}/les/${i}?leerling=${i}#deel`;

let session: PolicySession;

beforeAll(async () => {
  const key = await makeKey();
  session = await startPolicySession(await signPayload(datedDemoPayload(3), key), { registerUrl: REGISTER_URL, publicKeys: [key.publicBase64] });
  ({ internet, browser } = session);
  fromExtension = recordExtensionRequests(browser.context);
});

afterAll(() => session?.close());

describe('what the extension sends while a teacher browses', () => {
  it('only the register URL, nothing about the 100 pages visited', async () => {
    await openOptionsAtSerial(browser, 3);
    const page = await browser.context.newPage();
    for (let i = 0; i < 100; i++) await page.goto(visited(i));
    // the extension did its work on these pages: the last one has its badge
    expect(await waitFor(async () => readBadge(await browser.worker(), `https://${HOSTS[99 % HOSTS.length]}/`), (b) => b !== null)).not.toBeNull();

    // the stand-in saw every page load, each with its address (the fragment stays in the browser)
    const seen = new Set(internet.requests.map((r) => `https://${r.host}${r.url}`));
    expect(Array.from({ length: 100 }, (_, i) => visited(i).replace('#deel', '')).filter((url) => !seen.has(url))).toEqual([]);

    const atServer = extensionRequestsAtServer(internet);
    expect(fromExtension).toContain(REGISTER_URL);
    expect(atServer).toContain(REGISTER_URL);
    expect(foreignUrls([...fromExtension, ...atServer], [REGISTER_URL])).toEqual([]);
    expect(urlsCarrying([...fromExtension, ...atServer], HOSTS, ['leerling', '/les/'])).toEqual([]);
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

  it('control: a visited address sent by the extension is caught by both checks', async () => {
    const worker = await browser.worker();
    const leak = `${REGISTER_URL}?from=${encodeURIComponent(visited(7))}`;
    await worker.evaluate((url) => fetch(url).then(() => undefined, () => undefined), leak);
    await waitFor(async () => fromExtension.includes(leak), (v) => v, 10_000);
    const all = [...fromExtension, ...extensionRequestsAtServer(internet)];
    expect(foreignUrls(all, [REGISTER_URL])).toEqual([leak]);
    expect(urlsCarrying(all, HOSTS, ['leerling', '/les/'])).toEqual([leak]);
  });
});
