/**
 * What needs the FG's attention, computed from the board's tools, open requests and the
 * published register: agreements ending within 60 days (or ended), privacy sheets changed since
 * the school signed, requests waiting longer than 14 days, a register close to expiring.
 */
import { daysBetween, schoolDay } from '../../lib/dates';
import type { Tool } from '../../lib/register/schema';

export const AGREEMENT_WARNING_DAYS = 60;
export const REQUEST_WAITING_DAYS = 14;
export const REGISTER_RENEW_DAYS = 14;

export type AttentionItem =
  | { kind: 'agreement-ending'; toolId: string; name: string; validUntil: string; days: number }
  | { kind: 'sheet-changed'; toolId: string; name: string; signed: string; current: string }
  | { kind: 'request-waiting'; requestId: string; name: string; host: string; days: number }
  | { kind: 'register-expiring'; serial: number; expiresAt: string; days: number }
  | { kind: 'not-published' };

export function needsAttention(input: {
  tools: readonly Tool[];
  openRequests: readonly { requestId: string; toolName: string; toolHost: string; receivedAt: Date }[];
  register: { serial: number; expiresAt: string } | null;
  now: Date;
}): AttentionItem[] {
  const today = schoolDay(input.now);
  const items: AttentionItem[] = [];
  for (const tool of input.tools) {
    const until = tool.agreement?.validUntil;
    if (tool.status === 'approved' && until) {
      const days = daysBetween(today, until);
      if (days <= AGREEMENT_WARNING_DAYS) items.push({ kind: 'agreement-ending', toolId: tool.id, name: tool.name, validUntil: until, days });
    }
    const signed = tool.agreement?.bijsluiterVersion;
    const current = tool.bijsluiter?.version;
    if (tool.status === 'approved' && signed && current && signed !== current) items.push({ kind: 'sheet-changed', toolId: tool.id, name: tool.name, signed, current });
  }
  for (const r of input.openRequests) {
    const days = Math.floor((input.now.getTime() - r.receivedAt.getTime()) / 86_400_000);
    if (days > REQUEST_WAITING_DAYS) items.push({ kind: 'request-waiting', requestId: r.requestId, name: r.toolName, host: r.toolHost, days });
  }
  if (!input.register) {
    if (input.tools.length > 0) items.push({ kind: 'not-published' });
  } else {
    const days = Math.floor((Date.parse(input.register.expiresAt) - input.now.getTime()) / 86_400_000);
    if (days <= REGISTER_RENEW_DAYS) items.push({ kind: 'register-expiring', serial: input.register.serial, expiresAt: input.register.expiresAt, days });
  }
  return items;
}
