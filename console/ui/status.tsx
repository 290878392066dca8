/** A request's or tool's status as words with a symbol, never colour alone. */
import type { PageContext } from './layout';

const REQUEST_SYMBOL = { received: '●', 'in-review': '…', approved: '✓', rejected: '✕' } as const;
const TOOL_SYMBOL = { approved: '✓', pending: '…', rejected: '✕', unvetted: '!' } as const;

export function RequestStatus({ page, status }: { page: PageContext; status: keyof typeof REQUEST_SYMBOL }) {
  return (
    <span class={`status status-${status}`}>
      <span aria-hidden="true">{REQUEST_SYMBOL[status]} </span>
      {page.t(`status_${status}`)}
    </span>
  );
}

export function ToolStatus({ page, status }: { page: PageContext; status: keyof typeof TOOL_SYMBOL }) {
  return (
    <span class={`status tool-status-${status}`}>
      <span aria-hidden="true">{TOOL_SYMBOL[status]} </span>
      {page.t(`toolStatus_${status}`)}
    </span>
  );
}
