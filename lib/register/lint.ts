/**
 * `bijsluiter lint`: every problem in a register payload, one line a person understands, with
 * the tool id and (when the source is known) file and line. Errors stop signing; warnings are
 * what the FG should know before publishing (expiring agreements, changed sheets, data leaving
 * the EEA). The schema is the extension's own; the full Public Suffix List is checked here only.
 */
import catalog from '../../public/catalog.json';
import { hostForPeople, hostToUnicode } from '../punycode';
import { mixedScripts, skeleton } from './lookalike';
import { daysBetween } from '../dates';
import { isOutsideEea } from '../eea';
import { importantChangeArticle, isFramework, sheetFramework } from './framework';
import { parsePattern } from './pattern';
import { registerPayloadSchema } from './schema';
import { EXPIRY_WARNING_DAYS } from '../tool-view';

export interface Problem {
  level: 'error' | 'warning';
  toolId: string | null;
  /** JSON path such as tools[3].match[0], or '' for the register as a whole. */
  path: string;
  message: string;
  /** file:line in the source, when known. */
  where?: string | null;
}

type Locate = (path: readonly PropertyKey[]) => string | null;

function pathText(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)), '');
}


/** Lints a payload (parsed JSON). `today` is YYYY-MM-DD. */
export function lintPayload(raw: unknown, today: string, locate: Locate = () => null): Problem[] {
  const problems: Problem[] = [];
  const tools = Array.isArray((raw as { tools?: unknown })?.tools) ? ((raw as { tools: unknown[] }).tools) : [];
  const toolIdAt = (i: number) => {
    const id = (tools[i] as { id?: unknown } | undefined)?.id;
    return typeof id === 'string' ? id : null;
  };
  const add = (level: Problem['level'], path: readonly PropertyKey[], message: string) => {
    const toolId = path[0] === 'tools' && typeof path[1] === 'number' ? toolIdAt(path[1]) : null;
    problems.push({ level, toolId, path: pathText(path), message, where: locate(path) });
  };

  // the framework decides the article that governs important changes (a wrong value is a schema error above)
  const known = (value: unknown) => (isFramework(value) ? value : undefined);
  const publisherFramework: unknown = (raw as { publisher?: { framework?: unknown } } | null)?.publisher?.framework;

  const parsed = registerPayloadSchema.safeParse(raw);
  if (!parsed.success) for (const issue of parsed.error.issues) add('error', issue.path, issue.message);

  const ids = new Set(tools.map((_, i) => toolIdAt(i)).filter((id): id is string => id !== null));
  tools.forEach((value, i) => {
    if (!value || typeof value !== 'object') return;
    const tool = value as Record<string, any>; // not validated yet: lint reports on raw input
    (Array.isArray(tool.alternatives) ? tool.alternatives : []).forEach((alt: unknown, a: number) => {
      if (typeof alt === 'string' && !ids.has(alt)) add('error', ['tools', i, 'alternatives', a], `alternative "${alt}" is not a tool in this register`);
    });
    const agreement = tool.agreement;
    if (tool.status === 'approved' && agreement && typeof agreement.validUntil === 'string') {
      const days = daysBetween(today, agreement.validUntil);
      if (days < 0) add('warning', ['tools', i, 'agreement', 'validUntil'], `the agreement expired on ${agreement.validUntil}; teachers see "expired"`);
      else if (days <= EXPIRY_WARNING_DAYS) add('warning', ['tools', i, 'agreement', 'validUntil'], `the agreement ends on ${agreement.validUntil}, in ${days} days`);
    }
    const sheetVersion = tool.bijsluiter?.version;
    if (tool.status === 'approved' && agreement?.bijsluiterVersion && sheetVersion && sheetVersion !== agreement.bijsluiterVersion) {
      add('warning', ['tools', i, 'bijsluiter', 'version'], `the privacy sheet is version ${sheetVersion} but the school signed ${agreement.bijsluiterVersion}: check for important changes (${importantChangeArticle(sheetFramework({ framework: known(publisherFramework) }, { framework: known(tool.bijsluiter?.framework) }))}) and re-accept`);
    }
    const countries = new Set<string>([
      ...(tool.bijsluiter?.security?.storageCountries ?? []),
      ...(tool.bijsluiter?.security?.processingCountries ?? []),
      ...((tool.bijsluiter?.subprocessors ?? []) as { country?: string }[]).map((s) => s.country ?? ''),
    ].filter((c): c is string => typeof c === 'string' && /^[A-Z]{2}$/.test(c)));
    const outside = [...countries].filter(isOutsideEea);
    if (outside.length > 0) add('warning', ['tools', i, 'bijsluiter'], `personal data is stored or processed outside the EEA: ${outside.join(', ')}`);
  });

  lookAlikes(tools, add);

  const expiresAt = (raw as { expiresAt?: unknown })?.expiresAt;
  if (typeof expiresAt === 'string' && expiresAt.slice(0, 10) < today) add('warning', ['expiresAt'], `the register expired on ${expiresAt}; teachers see approvals as unconfirmed`);
  return problems;
}

/** Hosts of the bundled catalogue: well-known tools a look-alike would imitate. */
function catalogueHosts(): { host: string; name: string }[] {
  return (catalog as { tools: { name: string; match: string[] }[] }).tools.flatMap((t) => t.match.map((m) => ({ host: m.replace(/^=/, '').split('/')[0]!, name: t.name })));
}

/** Warnings for labels mixing scripts, and for hosts that look like another tool's host. */
function lookAlikes(tools: unknown[], add: (level: Problem['level'], path: readonly PropertyKey[], message: string) => void): void {
  const known: { host: string; name: string; at: number }[] = catalogueHosts().map((k) => ({ ...k, at: -1 }));
  const patterns: { host: string; at: number; m: number; source: string }[] = [];
  tools.forEach((value, i) => {
    const tool = value as { name?: unknown; match?: unknown } | null;
    (Array.isArray(tool?.match) ? tool!.match : []).forEach((source: unknown, m: number) => {
      if (typeof source !== 'string') return;
      const parsed = parsePattern(source);
      if (!parsed.ok) return;
      patterns.push({ host: parsed.pattern.host, at: i, m, source });
      known.push({ host: parsed.pattern.host, name: typeof tool?.name === 'string' ? tool.name : '', at: i });
    });
  });
  const bySkeleton = new Map<string, { host: string; name: string; at: number }[]>();
  for (const k of known) bySkeleton.set(skeleton(k.host), [...(bySkeleton.get(skeleton(k.host)) ?? []), k]);
  for (const p of patterns) {
    if (!p.host.split('.').some((label) => label.startsWith('xn--'))) continue;
    const unicode = hostToUnicode(p.host);
    for (const label of unicode.split('.')) {
      const mixed = mixedScripts(label);
      if (mixed) add('warning', ['tools', p.at, 'match', p.m], `pattern "${p.source}": the label "${label}" mixes ${mixed.join(' and ')} letters; the host is ${hostForPeople(p.host)}`);
    }
    const twin = (bySkeleton.get(skeleton(p.host)) ?? []).find((k) => k.host !== p.host);
    if (twin) add('warning', ['tools', p.at, 'match', p.m], `pattern "${p.source}": ${hostForPeople(p.host)} looks like ${twin.host}${twin.name ? ` (${twin.name})` : ''} but is another host`);
  }
}

/** One line per problem, errors first. */
export function formatProblems(problems: readonly Problem[]): string[] {
  return [...problems]
    .sort((a, b) => (a.level === b.level ? 0 : a.level === 'error' ? -1 : 1))
    .map((p) => `${p.level.padEnd(7)} ${p.toolId ? `${p.toolId}: ` : ''}${p.path ? `${p.path}: ` : ''}${p.message}${p.where ? `  (${p.where})` : ''}`);
}
