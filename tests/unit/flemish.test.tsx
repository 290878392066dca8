/**
 * Flemish boards (issue 18): sheets under the Intentieverklaring render its purposes a–h in its
 * words, name the framework, and important changes are art. 9.2; Convenant sheets stay as they were.
 */
import { render } from 'preact';
import { render as renderToString } from 'preact-render-to-string';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { diffPayloads, formatDiff } from '../../lib/register/diff';
import { withExtensionMessages } from '../../lib/extension-messages';
import { importantText } from '../../site/changes';
import { BijsluiterSheet } from '../../components/BijsluiterSheet';
import { FgContact } from '../../components/FgContact';
import { ToolDetails } from '../../components/ToolDetails';
import { FRAMEWORKS, purposeLetters, purposeMessageKey, type Framework } from '../../lib/register/framework';
import { registerPayloadSchema, type RegisterPayload } from '../../lib/register/schema';
import { loadPayload } from '../../lib/sync/sync-register';
import { buildToolView } from '../../lib/tool-view';
import { computeVerdict } from '../../lib/verdict';
import en from '../../public/_locales/en/messages.json';
import nl from '../../public/_locales/nl/messages.json';
import { samplePayload } from '../helpers/registers';

const NOW = new Date('2026-11-23T10:00:00Z');
const MESSAGES = { en, nl } as const;
const words = (lang: 'en' | 'nl', framework: Framework, letter: string) => (MESSAGES[lang] as Record<string, { message: string }>)[purposeMessageKey(framework, letter)]!.message;

function sheetHtml(lang: 'en' | 'nl', framework: Framework, purposes: string[]): HTMLElement {
  const el = document.createElement('div');
  el.innerHTML = withExtensionMessages(lang, () => renderToString(<BijsluiterSheet sheet={{ purposes }} framework={framework} />));
  return el;
}

/** A register of a Flemish board: every sheet follows the Intentieverklaring unless it says otherwise. */
function flemishPayload(): RegisterPayload {
  const payload = structuredClone(samplePayload({}, NOW));
  payload.publisher.framework = 'intentieverklaring';
  payload.tools[0]!.bijsluiter = { version: '1.0', purposes: ['a', 'c'] };
  return registerPayloadSchema.parse(payload);
}

describe('purposes in words, per framework and language', () => {
  const all = FRAMEWORKS.flatMap((framework) => purposeLetters(framework).map((letter) => [framework, letter] as const));

  it.each(['en', 'nl'] as const)('every letter of both frameworks has its own words in %s (no two alike, none inside another)', (lang) => {
    const texts = all.map(([framework, letter]) => words(lang, framework, letter));
    expect(all).toHaveLength(21 + 8);
    expect(new Set(texts).size).toBe(texts.length);
    for (const [i, text] of texts.entries()) {
      expect(text.trim().length).toBeGreaterThan(3);
      for (const [j, other] of texts.entries()) if (i !== j) expect(other.toLowerCase(), `${all[j]} contains ${all[i]}`).not.toContain(text.toLowerCase());
    }
  });

  it.each(['en', 'nl'] as const)('the sheet renders each letter with its framework\'s words in %s', (lang) => {
    for (const [framework, letter] of all) {
      const el = sheetHtml(lang, framework, [letter]);
      expect(el.querySelector('ul.purposes')?.textContent, `${framework} ${letter}`).toBe(`${letter} ${words(lang, framework, letter)}`);
    }
  });

  it('names the framework over the purposes; a Convenant sheet keeps today\'s heading', () => {
    expect(sheetHtml('en', 'intentieverklaring', ['a']).textContent).toContain('under the Flemish Intentieverklaring');
    expect(sheetHtml('nl', 'intentieverklaring', ['a']).textContent).toContain('volgens de Vlaamse Intentieverklaring');
    expect(sheetHtml('en', 'convenant-4.0', ['a']).textContent).toContain('Purposes (Convenant 4.0, art. 5)');
    expect(sheetHtml('nl', 'convenant-4.0', ['a']).textContent).toContain('Doeleinden (Convenant 4.0, art. 5)');
  });
});

describe('the popup for a Flemish board', () => {
  let container: HTMLElement;
  afterEach(() => {
    render(null, container);
    container.remove();
  });
  const mount = (node: preact.ComponentChild) => {
    container = document.createElement('div');
    document.body.append(container);
    act(() => render(node, container));
    return container;
  };

  it('shows "pupil administration" for a, not the Convenant\'s "storing learning and test results"', () => {
    const payload = flemishPayload();
    const view = buildToolView(computeVerdict({ url: 'https://wordwall.net/', register: loadPayload(payload), catalog: null, openRequests: [], now: NOW }), payload, NOW);
    expect(view.framework).toBe('intentieverklaring');
    const text = mount(<ToolDetails view={view} />).textContent ?? '';
    expect(text).toContain('pupil administration');
    expect(text).toContain('providing learning materials');
    expect(text).toContain('under the Flemish Intentieverklaring');
    expect(text).not.toContain('storing learning and test results');
  });

  it('a sheet that names the Convenant in a Flemish register keeps the Convenant\'s words', () => {
    const payload = flemishPayload();
    payload.tools[0]!.bijsluiter = { framework: 'convenant-4.0', purposes: ['a'] };
    const view = buildToolView(computeVerdict({ url: 'https://wordwall.net/', register: loadPayload(payload), catalog: null, openRequests: [], now: NOW }), payload, NOW);
    expect(mount(<ToolDetails view={view} />).textContent).toContain('storing learning and test results');
  });

  it('names the data protection officer as the framework or the register says', () => {
    expect(mount(<FgContact fg={{ email: 'dpo@school.example', framework: 'intentieverklaring' }} />).querySelector('h2')?.textContent).toBe('Questions? Your data protection officer (DPO)');
    render(null, container);
    container.remove();
    expect(mount(<FgContact fg={{ email: 'fg@school.example' }} />).querySelector('h2')?.textContent).toBe('Questions? Your FG (data protection officer)');
    render(null, container);
    container.remove();
    expect(mount(<FgContact fg={{ email: 'p@school.example', title: 'privacy officer', framework: 'intentieverklaring' }} />).querySelector('h2')?.textContent).toBe('Questions? Your privacy officer');
  });
});

describe('diff names the article of the sheet\'s framework', () => {
  function changed(before: RegisterPayload) {
    const after = structuredClone(before);
    after.serial += 1;
    after.tools[0]!.bijsluiter = { ...after.tools[0]!.bijsluiter, purposes: [...(after.tools[0]!.bijsluiter?.purposes ?? []), 'h'] };
    return diffPayloads(before, after);
  }

  it('art. 9.2 for an Intentieverklaring sheet', () => {
    const diff = changed(flemishPayload());
    expect(diff.changed[0]?.article).toBe('art. 9.2');
    const lines = formatDiff(diff).join('\n');
    expect(lines).toContain('IMPORTANT (art. 9.2, re-accept before use): new purposes: h');
    expect(lines).not.toContain('13.3');
    // the public site spells the purpose out in the Intentieverklaring's words
    expect(withExtensionMessages('en', () => importantText('en', diff.changed[0]!.importantDetails[0]!, diff.changed[0]!.framework))).toBe(`new purposes: h (${en.purpose_iv_h.message})`);
  });

  it('art. 13.3 for a Convenant sheet, also inside a Flemish register', () => {
    const dutch = structuredClone(samplePayload({}, NOW));
    dutch.tools[0]!.bijsluiter = { purposes: ['a'] };
    expect(formatDiff(changed(registerPayloadSchema.parse(dutch))).join('\n')).toContain('IMPORTANT (art. 13.3, re-accept before use): new purposes: h');
    const mixed = flemishPayload();
    mixed.tools[0]!.bijsluiter = { framework: 'convenant-4.0', purposes: ['a'] };
    expect(changed(mixed).changed[0]?.article).toBe('art. 13.3');
  });
});

