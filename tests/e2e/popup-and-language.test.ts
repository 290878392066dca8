/**
 * The minimal popup for a tab (tool name, verdict in words, register state) and the badge title
 * in Dutch when the browser's language is Dutch. Configured through the options page this time,
 * the path a teacher without a managed policy takes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../../harness/axe';
import { configureOnOptionsPage, EXTENSION_ID, launchWithExtension, readBadge, removePolicy, waitFor, type ExtensionBrowser } from '../../harness/chromium';
import { datedDemoPayload, demoKey, demoPublicKey, signPayload } from '../../harness/demo-register';
import { REGISTER_URL, startLocalInternet, type LocalInternet } from '../../harness/server';

let internet: LocalInternet;
let browser: ExtensionBrowser;

beforeAll(async () => {
  removePolicy();
  internet = await startLocalInternet(await signPayload(datedDemoPayload(7), await demoKey()));
  browser = await launchWithExtension({ port: internet.port, locale: 'nl' });
});

afterAll(async () => {
  await browser?.close();
  await internet?.close();
});

describe('in a Dutch browser, configured on the options page', () => {
  it('popup says there is no register yet before configuration', async () => {
    const page = await browser.context.newPage();
    await page.goto('https://kahoot.com/');
    const tabId = (await waitFor(async () => readBadge(await browser.worker(), 'https://kahoot.com/'), (b) => b?.text === '!'))!.tabId;
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${EXTENSION_ID}/popup.html?tab=${tabId}`);
    await popup.waitForSelector('[data-verdict]');
    expect(await popup.textContent('h1')).toBe('Kahoot!');
    expect(await popup.textContent('.verdict-words')).toBe('Niet beoordeeld');
    expect(await popup.textContent('footer')).toContain('Je school heeft nog geen register ingesteld');
  });

  it('after saving URL and key, the badge title and the popup are in Dutch', async () => {
    await configureOnOptionsPage(browser, REGISTER_URL, demoPublicKey(), 7);

    const page = await browser.context.newPage();
    await page.goto('https://wordwall.net/');
    const badge = await waitFor(async () => readBadge(await browser.worker(), 'https://wordwall.net/'), (b) => b?.text === '✓');
    expect(badge?.title).toBe('Wordwall: goedgekeurd. Je school heeft een getekende verwerkersovereenkomst.');

    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${EXTENSION_ID}/popup.html?tab=${badge!.tabId}`);
    await popup.waitForSelector('[data-verdict="approved"]');
    expect(await popup.textContent('h1')).toBe('Wordwall');
    expect(await popup.textContent('.verdict-words')).toBe('Goedgekeurd');
    expect(await popup.textContent('main')).toContain('Leverancier: Visual Education Ltd');
    expect(await popup.textContent('footer')).toContain('Register Stichting Voorbeeld Onderwijs (DEMO), volgnummer 7');
    expect(await popup.textContent('.conditions')).toContain('Gebruiksvoorwaarden');
    expect(await popup.getAttribute('html', 'lang')).toBe('nl');
    await popup.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
    expect(await seriousViolations(popup)).toEqual([]);
  });

  it('axe: no serious or critical violations on the Dutch options page', async () => {
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
    await options.waitForSelector('#tool-results li');
    expect(await options.textContent('h1')).toBe('Bijsluiter-instellingen');
    expect(await seriousViolations(options)).toEqual([]);
  });
});
