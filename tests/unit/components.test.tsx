import { render } from 'preact';
import { act } from 'preact/test-utils';
import { fakeBrowser } from 'wxt/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { BijsluiterSheet } from '../../components/BijsluiterSheet';
import { RequestForm } from '../../components/RequestForm';
import { ToolDetails } from '../../components/ToolDetails';
import { matchesSearch } from '../../components/ToolList';
import type { ToolListItem } from '../../lib/messages';
import type { Bijsluiter, Tool } from '../../lib/register/schema';
import { loadPayload } from '../../lib/sync/sync-register';
import { buildToolView } from '../../lib/tool-view';
import { computeVerdict } from '../../lib/verdict';
import type { VerdictKind } from '../../lib/verdict-types';
import { samplePayload } from '../helpers/registers';
import nlMessages from '../../public/_locales/nl/messages.json';
import { englishMessage } from './setup';

const NOW = new Date('2026-11-23T10:00:00Z');
let container: HTMLElement;

function mount(node: preact.ComponentChild): HTMLElement {
  container = document.createElement('div');
  document.body.append(container);
  act(() => render(node, container));
  return container;
}

afterEach(() => {
  render(null, container);
  container.remove();
});

const FULL_SHEET: Bijsluiter = {
  version: '3.1', date: '2025-01-15', url: 'https://vendor.example/sheet.pdf',
  product: { description: 'Online quizzes.', url: 'https://vendor.example', audience: ['PO', 'VO'], users: ['leerlingen'] },
  services: { core: ['Quizzes spelen'], optional: [{ name: 'Delen met ouders', enabled: false }, { name: 'Inloggen met Google', enabled: true }] },
  type: 'leermiddel', purposes: ['a', 'd'],
  personalData: { categories: ['Naam'], optional: ['E-mailadres'], special: ['Gezondheid'] },
  security: { certifications: ['ISO 27001'], audits: ['TPM 2025'], storageCountries: ['IE'], processingCountries: ['IE', 'GB'] },
  subprocessors: [{ name: 'Cloud Co', task: 'Hosting', country: 'US' }],
  contact: { email: 'privacy@vendor.example', phone: '+31 20 000 0000', url: 'https://vendor.example/privacy' },
};

function viewFor(url: string, now = NOW, change: (tools: Tool[]) => void = () => undefined) {
  const payload = structuredClone(samplePayload({}, NOW));
  change(payload.tools);
  const register = loadPayload(payload);
  return buildToolView(computeVerdict({ url, register, catalog: null, openRequests: [], now }), payload, now);
}

describe('ToolDetails for every verdict', () => {
  const cases: [VerdictKind, string, Date?][] = [
    ['approved', 'https://wordwall.net/'],
    ['changed', 'https://docs.example.org/forms'],
    ['expired', 'https://oldtool.example/'],
    ['stale', 'https://wordwall.net/', new Date('2027-03-01T00:00:00Z')],
    ['pending', 'https://blooket.com/'],
    ['unvetted', 'https://gimkit.com/'],
    ['rejected', 'https://tiktok.com/'],
    ['unknown', 'https://example.com/'],
    ['none', 'chrome://newtab/'],
  ];
  it.each(cases)('%s: verdict in words and a symbol, and what to do', (kind, url, now) => {
    const view = viewFor(url, now);
    expect(view.verdict.kind).toBe(kind);
    const el = mount(<ToolDetails view={view} />);
    expect(el.querySelector('[data-verdict]')?.getAttribute('data-verdict')).toBe(kind);
    expect(el.querySelector('.verdict-icon')?.textContent).not.toBe('');
    expect(el.querySelector('.verdict-words')?.textContent).not.toBe('');
    expect(el.querySelector('.advice')?.textContent?.length).toBeGreaterThan(20);
  });

  it('approved: conditions prominently and the agreement', () => {
    const el = mount(<ToolDetails view={viewFor('https://wordwall.net/')} />);
    expect(el.querySelector('.conditions')?.textContent).toContain('Leerlingen loggen in met een pseudoniem');
    const agreement = el.querySelector('[aria-labelledby="agreement-heading"]')?.textContent ?? '';
    expect(agreement).toContain('Model verwerkersovereenkomst 4.0');
    expect(agreement).toContain('1 March 2025');
    expect(agreement).toContain('31 July 2027');
    expect(agreement).toContain('VO-2025-031');
  });

  it('warns when the agreement ends within 60 days', () => {
    const view = viewFor('https://wordwall.net/', NOW, (tools) => { tools[0]!.agreement!.validUntil = '2027-01-10'; });
    expect(view.expiresInDays).toBe(48);
    expect(mount(<ToolDetails view={view} />).textContent).toContain('This agreement ends on 10 January 2027, in 48 days');
  });

  it('changed: says which sheet version is current and which was signed', () => {
    expect(mount(<ToolDetails view={viewFor('https://docs.example.org/forms')} />).textContent).toContain('now version 2.0; your school signed version 1.0');
  });

  it('rejected: the reason, "do not enter", and approved alternatives from the register', () => {
    const el = mount(<ToolDetails view={viewFor('https://tiktok.com/')} />);
    expect(el.textContent).toContain('Geen verwerkersovereenkomst mogelijk');
    expect(el.textContent).toContain("Do not enter pupils' data");
    expect(el.querySelector('.alternatives')?.textContent).toContain('Wordwall');
  });

  it('unvetted: alternatives fall back to approved tools of the same category', () => {
    const el = mount(<ToolDetails view={viewFor('https://gimkit.com/')} />);
    expect(el.querySelector('.alternatives')?.textContent).toContain('Wordwall');
  });
});

describe('BijsluiterSheet', () => {
  it('shows every field, purposes by meaning, special data and non-EEA countries called out', () => {
    const el = mount(<BijsluiterSheet sheet={FULL_SHEET} framework="convenant-4.0" />);
    const text = el.textContent ?? '';
    for (const expected of ['Online quizzes.', 'primary education (PO)', 'leerlingen', 'Quizzes spelen', 'Delen met ouders', 'not enabled', 'enabled by your school',
      'Type I, leermiddel', 'storing learning and test results', 'analysing and interpreting', 'Naam', 'E-mailadres', 'Gezondheid', 'ISO 27001', 'TPM 2025',
      'Ireland (IE)', 'United Kingdom (GB)', 'Cloud Co', 'Hosting', 'United States (US)', 'privacy@vendor.example', '+31 20 000 0000', 'Version 3.1', 'Dated 15 January 2025']) {
      expect(text, expected).toContain(expected);
    }
    expect(el.querySelector('#outside-eea')?.textContent).toContain('Data goes outside the EEA: United Kingdom, United States');
    expect(el.querySelectorAll('.outside-eea .flag')).toHaveLength(2);
    expect(el.querySelector('.special')?.textContent).toContain('Gezondheid');
    expect(el.querySelector('a[href="https://vendor.example/sheet.pdf"]')?.textContent).toBe('Full privacy sheet (supplier)');
    expect(el.querySelectorAll('details.sheet-section')).toHaveLength(8);
  });

  it('with the minimum fields: every section says "not given by the supplier"', () => {
    const el = mount(<BijsluiterSheet sheet={{ version: '1' }} framework="convenant-4.0" />);
    expect(el.querySelectorAll('details.sheet-section')).toHaveLength(8);
    expect([...el.querySelectorAll('.sheet-body')].filter((b) => b.textContent === 'Not given by the supplier.')).toHaveLength(7);
    expect(el.querySelector('#outside-eea')).toBeNull();
  });

  it('without a sheet: says the register has none', () => {
    expect(mount(<BijsluiterSheet sheet={undefined} framework="convenant-4.0" />).textContent).toContain('The register has no privacy sheet for this tool.');
  });

  it('cuts very long text with a "show more" button that expands it', () => {
    const long = 'woord '.repeat(200).trim();
    const el = mount(<BijsluiterSheet sheet={{ product: { description: long } }} framework="convenant-4.0" />);
    const button = el.querySelector<HTMLButtonElement>('.long-text button')!;
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(el.querySelector('.long-text')!.textContent!.length).toBeLessThan(300);
    act(() => button.click());
    expect(el.querySelector('.long-text')!.textContent).toContain(long);
    expect(el.querySelector('.long-text button')!.getAttribute('aria-expanded')).toBe('true');
  });
});

describe('hostile strings from a register', () => {
  const XSS = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';
  it('render as text, never as HTML; non-https links are not clickable', () => {
    const view = viewFor('https://tiktok.com/', NOW, (tools) => {
      const tool = tools[4]!;
      tool.name = XSS;
      tool.reason = XSS;
      tool.bijsluiter = { url: 'javascript:alert(1)', product: { description: XSS, url: 'data:text/html,<script>alert(1)</script>' }, contact: { email: 'a@b.example" onmouseover="x', url: 'http://insecure.example' } };
    });
    const el = mount(<ToolDetails view={view} />);
    expect(el.querySelector('img')).toBeNull();
    expect(el.querySelector('script')).toBeNull();
    expect(el.textContent).toContain('<img src=x onerror=');
    const hrefs = [...el.querySelectorAll('a')].map((a) => a.getAttribute('href') ?? '');
    expect(hrefs.every((href) => href.startsWith('https://') || href.startsWith('mailto:'))).toBe(true);
    expect(hrefs.some((href) => href.startsWith('mailto:'))).toBe(false);
    expect((globalThis as { __pwned?: number }).__pwned).toBeUndefined();
  });
});

describe('tool search', () => {
  const item: ToolListItem = { source: 'register', id: 'google-workspace', name: 'Google Workspace', vendorName: 'Google Ireland', category: 'lms', patterns: ['=classroom.google.com', 'docs.google.com'], verdict: 'approved' };
  it.each(['google', 'Workspace', 'classroom.google.com', 'https://docs.google.com/forms/x', 'eu.docs.google.com', 'Ireland', ''])('finds by %s', (q) => {
    expect(matchesSearch(item, q)).toBe(true);
  });
  it.each(['kahoot', 'google.nl', 'evilclassroom.google.com.example'])('does not match %s', (q) => {
    expect(matchesSearch(item, q)).toBe(false);
  });
});

describe('the site as the teacher reads it', () => {
  it('a look-alike host shows its Unicode form with the punycode beside it (control: an ASCII host alone)', () => {
    const lookAlike = mount(<ToolDetails view={viewFor('https://wordw\u0430ll.net/')} />);
    expect(lookAlike.querySelector('.site-host')?.textContent).toBe('wordw\u0430ll.net (xn--wordwll-6fg.net)');
    render(null, container);
    container.remove();
    const plain = mount(<ToolDetails view={viewFor('https://wordwall.net/')} />);
    expect(plain.querySelector('.site-host')?.textContent).toBe('wordwall.net');
  });
});

describe('the request form', () => {
  /** Ticks `codes` and types `other` in the form, in a browser speaking `lang`; what it sends. */
  async function submitted(lang: 'en' | 'nl', codes: string[], other: string): Promise<{ message: unknown; labels: (string | undefined)[] }> {
    const dutch = (key: string) => (nlMessages as Record<string, { message: string }>)[key]?.message ?? '';
    Object.assign(fakeBrowser, { i18n: { getMessage: lang === 'nl' ? dutch : englishMessage, getUILanguage: () => (lang === 'nl' ? 'nl-NL' : 'en-GB') } });
    const sent: unknown[] = [];
    Object.assign(fakeBrowser.runtime, { sendMessage: async (message: unknown) => { sent.push(message); return { ok: true, data: { kind: 'queued' } }; } });
    const tab = {
      url: 'https://gimkit.com/join', view: viewFor('https://gimkit.com/'), status: {},
      requestContext: { canSendDirectly: true, canMail: true, profile: { name: 'M. de Boer', email: 'm.deboer@school.example', school: '' }, schoolFromPolicy: null, openRequestId: null },
    };
    const el = mount(<RequestForm tab={tab as never} onSubmitted={() => undefined} />);
    act(() => (el.querySelector('#request-open') as HTMLButtonElement).click());
    for (const code of codes) (el.querySelector(`input[name=personalData][value="${code}"]`) as HTMLInputElement).checked = true;
    (el.querySelector('#rf-personalDataOther') as HTMLInputElement).value = other;
    (el.querySelector('#rf-purpose') as HTMLTextAreaElement).value = 'Oefenen';
    const labels = [...el.querySelectorAll('label.check')].map((l) => l.textContent?.trim());
    await act(async () => {
      el.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true, bubbles: true }));
      await new Promise((resolve) => setTimeout(resolve, 20));
    });
    expect(sent).toHaveLength(1);
    return { message: sent[0], labels };
  }

  it.each(['en', 'nl'] as const)('sends the contract\'s codes for the ticked data whatever the UI language (%s), free text as typed', async (lang) => {
    const { message, labels } = await submitted(lang, ['voornaam', 'scores', 'audio-video'], 'stemopnames, voornaam');
    expect(message).toMatchObject({ type: 'submitRequest', form: { purpose: 'Oefenen', personalData: ['voornaam', 'scores', 'audio-video', 'stemopnames'] } });
    // control: the form shows the words of that language beside the boxes, so words were there to send
    expect(labels).toContain(lang === 'nl' ? 'antwoorden en scores' : 'answers and scores');
  });
});
