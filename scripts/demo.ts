/**
 * The demo: the whole loop through the FG console on its embedded database. npm run demo builds
 * the extension first; this starts the console (one board, the demo tools imported and published
 * as serial 1), points the extension at it by policy (as an IT admin does), visits a handful of
 * learning sites and prints what the toolbar tells the teacher; then a teacher asks the FG to vet
 * Baamboozle from the popup, the FG finds it in the console's inbox, approves it with a tool
 * record and publishes, and the teacher's badge turns ✓ with the decision in My requests. The FG
 * logs in with the board's single sign-on, at a real OpenID Provider run on this machine. Last,
 * the page for parents: the console serves it, and `bijsluiter site` writes the same pages to a
 * folder. With a display it leaves the browser open on the console.
 *
 * `npm run demo -- --flemish` runs the same loop for a Flemish school board, whose privacy sheets
 * follow the Intentieverklaring (demo/source-flemish).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXTENSION_ID, launchWithExtension, readBadge, removePolicy, waitFor, writePolicy } from '../harness/chromium';
import { CONSOLE_URL, DEMO_FG, fgApprove, fgLoginSso, fgPublish, startDemoConsole } from '../harness/console';
import { startOidcProvider } from '../harness/oidc-provider';
import { setBoardSso } from '../console/store/sso';
import { submitRequestForm } from '../harness/request-form';
import { googleConsentUrl } from '../harness/sign-in-screens';
import { RECEIVER_HOST, startLocalInternet } from '../harness/server';
import { listRequests } from '../console/store/requests';
import { recentRegisters } from '../console/store/registers';
import { site } from '../cli/commands/site';

const flemish = process.argv.includes('--flemish');

/** The Flemish board's tools (`npm run demo -- --flemish`): sheets under the Intentieverklaring. */
const FLEMISH_SITES = [
  'https://www.smartschool.be/',
  'https://www.bingel.be/',
  'https://www.diddit.be/',
  'https://www.klascement.net/',
  'https://www.scoodle.be/',
  'https://www.baamboozle.com/games',
  'https://www.example.org/',
];

const DUTCH_SITES = [
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
  // "Sign in with Google" on Gimkit: the verdict is Gimkit's, not accounts.google.com's
  googleConsentUrl('100000000002-gimkitdemo.apps.googleusercontent.com', 'https://www.gimkit.com/auth/google/callback', ['openid', 'email', 'https://www.googleapis.com/auth/classroom.rosters.readonly']),
];

const interactive = Boolean(process.env.DISPLAY) && !process.env.CI && !process.argv.includes('--headless');
const dataDir = mkdtempSync(join(tmpdir(), 'bijsluiter-console-demo-'));
const SITES = flemish ? FLEMISH_SITES : DUTCH_SITES;
const demo = await startDemoConsole(dataDir, flemish ? 'flemish' : 'dutch');
const internet = await startLocalInternet('', undefined, { [RECEIVER_HOST]: demo.console.handle });
// the board's single sign-on: a real OpenID Provider on this machine stands in for Entra ID or Google
const SSO_SECRET = 'demo client secret';
const provider = await startOidcProvider({ host: 'localhost', clients: [{ clientId: 'bijsluiter-demo', clientSecret: SSO_SECRET, redirectUris: [`${demo.base}/sso/callback`] }], accounts: [{ email: DEMO_FG.email }] });
await setBoardSso(demo.console.ctx.master, demo.console.ctx.db, demo.board, { issuer: provider.issuer, clientId: 'bijsluiter-demo', clientSecret: SSO_SECRET, name: 'Schoolaccount' }, 'demo');
writePolicy({ ...demo.policy, schoolName: flemish ? 'Basisschool De Linde' : 'OBS De Linde', disableFirstRunPage: true });
const browser = await launchWithExtension({ port: internet.port, headless: !interactive });
const say = (line = '') => console.log(line);
try {
  say(`FG console: ${CONSOLE_URL}/b/${demo.board.slug}/fg/ (embedded database in ${dataDir}), 30 demo tools imported, register serial 1 published.`);
  say(`Extension policy from "console init": registerUrl ${demo.policy.registerUrl as string}, with the board's public key and request token.\n`);
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
  await options.waitForFunction(() => document.querySelector('#register-serial')?.textContent === '1', undefined, { timeout: 30_000 });

  const worker = await browser.worker();
  const rows: string[][] = [];
  for (const url of SITES) {
    const page = await browser.context.newPage();
    await page.goto(url);
    const badge = await waitFor(() => readBadge(worker, url), (b) => b !== null && b.title !== 'Bijsluiter' && b.title !== '', 5_000);
    const where = new URL(url);
    rows.push([where.host === 'accounts.google.com' ? `${where.host} (sign-in)` : where.host, badge?.text || '(none)', badge?.title ?? '(no tab)']);
  }
  const width = Math.max(...rows.map((r) => r[0]!.length));
  say(`${'site'.padEnd(width)}  badge   what the teacher reads in the tooltip`);
  for (const [host, text, title] of rows) say(`${host!.padEnd(width)}  ${text!.padEnd(6)}  ${title}`);
  if (flemish) {
    // the sheet's purposes in the Intentieverklaring's own words, as the popup shows them
    const smartschool = await waitFor(() => readBadge(worker, 'https://www.smartschool.be/'), (b) => b !== null);
    const sheet = await browser.context.newPage();
    await sheet.goto(`chrome-extension://${EXTENSION_ID}/popup.html?tab=${smartschool!.tabId}`);
    await sheet.waitForSelector('#sheet-c');
    const purposes = await sheet.$$eval('#sheet-c li', (items) => items.map((li) => (li.textContent ?? '').replace(/\s+/g, ' ').trim()));
    say(`\nSmartschool's popup, section C: ${(await sheet.textContent('#sheet-c h4')) ?? ''}: ${purposes.join('; ')}`);
    await sheet.close();
  }

  // 1. request: a teacher asks the FG to vet Baamboozle from the popup
  const site = 'https://www.baamboozle.com/games';
  const tabId = (await readBadge(worker, site))!.tabId;
  const popup = await browser.context.newPage();
  await popup.setViewportSize({ width: 320, height: 600 });
  await popup.goto(`chrome-extension://${EXTENSION_ID}/popup.html?tab=${tabId}`);
  await popup.waitForSelector('[data-verdict]');
  await submitRequestForm(popup, { name: 'M. de Boer', email: 'm.deboer@school.example', purpose: 'Woordenschat oefenen in groep 7', studentCount: 28, personalData: ['voornaam', 'scores'] });
  const [stored] = await waitFor(() => listRequests(demo.console.ctx.db, demo.board.id), (r) => r.length === 1, 15_000);
  say(`\n1. Request: the teacher asks for ${stored!.toolName} from the popup; the console stored it before answering (id ${stored!.requestId}).`);
  const pending = await waitFor(() => readBadge(worker, site), (b) => b?.text === '…');
  say(`   The teacher's badge now says ${pending?.text}: ${pending?.title}`);

  // 2. inbox: the FG logs in with the board's single sign-on and finds it
  const fg = await browser.context.newPage();
  await fgLoginSso(fg, demo.base);
  const row = (await fg.locator(`tr[data-request="${stored!.requestId}"]`).innerText()).replace(/\s+/g, ' ').trim();
  say(`2. Inbox: ${DEMO_FG.email} logs in to the console with "Inloggen met Schoolaccount" (single sign-on at the board's OpenID Provider) and sees: "${row}"`);

  // 3. decision: approved, with a tool record and a note to the teacher
  await fgApprove(fg, demo.base, stored!.requestId, { note: 'Goedgekeurd: leerlingen spelen met een bijnaam.', signedOn: '2026-11-30', validUntil: '2028-11-30', conditions: 'Leerlingen spelen met een bijnaam' });
  say(`3. Decision: approved, with the agreement of 2026-11-30 and the note "Goedgekeurd: leerlingen spelen met een bijnaam."`);

  // 4. publish: the diff, then one click signs serial 2
  await fg.goto(`${demo.base}/publish`);
  const diff = (await fg.locator('.diff').innerText()).replace(/\s+/g, ' ').trim();
  const serial = await fgPublish(fg, demo.base);
  say(`4. Publish: "${diff}" → signed and published as serial ${serial}.`);

  // 5. badge: the extension takes the new register; the teacher hears back
  await options.click('#sync-now');
  await options.waitForFunction((s) => document.querySelector('#register-serial')?.textContent === s, String(serial), { timeout: 30_000 });
  const approved = await waitFor(() => readBadge(worker, site), (b) => b?.text === '✓', 15_000);
  const again = await browser.context.newPage();
  await again.setViewportSize({ width: 320, height: 600 });
  await again.goto(`chrome-extension://${EXTENSION_ID}/popup.html?tab=${tabId}`);
  await again.waitForFunction(() => document.querySelector('.my-requests .fg-status')?.textContent?.includes('Goedgekeurd'), undefined, { timeout: 15_000 });
  say(`5. Badge: ${approved?.text} ${approved?.title}`);
  say(`   My requests: "${(await again.locator('.my-requests li').first().innerText()).replace(/\s+/g, ' ').trim()}"`);

  // 6. the page for parents: the same published registers as a static site, and served by the console
  const siteDir = await writeDemoSite(demo, String(serial));
  const publicSite = demo.base.replace(/\/fg$/, '/');
  say(`6. Page for parents: the console serves it at ${publicSite} (what changed in serial ${serial}, feed.xml);`);
  say(`   bijsluiter site wrote the same pages to ${siteDir}/index.html (upload that folder to the school's website).`);

  if (interactive) {
    say(`\nThe browser stays open: the console at ${demo.base}/ ("Inloggen met Schoolaccount" as ${DEMO_FG.email}, or the password ${DEMO_FG.password}) and the Bijsluiter icon on any tab. Ctrl+C stops.`);
    await new Promise(() => undefined);
  }
} finally {
  if (!interactive) {
    removePolicy();
    await browser.close();
    await internet.close();
    await provider.close();
    await demo.console.close();
  }
}

/** Writes the board's two published registers to files and runs `bijsluiter site` on them. */
async function writeDemoSite(demo: Awaited<ReturnType<typeof startDemoConsole>>, serial: string): Promise<string> {
  const [previous, current] = await recentRegisters(demo.console.ctx.db, demo.board.id, 2);
  const work = mkdtempSync(join(tmpdir(), 'bijsluiter-demo-site-'));
  writeFileSync(join(work, 'previous.json'), previous!.envelope);
  writeFileSync(join(work, 'register.json'), current!.envelope);
  const out = join(work, 'site');
  const lines: string[] = [];
  const io = { out: (line: string) => lines.push(line), err: (line: string) => lines.push(line) };
  const code = await site([join(work, 'register.json'), '--out', out, '--public-key', String((demo.policy.publicKeys as string[])[0]), '--previous', join(work, 'previous.json'), '--lang', 'nl,en'], io);
  if (code !== 0) throw new Error(`bijsluiter site failed (serial ${serial}): ${lines.join(' ')}`);
  return out;
}
