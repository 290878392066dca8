/**
 * Everything about one tool, the same in the popup and on the options page: verdict, advice,
 * conditions, agreement, alternatives and the privacy sheet. Order follows the teacher's
 * question: may I, under which conditions, what happens to the data, what instead.
 */
import type { ComponentChildren } from 'preact';
import type { ToolView } from '../lib/tool-view';
import { AgreementInfo } from './AgreementInfo';
import { Alternatives } from './Alternatives';
import { BijsluiterSheet } from './BijsluiterSheet';
import { Conditions } from './Conditions';
import { VerdictAdvice } from './VerdictAdvice';
import { VerdictHeader } from './VerdictHeader';

const SHOW_ALTERNATIVES = new Set(['rejected', 'unvetted', 'expired', 'pending']);

export function ToolDetails({ view, onOpenTool, children }: { view: ToolView; onOpenTool?: (id: string) => void; children?: ComponentChildren }) {
  const { verdict } = view;
  const tool = verdict.tool;
  const hasSubject = tool !== null || verdict.catalogEntry !== null;
  return (
    <div class="tool-details">
      <VerdictHeader verdict={verdict} />
      <VerdictAdvice view={view} />
      {tool && verdict.kind !== 'rejected' ? <Conditions conditions={tool.conditions} /> : null}
      {tool?.agreement ? <AgreementInfo agreement={tool.agreement} expiresInDays={view.expiresInDays} /> : null}
      {SHOW_ALTERNATIVES.has(verdict.kind) && hasSubject ? <Alternatives alternatives={view.alternatives} onOpen={onOpenTool} /> : null}
      {children}
      {tool ? <BijsluiterSheet sheet={tool.bijsluiter} /> : null}
    </div>
  );
}
