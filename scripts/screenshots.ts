/**
 * Retakes the README's screenshots from the real browser: the popup (320 px wide) for an
 * approved, a changed and an unvetted tool, and the options page, against the demo register.
 * `npm run screenshots` (builds first).
 */
import { mkdirSync } from 'node:fs';
import { configureOnOptionsPage, EXTENSION_ID, launchWithExtension, readBadge, waitFor } from '../harness/chromium';
import { datedDemoPayload, demoKey, demoPublicKey, signPayload } from '../harness/demo-register';
import { REGISTER_URL, startLocalInternet } from '../harness/server';

const OUT = 'docs/screenshots';
const POPUPS: [string, string, string[]][] = [
  ['popup-approved.png', 'https://kahoot.com/', ['sheet-e', 'sheet-f']],
  ['popup-changed.png', 'https://quizlet.com/', []],
  ['popup-unvetted.png', 'https://www.gimkit.com/', []],
];

mkdirSync(OUT, { recursive: true });
const internet = await startLocalInternet(await signPayload(datedDemoPayload(1), await demoKey()));
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
} finally {
  await browser.close();
  await internet.close();
}
