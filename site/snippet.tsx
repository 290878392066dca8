/** The snippet for the school's own website: a short text linking to the site. */
import { schoolDay } from '../lib/dates';
import { formatDate } from '../lib/format';
import type { Status } from './paths';
import type { Ctx } from './ctx';

export function Snippet({ ctx, link }: { ctx: Ctx; link: (path: string) => string }) {
  const counts = (status: Status) => ctx.payload.tools.filter((tool) => tool.status === status).length;
  return (
    <div class="bijsluiter-snippet" lang={ctx.lang}>
      <p><strong>{ctx.s('snippetLead')}</strong></p>
      <p>{ctx.s('snippetText', ctx.payload.publisher.name, counts('approved'), counts('pending'), counts('rejected'))}</p>
      <p><a href={link('index.html')}>{ctx.s('snippetLink')}</a> {ctx.s('snippetUpdated', formatDate(schoolDay(new Date(ctx.payload.issuedAt))))}</p>
      <p><a href={link('changes.html')}>{ctx.s('changesLink')}</a> · <a href={link('feed.xml')} type="application/atom+xml">{ctx.s('feedLink')}</a></p>
    </div>
  );
}
