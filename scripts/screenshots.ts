/**
 * Retakes the README's screenshots from the real browser: the popup (320 px wide) for an
 * approved, a changed and an unvetted tool and on a sign-in screen, and the options page, against the demo register;
 * then the FG console's inbox, a request, the tool editor and publish, against the demo console.
 * `npm run screenshots` (builds first).
 */
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { renderSite } from '../site/render';
import { configureOnOptionsPage, EXTENSION_ID, launchWithExtension, readBadge, waitFor } from '../harness/chromium';
import { datedDemoPayload, demoKey, demoPublicKey, signPayload } from '../harness/demo-register';
import { RECEIVER_HOST, REGISTER_URL, startLocalInternet } from '../harness/server';
import { CONSOLE_URL, fgLogin, startDemoConsole } from '../harness/console';
import { vettingRequestFor } from '../harness/demo-requests';
import { googleConsentUrl, signInHosts } from '../harness/sign-in-screens';

const OUT = 'docs/screenshots';
const POPUPS: [string, string, string[]][] = [
  ['popup-approved.png', 'https://kahoot.com/', ['sheet-e', 'sheet-f']],
  ['popup-changed.png', 'https://quizlet.com/', []],
  ['popup-unvetted.png', 'https://www.gimkit.com/', []],
  // a consent screen: Gimkit asks for the school Google account (the demo register names its client id)
  ['popup-sign-in.png', googleConsentUrl('100000000002-gimkitdemo.apps.googleusercontent.com', 'https://www.gimkit.com/auth/google/callback', ['openid', 'email', 'https://www.googleapis.com/auth/drive', 'https://www.googleapis.com/auth/classroom.rosters.readonly']), []],
];

mkdirSync(OUT, { recursive: true });
const PUBLIC_SITE = 'https://www.obsdelinde.example/privacy/';
const siteFiles = renderSite({ payload: datedDemoPayload(1), keyFingerprint: createHash('sha256').update(Buffer.from(demoPublicKey(), 'base64')).digest('hex'), languages: ['nl', 'en'] });
const internet = await startLocalInternet(await signPayload(datedDemoPayload(1), await demoKey()), undefined, {
  ...signInHosts(),
  'www.obsdelinde.example': (req, res) => {
    const path = (req.url ?? '/').split('?')[0]!.replace(/^\/privacy\//, '');
    const file = siteFiles.get(path || 'index.html');
    const type = path.endsWith('.css') ? 'text/css' : path.endsWith('.js') ? 'text/javascript' : 'text/html; charset=utf-8';
    if (file === undefined) res.writeHead(404).end();
    else res.writeHead(200, { 'content-type': type }).end(file);
  },
});
const browser = await launchWithExtension({ port: internet.port });
try {
  await configureOnOptionsPage(browser, REGISTER_URL, demoPublicKey(), 1);
  for (const [file, url, openSections] of POPUPS) {
    const page = await browser.context.newPage();
    await page.goto(url);
    const badge = await waitFor(async () => readBadge(await browser.worker(), url), (b) => b !== null && b.title !== 'Bijsluiter');
    const popup = await browser.context.newPage();
    await popup.setViewportSize({ width: 320, height: 600 });
    await popup.goto(`chrome-extension://${EXTENSION_ID}/popup.html?tab=${badge!.tabId}`);
    await popup.waitForSelector('[data-verdict]');
    await popup.evaluate((ids) => ids.forEach((id) => document.getElementById(id)?.setAttribute('open', '')), openSections);
    await popup.screenshot({ path: `${OUT}/${file}`, fullPage: true });
    console.log(`wrote ${OUT}/${file}`);
  }
  const options = await browser.context.newPage();
  await options.setViewportSize({ width: 900, height: 1000 });
  await options.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
  await options.waitForSelector('#tool-results li');
  await options.fill('#tool-search', 'quiz');
  await options.waitForTimeout(200);
  await options.screenshot({ path: `${OUT}/options.png`, fullPage: false });
  console.log(`wrote ${OUT}/options.png`);
  // the public page for parents, as `bijsluiter site` writes it (served here from memory)
  const site = await browser.context.newPage();
  await site.setViewportSize({ width: 900, height: 1100 });
  await site.goto(`${PUBLIC_SITE}index.html`);
  await site.screenshot({ path: `${OUT}/site-index.png`, fullPage: false });
  await site.goto(`${PUBLIC_SITE}tool/wordwall.html`);
  await site.screenshot({ path: `${OUT}/site-tool.png`, fullPage: false });
  console.log(`wrote ${OUT}/site-index.png, ${OUT}/site-tool.png`);
} finally {
  await browser.close();
  await internet.close();
}

// the FG console, with three teachers' requests waiting (two for the same site)
const demo = await startDemoConsole();
const consoleInternet = await startLocalInternet('', undefined, { [RECEIVER_HOST]: demo.console.handle });
const consoleBrowser = await launchWithExtension({ port: consoleInternet.port, locale: 'nl-NL' });
try {
  const token = demo.policy.requestToken as string;
  const requests = [vettingRequestFor('Baamboozle', 'www.baamboozle.com', 'M. de Boer', 'OBS De Linde'), vettingRequestFor('Baamboozle', 'www.baamboozle.com', 'S. Yilmaz', 'OBS De Linde'), vettingRequestFor('Book Creator', 'app.bookcreator.com', 'J. Peeters', 'KBS Het Anker')];
  const page = await consoleBrowser.context.newPage();
  await page.setViewportSize({ width: 1100, height: 800 });
  for (const request of requests) {
    const status = await page.evaluate(async ({ url, body, token }) => (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': body.id, authorization: `Bearer ${token}` }, body: JSON.stringify(body) })).status, { url: `${CONSOLE_URL}/b/${demo.board.slug}/api/requests`, body: request, token });
    if (status !== 201) throw new Error(`intake answered ${status}`);
  }
  await fgLogin(page, demo.base);
  await page.screenshot({ path: `${OUT}/console-inbox.png`, fullPage: true });
  await page.goto(`${demo.base}/requests/${requests[0]!.id}`);
  await page.screenshot({ path: `${OUT}/console-request.png`, fullPage: false });
  await page.goto(`${demo.base}/tools/wordwall`);
  await page.screenshot({ path: `${OUT}/console-tool.png`, fullPage: false });
  await page.goto(`${demo.base}/tools/quizlet`);
  await page.fill('#bijsluiterVersion', '2.0');
  await page.click('form.stack button[type=submit]');
  await page.goto(`${demo.base}/publish`);
  await page.screenshot({ path: `${OUT}/console-publish.png`, fullPage: true });
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(`${demo.base}/`);
  await page.screenshot({ path: `${OUT}/console-phone.png`, fullPage: false });
  for (const file of ['console-inbox', 'console-request', 'console-tool', 'console-publish', 'console-phone']) console.log(`wrote ${OUT}/${file}.png`);
} finally {
  await consoleBrowser.close();
  await consoleInternet.close();
  await demo.console.close();
}
