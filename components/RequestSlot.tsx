/** Where the vetting-request action sits for tools that are not (or no longer) approved. */
import type { TabView } from '../lib/messages';
import { VERDICT_POLICY } from '../lib/verdict-policy';
import { RequestForm } from './RequestForm';

export function RequestSlot({ tab, onSubmitted }: { tab: TabView; onSubmitted: () => void }) {
  // stays mounted when a request turns the verdict pending, so the form's outcome remains visible
  if (!VERDICT_POLICY[tab.view.verdict.kind].offersRequest && !tab.requestContext.openRequestId) return null;
  return (
    <div id="request-slot" data-kind={tab.view.verdict.kind}>
      <RequestForm tab={tab} onSubmitted={onSubmitted} />
    </div>
  );
}
