/**
 * `bijsluiter diff OLD NEW`: what changed for teachers, per tool: added, removed, status, and
 * the important changes (art. 13.3 of the Convenant's model agreement, art. 9.2 of the Flemish
 * Intentieverklaring, as the sheet's framework says: lib/register/framework.ts) (more personal
 * data, new purposes, new or moved subprocessors, new countries, above all outside the EEA),
 * which the school must accept before they apply.
 */
import { isOutsideEea } from '../eea';
import { importantChangeArticle, toolFramework, type Framework } from './framework';
import { signInClientKey, type RegisterPayload, type Tool } from './schema';
import { parsePattern } from './pattern';
import { hostForPeople } from '../punycode';
import { describeSignIn } from './sign-in-text';

export interface ToolChange {
  id: string;
  name: string;
  /** Status before and after, when it changed. */
  status?: [string, string];
  /** The agreement the tool's sheet follows now (its purposes' words, its article). */
  framework: Framework;
  /** The article for its important changes: 'art. 13.3' (Convenant) or 'art. 9.2' (Intentieverklaring). */
  article: 'art. 13.3' | 'art. 9.2';
  /** Important changes (`article`): re-acceptance needed, as English lines. */
  important: string[];
  /** The same important changes as data, one per line of `important`, for other languages (the public site). */
  importantDetails: ImportantChange[];
  /** Other changes teachers notice (dates, versions, patterns, conditions). */
  other: string[];
}

/** One important change as data. Countries are ISO codes; purposes are letters of the tool's framework (ToolChange.framework). */
export type ImportantChange =
  | { kind: 'personal-data' | 'optional-personal-data' | 'special-personal-data'; items: string[] }
  | { kind: 'purposes'; items: string[] }
  | { kind: 'new-subprocessor'; name: string; task?: string; country: string }
  | { kind: 'subprocessor-moved'; name: string; from: string; to: string }
  | { kind: 'storage-country' | 'processing-country'; country: string };

/** An important change as the English line `diff` prints. */
export function describeImportant(change: ImportantChange): string {
  switch (change.kind) {
    case 'personal-data':
      return `more personal data: ${change.items.join(', ')}`;
    case 'optional-personal-data':
      return `more optional personal data: ${change.items.join(', ')}`;
    case 'special-personal-data':
      return `more special personal data: ${change.items.join(', ')}`;
    case 'purposes':
      return `new purposes: ${change.items.join(', ')}`;
    case 'new-subprocessor':
      return `new subprocessor: ${change.name}${change.task ? ` (${change.task})` : ''} in ${eea(change.country)}`;
    case 'subprocessor-moved':
      return `subprocessor ${change.name} moved from ${change.from} to ${eea(change.to)}`;
    case 'storage-country':
      return `new storage country: ${eea(change.country)}`;
    case 'processing-country':
      return `new processing country: ${eea(change.country)}`;
  }
}

export interface RegisterDiff {
  serial: [number, number];
  added: { id: string; name: string; status: string }[];
  removed: { id: string; name: string; status: string }[];
  changed: ToolChange[];
}

const eea = (country: string) => (isOutsideEea(country) ? `${country}, outside the EEA` : country);
const newItems = (before: readonly string[] | undefined, after: readonly string[] | undefined) => (after ?? []).filter((x) => !(before ?? []).includes(x));

function compareTool(a: Tool, b: Tool, payload: RegisterPayload): ToolChange {
  const framework = toolFramework(payload, b);
  const change: ToolChange = { id: b.id, name: b.name, framework, article: importantChangeArticle(framework), important: [], importantDetails: [], other: [] };
  const important = (detail: ImportantChange) => {
    change.importantDetails.push(detail);
    change.important.push(describeImportant(detail));
  };
  if (a.status !== b.status) change.status = [a.status, b.status];
  const sa = a.bijsluiter ?? {};
  const sb = b.bijsluiter ?? {};
  for (const [key, kind] of [['categories', 'personal-data'], ['optional', 'optional-personal-data'], ['special', 'special-personal-data']] as const) {
    const added = newItems(sa.personalData?.[key], sb.personalData?.[key]);
    if (added.length) important({ kind, items: added });
  }
  const purposes = newItems(sa.purposes, sb.purposes);
  if (purposes.length) important({ kind: 'purposes', items: purposes });
  const before = new Map((sa.subprocessors ?? []).map((s) => [s.name, s]));
  for (const sub of sb.subprocessors ?? []) {
    const old = before.get(sub.name);
    if (!old) important({ kind: 'new-subprocessor', name: sub.name, ...(sub.task ? { task: sub.task } : {}), country: sub.country });
    else if (old.country !== sub.country) important({ kind: 'subprocessor-moved', name: sub.name, from: old.country, to: sub.country });
  }
  for (const [key, kind] of [['storageCountries', 'storage-country'], ['processingCountries', 'processing-country']] as const) {
    for (const country of newItems(sa.security?.[key], sb.security?.[key])) important({ kind, country });
  }
  if (sa.version !== sb.version) change.other.push(`privacy sheet version ${sa.version ?? 'none'} → ${sb.version ?? 'none'}`);
  const ag = a.agreement;
  const bg = b.agreement;
  if ((ag?.validUntil ?? null) !== (bg?.validUntil ?? null)) change.other.push(`agreement valid until ${ag?.validUntil ?? 'none'} → ${bg?.validUntil ?? 'none'}`);
  if ((ag?.bijsluiterVersion ?? null) !== (bg?.bijsluiterVersion ?? null)) change.other.push(`signed sheet version ${ag?.bijsluiterVersion ?? 'none'} → ${bg?.bijsluiterVersion ?? 'none'}`);
  const addedPatterns = newItems(a.match, b.match);
  const removedPatterns = newItems(b.match, a.match);
  if (addedPatterns.length) change.other.push(`now also matches ${addedPatterns.map(showPattern).join(', ')}`);
  if (removedPatterns.length) change.other.push(`no longer matches ${removedPatterns.map(showPattern).join(', ')}`);
  if (JSON.stringify(a.conditions) !== JSON.stringify(b.conditions)) change.other.push('conditions of use changed');
  // sign-in clients: which "Sign in with Google / Microsoft / Entree" screens name this tool
  const keysBefore = new Set((a.signIn ?? []).map(signInClientKey));
  const keysAfter = new Set((b.signIn ?? []).map(signInClientKey));
  const addedClients = (b.signIn ?? []).filter((c) => !keysBefore.has(signInClientKey(c)));
  const removedClients = (a.signIn ?? []).filter((c) => !keysAfter.has(signInClientKey(c)));
  if (addedClients.length) change.other.push(`new sign-in client: ${addedClients.map(describeSignIn).join(', ')}`);
  if (removedClients.length) change.other.push(`sign-in client removed: ${removedClients.map(describeSignIn).join(', ')}`);
  return change;
}

/** A pattern as written, with its punycode host beside it when that differs (a look-alike shows). */
function showPattern(source: string): string {
  const parsed = parsePattern(source);
  if (!parsed.ok) return source;
  const shown = hostForPeople(parsed.pattern.host);
  return shown === parsed.pattern.host && source.replace(/^=/, '').startsWith(parsed.pattern.host) ? source : `${source} → ${shown}`;
}

/** Compares two validated payloads. */
export function diffPayloads(a: RegisterPayload, b: RegisterPayload): RegisterDiff {
  const before = new Map(a.tools.map((t) => [t.id, t]));
  const after = new Map(b.tools.map((t) => [t.id, t]));
  return {
    serial: [a.serial, b.serial],
    added: b.tools.filter((t) => !before.has(t.id)).map((t) => ({ id: t.id, name: t.name, status: t.status })),
    removed: a.tools.filter((t) => !after.has(t.id)).map((t) => ({ id: t.id, name: t.name, status: t.status })),
    changed: b.tools
      .filter((t) => before.has(t.id))
      .map((t) => compareTool(before.get(t.id)!, t, b))
      .filter((c) => c.status || c.important.length || c.other.length),
  };
}

/** The diff as lines for a person. */
export function formatDiff(diff: RegisterDiff): string[] {
  const lines = [`serial ${diff.serial[0]} → ${diff.serial[1]}`];
  for (const t of diff.added) lines.push(`+ ${t.id} (${t.name}): added, ${t.status}`);
  for (const t of diff.removed) lines.push(`- ${t.id} (${t.name}): removed (was ${t.status})`);
  for (const c of diff.changed) {
    lines.push(`~ ${c.id} (${c.name})${c.status ? `: ${c.status[0]} → ${c.status[1]}` : ''}`);
    for (const item of c.important) lines.push(`    ! IMPORTANT (${c.article}, re-accept before use): ${item}`);
    for (const item of c.other) lines.push(`    ${item}`);
  }
  if (lines.length === 1) lines.push('no changes for teachers');
  return lines;
}
