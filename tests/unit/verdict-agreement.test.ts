/**
 * The badge, the popup, the options list and the list's tool view must tell the teacher the same
 * thing about every tool: every verdict × {register tool, catalogue tool, bare site} × {no open
 * request, a request naming the tool, a request made on its site before it was listed}, through
 * the real view models (no fake browser), against the one policy table.
 */
import { describe, expect, it } from 'vitest';
import { badgeFor } from '../../lib/badge';
import type { BackgroundState } from '../../lib/background/state';
import { listTools, tabView, toolView } from '../../lib/background/view-models';
import { mergeSettings } from '../../lib/config/settings';
import { buildMatchIndex } from '../../lib/matcher';
import type { ToolListItem } from '../../lib/messages';
import { EMPTY_SYNC_STATUS } from '../../lib/storage/items';
import { loadPayload } from '../../lib/sync/sync-register';
import type { OpenRequest, VerdictKind } from '../../lib/verdict-types';
import { VERDICT_POLICY } from '../../lib/verdict-policy';
import { samplePayload } from '../helpers/registers';
import { englishMessage } from './setup';

const NOW = new Date('2026-11-23T10:00:00Z');
const AFTER_REGISTER_EXPIRY = new Date('2027-03-01T00:00:00Z');
const catalog = buildMatchIndex([{ id: 'kahoot', name: 'Kahoot!', category: 'quiz', match: ['kahoot.com'] }]);

function state(): BackgroundState {
  const register = loadPayload(samplePayload({}, NOW));
  return { config: mergeSettings({}, {}), keys: [], register, stored: { url: 'https://r.example/', envelopeText: '', serial: 5, payloadSha256: '', etag: null, lastModified: null, storedAt: NOW.toISOString() }, heldError: null, catalog };
}

interface Subject {
  label: string;
  url: string;
  source: 'register' | 'catalog' | null;
  id: string | null;
  /** The verdict with no request, and at which time. */
  kind: VerdictKind;
  now: Date;
}

const SUBJECTS: Subject[] = [
  { label: 'approved register tool', url: 'https://wordwall.net/play', source: 'register', id: 'wordwall', kind: 'approved', now: NOW },
  { label: 'changed sheet', url: 'https://docs.example.org/forms/x', source: 'register', id: 'forms', kind: 'changed', now: NOW },
  { label: 'expired agreement', url: 'https://oldtool.example/', source: 'register', id: 'oldtool', kind: 'expired', now: NOW },
  { label: 'register past its expiry', url: 'https://wordwall.net/', source: 'register', id: 'wordwall', kind: 'stale', now: AFTER_REGISTER_EXPIRY },
  { label: 'being vetted', url: 'https://blooket.com/', source: 'register', id: 'blooket', kind: 'pending', now: NOW },
  { label: 'unvetted register tool', url: 'https://gimkit.com/join', source: 'register', id: 'gimkit', kind: 'unvetted', now: NOW },
  { label: 'rejected', url: 'https://www.tiktok.com/', source: 'register', id: 'tiktok', kind: 'rejected', now: NOW },
  { label: 'catalogue tool', url: 'https://kahoot.com/join', source: 'catalog', id: 'kahoot', kind: 'unvetted', now: NOW },
  { label: 'bare site', url: 'https://example.com/a', source: null, id: null, kind: 'unknown', now: NOW },
];

type RequestCase = 'none' | 'naming the tool' | 'made on its site';

function requestsFor(subject: Subject, which: RequestCase): OpenRequest[] {
  if (which === 'none') return [];
  const host = new URL(subject.url).host;
  const base = { id: 'r1', createdAt: NOW.toISOString(), host: which === 'made on its site' ? host : 'elsewhere.example', path: which === 'made on its site' ? new URL(subject.url).pathname : '/', registerId: null, catalogId: null };
  if (which === 'made on its site') return [base];
  return [{ ...base, registerId: subject.source === 'register' ? subject.id : null, catalogId: subject.source === 'catalog' ? subject.id : null, host: subject.source ? base.host : host }];
}

type ListFn = (s: BackgroundState, open: readonly OpenRequest[], now: Date) => ToolListItem[];

/** What each view says, and where they part. */
function views(subject: Subject, open: OpenRequest[], list: ListFn = listTools) {
  const s = state();
  const tab = tabView({ state: s, url: subject.url, status: {} as never, profile: { name: '', email: '', school: '' }, openRequests: open, now: subject.now });
  const popup = tab.view.verdict.kind;
  const badge = badgeFor(tab.view.verdict, englishMessage).text;
  const listed = subject.source ? list(s, open, subject.now).find((item) => item.source === subject.source && item.id === subject.id)?.verdict : popup;
  const opened = subject.source ? toolView(s, open, subject.source, subject.id!, subject.now).verdict.kind : popup;
  return { popup, badge, listed, opened, offersRequest: VERDICT_POLICY[popup].offersRequest };
}

function disagreements(list?: ListFn): string[] {
  const found: string[] = [];
  for (const subject of SUBJECTS) {
    for (const which of ['none', 'naming the tool', 'made on its site'] as const) {
      const v = views(subject, requestsFor(subject, which), list);
      if (v.listed !== v.popup || v.opened !== v.popup || v.badge !== VERDICT_POLICY[v.popup].badge.text) found.push(`${subject.label} / ${which}: ${JSON.stringify(v)}`);
    }
  }
  return found;
}

describe('one verdict everywhere', () => {
  it.each(SUBJECTS)('$label: badge, popup, list and tool view agree, and an open request counts only where the policy says', (subject) => {
    for (const which of ['none', 'naming the tool', 'made on its site'] as const) {
      const v = views(subject, requestsFor(subject, which));
      const expected = which !== 'none' && VERDICT_POLICY[subject.kind].yieldsToOpenRequest ? 'pending' : subject.kind;
      expect({ which, ...v }).toEqual({ which, popup: expected, badge: VERDICT_POLICY[expected].badge.text, listed: expected, opened: expected, offersRequest: VERDICT_POLICY[expected].offersRequest });
    }
  });

  it('no subject × request case disagrees', () => {
    expect(disagreements()).toEqual([]);
  });

  it('control: a list that counts only requests naming the tool by id (the old rule) is caught', () => {
    const idsOnly: ListFn = (s, open, now) => listTools(s, open.filter((r) => r.registerId !== null || r.catalogId !== null), now);
    const found = disagreements(idsOnly);
    expect(found.length).toBeGreaterThan(0);
    expect(found.join('\n')).toContain('unvetted register tool / made on its site');
  });

  it('every verdict has a badge with text (never colour alone) unless it has no subject', () => {
    for (const [kind, policy] of Object.entries(VERDICT_POLICY)) {
      if (kind === 'none' || kind === 'unknown') expect(policy.badge).toEqual({ text: '', color: null });
      else expect(policy.badge.text.length, kind).toBe(1);
    }
  });
});
