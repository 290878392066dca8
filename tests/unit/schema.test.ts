import { describe, expect, it } from 'vitest';
import { describeIssues } from '../../lib/register/describe-issues';
import { catalogSchema, registerPayloadSchema, type RegisterPayload } from '../../lib/register/schema';
import { samplePayload } from '../helpers/registers';

function issuesOf(payload: unknown): string {
  const result = registerPayloadSchema.safeParse(payload);
  return result.success ? '' : describeIssues(result.error.issues, payload, 10);
}

function withTool(change: (tool: Record<string, unknown>) => void): RegisterPayload {
  const payload = structuredClone(samplePayload());
  change(payload.tools[0] as unknown as Record<string, unknown>);
  return payload;
}

describe('register payload schema', () => {
  it('accepts the sample payload with defaults filled in', () => {
    const parsed = registerPayloadSchema.parse(samplePayload());
    expect(parsed.tools).toHaveLength(6);
    expect(parsed.tools[3]?.conditions).toEqual([]);
  });

  it('accepts a tool with a full bijsluiter (sections A–H)', () => {
    const payload = withTool((tool) => {
      tool.bijsluiter = {
        version: '3.1', date: '2025-01-15', url: 'https://vendor.example/privacybijsluiter.pdf',
        product: { description: 'Quizzes', url: 'https://wordwall.net', audience: ['PO', 'VO'], users: ['leerlingen', 'docenten'] },
        services: { core: ['Activities'], optional: [{ name: 'Share with parents', enabled: false }] },
        type: 'leermiddel', purposes: ['a', 'b', 'd'],
        personalData: { categories: ['Naam'], optional: ['E-mailadres'], special: [] },
        security: { certifications: ['ISO 27001'], audits: ['TPM 2025'], storageCountries: ['IE'], processingCountries: ['IE', 'GB'] },
        subprocessors: [{ name: 'AWS EMEA SARL', task: 'Hosting', country: 'IE' }],
        contact: { email: 'privacy@vendor.example', phone: null, url: null },
      };
    });
    expect(issuesOf(payload)).toBe('');
  });

  it.each<[string, (p: Record<string, unknown>) => void, string]>([
    ['unknown format', (p) => { p.format = 'bijsluiter-register/v2'; }, 'format'],
    ['serial zero', (p) => { p.serial = 0; }, 'serial'],
    ['serial as text', (p) => { p.serial = '5'; }, 'serial'],
    ['expiry before issue', (p) => { p.expiresAt = '2020-01-01T00:00:00Z'; }, 'expiresAt: must be after issuedAt'],
    ['FG without e-mail', (p) => { p.publisher = { name: 'X', fg: { name: 'Y' } }; }, 'publisher.fg.email'],
    ['http request endpoint', (p) => { (p.publisher as Record<string, unknown>).requestEndpoint = 'http://fg.example/api'; }, 'https'],
  ])('refuses %s', (_name, change, expected) => {
    const payload = structuredClone(samplePayload()) as unknown as Record<string, unknown>;
    change(payload);
    expect(issuesOf(payload)).toContain(expected);
  });

  it.each<[string, (t: Record<string, unknown>) => void, string]>([
    ['an approved tool without agreement', (t) => { t.agreement = null; }, 'tools[0] (id "wordwall") → agreement: an approved tool needs its agreement'],
    ['an invalid id', (t) => { t.id = 'Word Wall'; }, 'tools[0] (id "Word Wall") → id'],
    ['a public-suffix pattern', (t) => { t.match = ['github.io']; }, 'public suffix'],
    ['an IP pattern without =', (t) => { t.match = ['10.0.0.1']; }, 'IP address'],
    ['an empty match list', (t) => { t.match = []; }, 'match'],
    ['an unknown status', (t) => { t.status = 'maybe'; }, 'status'],
    ['a bad date', (t) => { (t.agreement as Record<string, unknown>).signedOn = '01-03-2025'; }, 'agreement.signedOn'],
    ['a lowercase country', (t) => { t.bijsluiter = { security: { storageCountries: ['nl'] } }; }, 'ISO 3166-1'],
    ['a purpose letter outside a–u', (t) => { t.bijsluiter = { purposes: ['z'] }; }, 'purposes'],
    ['a javascript: sheet link', (t) => { t.bijsluiter = { url: 'javascript:alert(1)' }; }, 'https'],
    ['a huge name', (t) => { t.name = 'x'.repeat(10_000); }, 'name'],
  ])('refuses %s, naming the tool', (_name, change, expected) => {
    expect(issuesOf(withTool(change))).toContain(expected);
  });

  it('refuses duplicate ids and a pattern claimed by two tools', () => {
    const payload = structuredClone(samplePayload());
    payload.tools[1]!.id = 'wordwall';
    expect(issuesOf(payload)).toContain('duplicate id "wordwall"');
    const twice = structuredClone(samplePayload());
    twice.tools[1]!.match = ['WORDWALL.net'];
    expect(issuesOf(twice)).toContain('also claimed by tool "wordwall"');
  });
});

describe('bundled catalogue', async () => {
  const catalog = (await import('../../public/catalog.json')).default;
  it('passes the same schema and has at least 150 well-known sites', () => {
    const parsed = catalogSchema.parse(catalog);
    expect(parsed.tools.length).toBeGreaterThanOrEqual(150);
    expect(new Set(parsed.tools.map((t) => t.id)).size).toBe(parsed.tools.length);
  });
});
