/**
 * What the popup and the options page show for one tool, computed in the background from data
 * it already holds: the verdict, approved alternatives, and the agreement's days left.
 */
import { daysBetween, schoolDay } from './dates';
import { toolFramework, type Framework } from './register/framework';
import type { RegisterPayload, Tool } from './register/schema';
import { effectiveNow, verdictForTool, type Verdict } from './verdict';
import { VERDICT_POLICY } from './verdict-policy';

/** An agreement ending within this many days is flagged to the teacher. */
export const EXPIRY_WARNING_DAYS = 60;
const MAX_ALTERNATIVES = 5;

/** A tool suggested instead. */
export interface Alternative {
  id: string;
  name: string;
  category: string;
}

export interface ToolView {
  verdict: Verdict;
  alternatives: Alternative[];
  /** Days until the agreement's validUntil, when that is within the warning window. */
  expiresInDays: number | null;
  /** The register's expiresAt, for the `stale` explanation. */
  registerExpiresAt: string | null;
  /** The agreement the tool's privacy sheet follows (its own, else the publisher's, else the Convenant). */
  framework: Framework;
}

/**
 * Approved alternatives for a tool that is not allowed: the ids the register lists for it that
 * are approved now; failing those, approved tools of the same category.
 */
export function alternativesFor(category: string | null, listed: readonly string[], selfId: string | null, payload: RegisterPayload | null, now: Date): Alternative[] {
  if (!payload) return [];
  const approved = (tool: Tool) => tool.id !== selfId && verdictForTool(tool, payload, now) === 'approved';
  const byId = new Map(payload.tools.map((tool) => [tool.id, tool]));
  let picked = listed.map((id) => byId.get(id)).filter((tool): tool is Tool => tool !== undefined && approved(tool));
  if (picked.length === 0 && category) picked = payload.tools.filter((tool) => tool.category === category && approved(tool));
  return picked.slice(0, MAX_ALTERNATIVES).map((tool) => ({ id: tool.id, name: tool.name, category: tool.category }));
}

/** Builds the view of a verdict. Alternatives only where the tool may not be used as it is. */
export function buildToolView(verdict: Verdict, payload: RegisterPayload | null, now: Date): ToolView {
  const tool = verdict.tool;
  const needsAlternative = VERDICT_POLICY[verdict.kind].showsAlternatives;
  const category = tool?.category ?? verdict.catalogEntry?.category ?? null;
  const alternatives = needsAlternative ? alternativesFor(category, tool?.alternatives ?? [], tool?.id ?? null, payload, now) : [];
  let expiresInDays: number | null = null;
  const validUntil = tool?.agreement?.validUntil;
  if (validUntil && payload && verdict.kind !== 'expired') {
    const days = daysBetween(schoolDay(effectiveNow(payload, now)), validUntil);
    if (days <= EXPIRY_WARNING_DAYS) expiresInDays = days;
  }
  return { verdict, alternatives, expiresInDays, registerExpiresAt: payload?.expiresAt ?? null, framework: toolFramework(payload, tool) };
}
