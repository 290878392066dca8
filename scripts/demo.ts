/**
 * The demo: builds nothing itself (npm run demo builds first), serves the demo register signed
 * with the DEMO-ONLY key on a local HTTPS stand-in for the internet, configures the extension on
 * its options page as a teacher would, visits a handful of learning sites and prints what the
 * toolbar tells the teacher for each. With a display it leaves the browser open.
 */
import { datedDemoPayload, demoKey, demoPublicKey, signPayload } from '../harness/demo-register';
import { configureOnOptionsPage, EXTENSION_ID, launchWithExtension, readBadge, waitFor } from '../harness/chromium';
import { submitRequestForm } from '../harness/request-form';
import { RECEIVER_HOST, REGISTER_URL, startLocalInternet } from '../harness/server';
import { createReceiver } from '../server/receiver';

const SITES = [
  'https://wordwall.net/nl/create',
  'https://classroom.google.com/c/123',
  'https://quizlet.com/nl/flashcards',
  'https://nearpod.com/',
  'https://www.blooket.com/play',
  'https://www.gimkit.com/',
  'https://www.baamboozle.com/games',
  'https://www.tiktok.com/',
  'https://chatgpt.com/',
  'https://www.example.org/',
];

const interactive = Boolean(process.env.DISPLAY) && !process.env.CI && !process.argv.includes('--headless');
const receiver = createReceiver({ publicUrl: `https://${RECEIVER_HOST}` });
const internet = await startLocalInternet(await signPayload(datedDemoPayload(1), await demoKey()), receiver);
const browser = await launchWithExtension({ port: internet.port, headless: !interactive });
try {
  await configureOnOptionsPage(browser, REGISTER_URL, demoPublicKey(), 1);
  console.log(`Register loaded: ${REGISTER_URL} (demo publisher, serial 1, signed with the DEMO-ONLY key)\n`);

  const worker = await browser.worker();
  const rows: string[][] = [];
  for (const url of SITES) {
    const page = await browser.context.newPage();
    await page.goto(url);
    const badge = await waitFor(() => readBadge(worker, url), (b) => b !== null && b.title !== 'Bijsluiter' && b.title !== '', 5_000);
    rows.push([new URL(url).host, badge?.text || '(none)', badge?.title ?? '(no tab)']);
  }
  const width = Math.max(...rows.map((r) => r[0]!.length));
  console.log(`${'site'.padEnd(width)}  badge   what the teacher reads in the tooltip`);
  for (const [host, text, title] of rows) console.log(`${host!.padEnd(width)}  ${text!.padEnd(6)}  ${title}`);

  // A teacher asks the FG to vet an unvetted tool from the popup; the FG's receiver answers.
  const site = 'https://www.baamboozle.com/games';
  const tabId = (await readBadge(worker, site))!.tabId;
  const popup = await browser.context.newPage();
  await popup.goto(`chrome-extension://${EXTENSION_ID}/popup.html?tab=${tabId}`);
  await popup.waitForSelector('[data-verdict]');
  await submitRequestForm(popup, { name: 'M. de Boer', email: 'm.deboer@school.example', purpose: 'Woordenschat oefenen in groep 7', studentCount: 28, personalData: ['voornaam', 'scores'] });
  const [received] = await waitFor(async () => receiver.requests(), (r) => r.length === 1, 15_000);
  console.log(`\nVetting request sent from the popup for ${received!.request.tool.name} (${received!.request.tool.url}).`);
  console.log(`  The FG's receiver got it once: id ${received!.request.id}, from ${received!.request.requester.name}, ${received!.request.use.studentCount} pupils.`);
  const pending = await waitFor(() => readBadge(worker, site), (b) => b?.text === '…');
  console.log(`  The badge now says ${pending?.text}: ${pending?.title}`);
  receiver.setStatus(received!.request.id, 'in-review', 'We vragen de verwerkersovereenkomst op.');
  const again = await browser.context.newPage();
  await again.goto(`chrome-extension://${EXTENSION_ID}/popup.html?tab=${tabId}`);
  await again.waitForFunction(() => document.querySelector('.my-requests .fg-status')?.textContent?.includes('being reviewed'), undefined, { timeout: 15_000 });
  console.log(`  The FG marks it in review; the popup shows: "${(await again.locator('.my-requests li').first().innerText()).replace(/\s+/g, ' ').trim()}"`);

  if (interactive) {
    console.log('\nThe browser stays open: click the Bijsluiter icon on any tab. Press Ctrl+C to stop.');
    await new Promise(() => undefined);
  }
} finally {
  if (!interactive) {
    await browser.close();
    await internet.close();
  }
}
