/** Where the vetting-request action sits for tools that are not (or no longer) approved. */
import type { TabView } from '../lib/messages';
import type { VerdictKind } from '../lib/verdict';
import { RequestForm } from './RequestForm';

/** Verdicts for which a teacher may ask the FG to vet the tool. */
export const REQUESTABLE: ReadonlySet<VerdictKind> = new Set(['unvetted', 'unknown', 'rejected', 'expired', 'changed']);

export function RequestSlot({ tab, onSubmitted }: { tab: TabView; onSubmitted: () => void }) {
  // stays mounted when a request turns the verdict pending, so the form's outcome remains visible
  if (!REQUESTABLE.has(tab.view.verdict.kind) && !tab.requestContext.openRequestId) return null;
  return (
    <div id="request-slot" data-kind={tab.view.verdict.kind}>
      <RequestForm tab={tab} onSubmitted={onSubmitted} />
    </div>
  );
}
