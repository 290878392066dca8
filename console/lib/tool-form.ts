/**
 * The tool editor's form and a register Tool, both ways. Lists are one item per line (or
 * separated by commas where the items are short codes); empty fields are left out, so the Tool
 * that comes out is what the CLI's YAML would have said. Validation is the schema's and lint's,
 * after this conversion: nothing here decides what is valid.
 */
import type { Tool } from '../../lib/register/schema';
import { parseSignInList, signInEntry } from '../../lib/register/sign-in-text';

export type ToolForm = Record<string, string | string[]>;

const lines = (value: unknown) => String(value ?? '').split(/\r?\n/).map((s) => s.trim()).filter(Boolean);
const codes = (value: unknown) => String(value ?? '').split(/[\s,;]+/).map((s) => s.trim().toUpperCase()).filter(Boolean);
const ids = (value: unknown) => String(value ?? '').split(/[\s,;]+/).map((s) => s.trim()).filter(Boolean);
const text = (value: unknown) => String(value ?? '').trim();
const nonEmpty = <T>(list: T[]): T[] | undefined => (list.length ? list : undefined);
const many = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : value === undefined || value === '' ? [] : [String(value)]);

/** Drops undefined fields, empty arrays and objects left empty, recursively. */
function prune<T>(value: T): T | undefined {
  if (Array.isArray(value)) return (value.length ? value : undefined) as T | undefined;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).map(([k, v]) => [k, prune(v)] as const).filter(([, v]) => v !== undefined && v !== '');
    return (entries.length ? Object.fromEntries(entries) : undefined) as T | undefined;
  }
  return value === '' ? undefined : value;
}

/** The Tool a submitted editor form describes (not yet validated). */
export function formToTool(form: ToolForm): unknown {
  const status = text(form.status);
  const agreementGiven = text(form.signedOn) || text(form.agreementType) === 'other' || text(form.reference) || text(form.validUntil);
  const tool = {
    id: text(form.id),
    name: text(form.name),
    vendor: prune({ name: text(form.vendorName), country: text(form.vendorCountry).toUpperCase(), url: text(form.vendorUrl) }),
    category: text(form.category),
    match: lines(form.match),
    status,
    agreement: agreementGiven
      ? prune({
          type: text(form.agreementType) || 'model-verwerkersovereenkomst',
          modelVersion: text(form.modelVersion),
          signedOn: text(form.signedOn),
          validUntil: text(form.validUntil),
          reference: text(form.reference),
          bijsluiterVersion: text(form.bijsluiterVersion),
        })
      : undefined,
    conditions: lines(form.conditions),
    reason: text(form.reason) || undefined,
    alternatives: ids(form.alternatives),
    // one client a line: "google: ID", "microsoft: GUID", "saml: ENTITY-ID", "oauth: HOST CLIENT-ID"
    signIn: nonEmpty(parseSignInList(String(form.signIn ?? ''), /\r?\n/)),
    bijsluiter: prune({
      version: text(form.sheetVersion),
      date: text(form.sheetDate),
      url: text(form.sheetUrl),
      product: { description: text(form.productDescription), url: text(form.productUrl), audience: many(form.audience), users: lines(form.users) },
      services: {
        core: lines(form.servicesCore),
        optional: lines(form.servicesOptional).map((line) => {
          const [name, enabled] = line.split('|').map((s) => s.trim());
          return { name: name ?? '', enabled: /^(yes|ja|on|aan|true)$/i.test(enabled ?? '') };
        }),
      },
      framework: text(form.sheetFramework),
      type: text(form.sheetType),
      purposes: many(form.purposes),
      personalData: { categories: lines(form.dataCategories), optional: lines(form.dataOptional), special: lines(form.dataSpecial) },
      security: { certifications: lines(form.certifications), audits: lines(form.audits), storageCountries: codes(form.storageCountries), processingCountries: codes(form.processingCountries) },
      subprocessors: lines(form.subprocessors).map((line) => {
        const [name, task, country] = line.split('|').map((s) => s.trim());
        return prune({ name: name ?? '', task: task ?? '', country: (country ?? '').toUpperCase() });
      }),
      contact: { email: text(form.contactEmail), phone: text(form.contactPhone), url: text(form.contactUrl) },
    }),
  };
  // required fields stay even when empty, so the schema names them; optional ones go when empty
  return Object.fromEntries(Object.entries(tool).filter(([, v]) => v !== undefined && v !== ''));
}

/** The editor's fields for a Tool (for editing an existing one, or one proposed from a request). */
export function toolToForm(tool: Partial<Tool>): ToolForm {
  const s = tool.bijsluiter;
  return {
    id: tool.id ?? '',
    name: tool.name ?? '',
    vendorName: tool.vendor?.name ?? '',
    vendorCountry: tool.vendor?.country ?? '',
    vendorUrl: tool.vendor?.url ?? '',
    category: tool.category ?? '',
    match: (tool.match ?? []).join('\n'),
    status: tool.status ?? 'pending',
    agreementType: tool.agreement?.type ?? '',
    modelVersion: tool.agreement?.modelVersion ?? '',
    signedOn: tool.agreement?.signedOn ?? '',
    validUntil: tool.agreement?.validUntil ?? '',
    reference: tool.agreement?.reference ?? '',
    bijsluiterVersion: tool.agreement?.bijsluiterVersion ?? '',
    conditions: (tool.conditions ?? []).join('\n'),
    reason: tool.reason ?? '',
    alternatives: (tool.alternatives ?? []).join(', '),
    signIn: (tool.signIn ?? []).map(signInEntry).join('\n'),
    sheetVersion: s?.version ?? '',
    sheetDate: s?.date ?? '',
    sheetUrl: s?.url ?? '',
    productDescription: s?.product?.description ?? '',
    productUrl: s?.product?.url ?? '',
    audience: [...(s?.product?.audience ?? [])],
    users: (s?.product?.users ?? []).join('\n'),
    servicesCore: (s?.services?.core ?? []).join('\n'),
    servicesOptional: (s?.services?.optional ?? []).map((o) => `${o.name} | ${o.enabled ? 'yes' : 'no'}`).join('\n'),
    sheetFramework: s?.framework ?? '',
    sheetType: s?.type ?? '',
    purposes: [...(s?.purposes ?? [])],
    dataCategories: (s?.personalData?.categories ?? []).join('\n'),
    dataOptional: (s?.personalData?.optional ?? []).join('\n'),
    dataSpecial: (s?.personalData?.special ?? []).join('\n'),
    certifications: (s?.security?.certifications ?? []).join('\n'),
    audits: (s?.security?.audits ?? []).join('\n'),
    storageCountries: (s?.security?.storageCountries ?? []).join(', '),
    processingCountries: (s?.security?.processingCountries ?? []).join(', '),
    subprocessors: (s?.subprocessors ?? []).map((p) => [p.name, p.task ?? '', p.country].join(' | ')).join('\n'),
    contactEmail: s?.contact?.email ?? '',
    contactPhone: s?.contact?.phone ?? '',
    contactUrl: s?.contact?.url ?? '',
  };
}

/** A tool id proposed from a request's tool name ("Book Creator" → "book-creator"). */
export function proposeToolId(name: string, taken: ReadonlySet<string>): string {
  const base = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 56) || 'tool';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

/** The match pattern proposed from a request's host: without a leading www. */
export function proposePattern(host: string): string {
  return host.toLowerCase().replace(/^www\./, '');
}

const FIELD_FOR_PATH: [RegExp, string][] = [
  [/^vendor\.name/, 'vendorName'],
  [/^vendor\.country/, 'vendorCountry'],
  [/^vendor\.url/, 'vendorUrl'],
  [/^vendor/, 'vendorName'],
  [/^agreement\.type/, 'agreementType'],
  [/^agreement\.modelVersion/, 'modelVersion'],
  [/^agreement\.validUntil/, 'validUntil'],
  [/^agreement\.reference/, 'reference'],
  [/^agreement\.bijsluiterVersion/, 'bijsluiterVersion'],
  [/^agreement/, 'signedOn'],
  [/^bijsluiter\.version/, 'sheetVersion'],
  [/^bijsluiter\.date/, 'sheetDate'],
  [/^bijsluiter\.url/, 'sheetUrl'],
  [/^bijsluiter\.product\.description/, 'productDescription'],
  [/^bijsluiter\.product\.url/, 'productUrl'],
  [/^bijsluiter\.product\.audience/, 'audience'],
  [/^bijsluiter\.product\.users/, 'users'],
  [/^bijsluiter\.services\.core/, 'servicesCore'],
  [/^bijsluiter\.services\.optional/, 'servicesOptional'],
  [/^bijsluiter\.framework/, 'sheetFramework'],
  [/^bijsluiter\.type/, 'sheetType'],
  [/^bijsluiter\.purposes/, 'purposes'],
  [/^bijsluiter\.personalData\.categories/, 'dataCategories'],
  [/^bijsluiter\.personalData\.optional/, 'dataOptional'],
  [/^bijsluiter\.personalData\.special/, 'dataSpecial'],
  [/^bijsluiter\.security\.certifications/, 'certifications'],
  [/^bijsluiter\.security\.audits/, 'audits'],
  [/^bijsluiter\.security\.storageCountries/, 'storageCountries'],
  [/^bijsluiter\.security\.processingCountries/, 'processingCountries'],
  [/^bijsluiter\.subprocessors/, 'subprocessors'],
  [/^bijsluiter\.contact\.email/, 'contactEmail'],
  [/^bijsluiter\.contact\.phone/, 'contactPhone'],
  [/^bijsluiter\.contact\.url/, 'contactUrl'],
  [/^bijsluiter/, 'productDescription'],
  [/^(id|name|category|match|status|conditions|reason|alternatives|signIn)\b/, '$1'],
];

/** The editor field a problem's path (inside one tool: `match[0]`, `bijsluiter.contact.url`) belongs to. */
export function fieldForPath(path: string): string | null {
  const inside = path.replace(/^tools\[\d+\]\.?/, '');
  for (const [pattern, field] of FIELD_FOR_PATH) {
    const match = pattern.exec(inside);
    if (match) return field.replace('$1', match[1] ?? '');
  }
  return null;
}

/** Whether a field belongs to the privacy sheet part of the editor (folded unless it has a problem). */
export function isSheetField(field: string): boolean {
  return !['id', 'name', 'vendorName', 'vendorCountry', 'vendorUrl', 'category', 'match', 'status', 'agreementType', 'modelVersion', 'signedOn', 'validUntil', 'reference', 'bijsluiterVersion', 'conditions', 'reason', 'alternatives', 'signIn'].includes(field);
}
