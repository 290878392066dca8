/**
 * The console's tool editor for a sheet under the Flemish Intentieverklaring: the purposes it
 * offers are a–h in that agreement's words; a Convenant sheet keeps a–u in the Convenant's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPayload } from '../../harness/demo-register';
import { fgApi, startTestConsole, type TestConsole } from '../helpers/console';
import { FgClient } from '../helpers/fg-web';

let c: TestConsole;
let fg: FgClient;
const flemish = demoPayload(1, new Date(), 'demo/source-flemish');
const dutch = demoPayload();

beforeAll(async () => {
  c = await startTestConsole('pglite');
  fg = new FgClient(c.url, c.slug);
  expect((await fg.login(c.fgEmail, c.password)).status).toBe(303);
  expect((await fgApi(c.url, c.slug, c.apiToken, 'tools/smartschool', { method: 'PUT', body: flemish.tools.find((t) => t.id === 'smartschool') })).status).toBeLessThan(300);
  expect((await fgApi(c.url, c.slug, c.apiToken, 'tools/wordwall', { method: 'PUT', body: dutch.tools.find((t) => t.id === 'wordwall') })).status).toBeLessThan(300);
}, 60_000);
afterAll(async () => c?.stop());

const purposeLabels = (html: string) => [...html.matchAll(/name="purposes" value="([a-u])"/g)].map((m) => m[1]);

describe('the tool editor and the sheet\'s framework', () => {
  it('an Intentieverklaring sheet offers a–h, with a as pupil administration', async () => {
    const page = (await fg.get('tools/smartschool')).html;
    expect(purposeLabels(page)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
    expect(page).toMatch(/a\. (leerlingenadministratie|pupil administration)/);
    expect(page).toMatch(/<option value="intentieverklaring" selected/);
  });

  it('control: a Convenant sheet offers a–u in the Convenant\'s words', async () => {
    const page = (await fg.get('tools/wordwall')).html;
    expect(purposeLabels(page)).toHaveLength(21);
    expect(page).not.toMatch(/a\. (leerlingenadministratie|pupil administration)/);
  });
});
