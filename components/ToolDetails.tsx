/**
 * Everything about one tool, the same in the popup and on the options page: verdict, advice,
 * conditions, agreement, alternatives and the privacy sheet. Order follows the teacher's
 * question: may I, under which conditions, what happens to the data, what instead.
 */
import type { ComponentChildren } from 'preact';
import type { ToolView } from '../lib/tool-view';
import { VERDICT_POLICY } from '../lib/verdict-policy';
import { AgreementInfo } from './AgreementInfo';
import { Alternatives } from './Alternatives';
import { BijsluiterSheet } from './BijsluiterSheet';
import { Conditions } from './Conditions';
import { SignInNotice } from './SignInNotice';
import { VerdictAdvice } from './VerdictAdvice';
import { VerdictHeader } from './VerdictHeader';

export function ToolDetails({ view, onOpenTool, children }: { view: ToolView; onOpenTool?: (id: string) => void; children?: ComponentChildren }) {
  const { verdict } = view;
  const tool = verdict.tool;
  const hasSubject = tool !== null || verdict.catalogEntry !== null;
  const policy = VERDICT_POLICY[verdict.kind];
  return (
    <div class="tool-details">
      <VerdictHeader verdict={verdict} />
      <SignInNotice verdict={verdict} />
      <VerdictAdvice view={view} />
      {tool && policy.showsConditions ? <Conditions conditions={tool.conditions} /> : null}
      {tool?.agreement ? <AgreementInfo agreement={tool.agreement} expiresInDays={view.expiresInDays} /> : null}
      {policy.showsAlternatives && hasSubject ? <Alternatives alternatives={view.alternatives} onOpen={onOpenTool} /> : null}
      {children}
      {tool ? <BijsluiterSheet sheet={tool.bijsluiter} framework={view.framework} /> : null}
    </div>
  );
}
