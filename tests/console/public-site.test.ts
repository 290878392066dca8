/**
 * The board's public site at /b/SLUG/ in the console: the generator's pages from the latest
 * published register, regenerated when a new one is published, with a CSP that allows only the
 * site's own script, and nothing served that the generator did not make.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPayload } from '../../harness/demo-register';
import { fgApi, startTestConsole, type TestConsole } from '../helpers/console';

let c: TestConsole;
const tool = (id: string) => structuredClone(demoPayload().tools.find((t) => t.id === id)!);
const get = (path: string) => fetch(`${c.url}/b/${c.slug}/${path}`, { redirect: 'manual' });

beforeAll(async () => {
  c = await startTestConsole('pglite');
}, 60_000);
afterAll(async () => c?.stop());

describe('the public site in the console', () => {
  it('before anything is published: a page that says so, and no site files', async () => {
    const index = await get('');
    expect(index.status).toBe(200);
    expect(await index.text()).toMatch(/not been published yet|nog niet gepubliceerd/);
    expect((await get('feed.xml')).status).toBe(404);
  });

  it('after publishing: the index in Dutch and English, tool pages, styles, script and feed, with their types and a CSP allowing only the site\'s own script', async () => {
    for (const id of ['wordwall', 'character-ai']) {
      expect((await fgApi(c.url, c.slug, c.apiToken, `tools/${id}`, { method: 'PUT', body: tool(id) })).status).toBeLessThan(300);
    }
    expect((await fgApi(c.url, c.slug, c.apiToken, 'publish', { method: 'POST' })).status).toBe(200);
    const index = await get('');
    expect(index.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'");
    const html = await index.text();
    expect(html).toContain('lang="nl"');
    expect(html).toContain('Wordwall');
    expect(html).toContain('Character.AI');
    expect(html).toContain('Stichting linde');
    const english = await get('en/');
    expect(await english.text()).toContain('lang="en"');
    expect((await get('tool/wordwall.html')).status).toBe(200);
    expect((await get('site.css')).headers.get('content-type')).toContain('text/css');
    expect((await get('site.js')).headers.get('content-type')).toContain('javascript');
    expect((await get('feed.xml')).headers.get('content-type')).toContain('application/atom+xml');
    // the console's own pages keep their script-free CSP
    expect((await fetch(`${c.url}/b/${c.slug}/fg/login`)).headers.get('content-security-policy')).toContain("default-src 'none'; style-src 'self'; img-src 'self'");
  });

  it('a new publish regenerates the site: the removed tool is gone, "What changed" says so', async () => {
    expect((await fgApi(c.url, c.slug, c.apiToken, 'tools/character-ai', { method: 'DELETE' })).status).toBeLessThan(300);
    expect((await fgApi(c.url, c.slug, c.apiToken, 'publish', { method: 'POST' })).status).toBe(200);
    expect(await (await get('')).text()).not.toContain('Character.AI</');
    expect((await get('tool/character-ai.html')).status).toBe(404);
    expect(await (await get('changes.html')).text()).toContain('Character.AI');
  });

  it('serves only what the generator made: no traversal, no other names, a slash added where the links need it', async () => {
    for (const path of ['../register.json', '%2e%2e/register.json', 'tool/../../fg/', 'tool/wordwall.json', 'secret.key', 'tool/%2e%2e%2fx.html']) {
      const response = await get(path);
      expect([301, 308, 404], path).toContain(response.status);
      expect(await response.text(), path).not.toContain('"signatures"');
    }
    const bare = await fetch(`${c.url}/b/${c.slug}`, { redirect: 'manual' });
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe(`/b/${c.slug}/`);
    // control: a real file under the same rules is served
    expect((await get('tool/wordwall.html')).status).toBe(200);
    // the FG's own pages under the board are not the site's (fg/ has two letters, like a language)
    const inbox = await get('fg/');
    expect([302, 303]).toContain(inbox.status);
    expect(inbox.headers.get('location')).toContain('/fg/login');
  });
});
