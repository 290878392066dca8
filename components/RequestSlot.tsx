/** Where the vetting-request action sits for tools that are not (or no longer) approved. */
import type { VerdictKind } from '../lib/verdict';

/** Verdicts for which a teacher may ask the FG to vet the tool. */
export const REQUESTABLE: ReadonlySet<VerdictKind> = new Set(['unvetted', 'unknown', 'rejected', 'expired', 'changed']);

export function RequestSlot({ kind }: { kind: VerdictKind }) {
  if (!REQUESTABLE.has(kind)) return null;
  return <div id="request-slot" data-kind={kind} />;
}
