import { describe, expect, it } from 'vitest';
import { badgeFor } from '../../lib/badge';
import { BADGE_AMBER, BADGE_GREEN, BADGE_RED } from '../../lib/verdict-policy';
import { buildMatchIndex } from '../../lib/matcher';
import { loadPayload } from '../../lib/sync/sync-register';
import { computeVerdict, type VerdictInput } from '../../lib/verdict';
import type { OpenRequest } from '../../lib/verdict-types';
import { samplePayload } from '../helpers/registers';
import { englishMessage } from './setup';

const NOW = new Date('2026-11-23T10:00:00Z');
const catalog = buildMatchIndex([
  { id: 'kahoot', name: 'Kahoot!', category: 'quiz', match: ['kahoot.com', 'kahoot.it'] },
  { id: 'wordwall', name: 'Wordwall', category: 'quiz', match: ['wordwall.net'] },
]);

function verdict(url: string, extra: Partial<VerdictInput> = {}) {
  return computeVerdict({ url, register: loadPayload(samplePayload({}, NOW)), catalog, openRequests: [], now: NOW, ...extra });
}

describe('verdict table (shared/spec/register.md)', () => {
  it('none: not an http(s) page', () => {
    expect(verdict('chrome://newtab/').kind).toBe('none');
    expect(verdict('::garbage::').kind).toBe('none');
  });
  it('unknown: neither register nor catalogue', () => {
    expect(verdict('https://example.com/').kind).toBe('unknown');
  });
  it('approved: status approved, agreement valid, register current', () => {
    const v = verdict('https://wordwall.net/play');
    expect(v.kind).toBe('approved');
    expect(v.tool?.id).toBe('wordwall');
  });
  it('register wins over the catalogue for the same site', () => {
    expect(verdict('https://wordwall.net/').tool?.id).toBe('wordwall');
  });
  it('changed: sheet version differs from the signed one', () => {
    expect(verdict('https://docs.example.org/forms/1').kind).toBe('changed');
  });
  it('expired: agreement valid until a day before today', () => {
    expect(verdict('https://oldtool.example/').kind).toBe('expired');
  });
  it('stale: register past its expiresAt', () => {
    expect(verdict('https://wordwall.net/', { now: new Date('2027-03-01T00:00:00Z') }).kind).toBe('stale');
  });
  it('pending: status pending', () => {
    expect(verdict('https://blooket.com/').kind).toBe('pending');
  });
  it('rejected: status rejected, even with an open request', () => {
    const request: OpenRequest = { id: 'r', host: 'www.tiktok.com', path: '/', registerId: 'tiktok', catalogId: null, createdAt: NOW.toISOString() };
    expect(verdict('https://www.tiktok.com/', { openRequests: [request] }).kind).toBe('rejected');
  });
  it('unvetted: status unvetted, or only the catalogue knows the site', () => {
    expect(verdict('https://gimkit.com/').kind).toBe('unvetted');
    const v = verdict('https://play.kahoot.it/');
    expect(v.kind).toBe('unvetted');
    expect(v.catalogEntry?.name).toBe('Kahoot!');
  });
  it('unknown without the catalogue (useBundledCatalog false)', () => {
    expect(verdict('https://kahoot.com/', { catalog: null }).kind).toBe('unknown');
  });
  it('pending: unvetted or unknown site with an open request by host, register id or catalogue id', () => {
    const base = { id: 'r', createdAt: NOW.toISOString(), registerId: null, catalogId: null, path: '/' };
    expect(verdict('https://gimkit.com/', { openRequests: [{ ...base, host: 'x', registerId: 'gimkit' }] }).kind).toBe('pending');
    expect(verdict('https://kahoot.it/', { openRequests: [{ ...base, host: 'x', catalogId: 'kahoot' }] }).kind).toBe('pending');
    expect(verdict('https://example.com/a', { openRequests: [{ ...base, host: 'example.com' }] }).kind).toBe('pending');
    expect(verdict('https://other.example/', { openRequests: [{ ...base, host: 'example.com' }] }).kind).toBe('unknown');
  });
  it('a clock set back before the register was issued does not un-expire an agreement', () => {
    const payload = samplePayload({ issuedAt: '2026-11-22T10:00:00Z' }, NOW);
    const v = computeVerdict({ url: 'https://oldtool.example/', register: loadPayload(payload), catalog, openRequests: [], now: new Date('2026-01-01T00:00:00Z') });
    expect(v.kind).toBe('expired');
  });
  it('no register: catalogue sites unvetted, others unknown', () => {
    expect(verdict('https://kahoot.com/', { register: null }).kind).toBe('unvetted');
    expect(verdict('https://wordwall.net/', { register: null }).kind).toBe('unvetted');
    expect(verdict('https://example.com/', { register: null }).kind).toBe('unknown');
  });
});

describe('badge look', () => {
  const look = (url: string, extra: Partial<VerdictInput> = {}) => badgeFor(verdict(url, extra), englishMessage);
  it.each([
    ['https://wordwall.net/', '✓', BADGE_GREEN, 'Wordwall: approved'],
    ['https://docs.example.org/forms', '!', BADGE_AMBER, 'Formulieren: the privacy sheet (bijsluiter) changed'],
    ['https://oldtool.example/', '!', BADGE_AMBER, "Oude Tool: the school's agreement has expired"],
    ['https://blooket.com/', '…', BADGE_AMBER, 'Blooket: being vetted'],
    ['https://gimkit.com/', '!', BADGE_RED, 'Gimkit: not vetted'],
    ['https://tiktok.com/', '✕', BADGE_RED, 'TikTok: rejected'],
  ])('%s → %s', (url, text, color, title) => {
    const badge = look(url);
    expect(badge.text).toBe(text);
    expect(badge.color).toBe(color);
    expect(badge.title).toContain(title);
  });
  it('stale is ? in amber; unknown and none have no badge', () => {
    expect(look('https://wordwall.net/', { now: new Date('2027-03-01T00:00:00Z') })).toMatchObject({ text: '?', color: BADGE_AMBER });
    expect(look('https://example.com/')).toMatchObject({ text: '', color: null });
    expect(look('about:blank')).toMatchObject({ text: '', color: null });
  });
});
