/**
 * Turns zod issues on a register payload into lines a school's IT admin can act on: the path
 * written the way the JSON reads, with the tool's id where the problem sits inside a tool.
 */
import type { z } from '../zod';

/** One line per issue, at most `limit` lines, e.g. `tools[3] (id "kahoot") → match[0]: …`. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], payload: unknown, limit = 5): string {
  const lines = issues.slice(0, limit).map((issue) => `${describePath(issue.path, payload)}: ${issue.message}`);
  if (issues.length > limit) lines.push(`… and ${issues.length - limit} more problem(s)`);
  return lines.join('; ');
}

function describePath(path: readonly PropertyKey[], payload: unknown): string {
  if (path.length === 0) return 'the register';
  let text = '';
  let node: unknown = payload;
  for (const [i, key] of path.entries()) {
    text += typeof key === 'number' ? `[${key}]` : `${text === '' ? '' : '.'}${String(key)}`;
    node = node !== null && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined;
    if (i === 1 && path[0] === 'tools' && node !== null && typeof node === 'object') {
      const id = (node as { id?: unknown }).id;
      if (typeof id === 'string') text += ` (id "${id.slice(0, 64)}")`;
      if (path.length > 2) text += ' →';
    }
  }
  return text.replace('→.', '→ ');
}
