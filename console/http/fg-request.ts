/**
 * One request: everything the teacher sent, what the register says of its site, and the decision
 * with (or without) the tool record, saved in one step.
 */
import type { Context, Hono } from 'hono';
import type { ConsoleContext } from '../context';
import type { Problem } from '../../lib/register/lint';
import { buildMatchIndex, lookup } from '../../lib/matcher/index';
import { toolSchema } from '../../lib/register/schema';
import { parsePageUrl } from '../../lib/url';
import { canonicalJson } from '../lib/canonical-json';
import { formToTool, proposePattern, proposeToolId, toolToForm, type ToolForm } from '../lib/tool-form';
import { decide } from '../store/decisions';
import { findRequest, requestsForHost, type RequestRow } from '../store/requests';
import { findTool, listTools } from '../store/tools';
import { renderPage } from '../ui/layout';
import { translate } from '../ui/messages';
import { RequestPage } from '../ui/request';
import { field } from './forms';
import { webKit, type WebEnv } from './fg-kit';

export function mountFgRequest(web: Hono<WebEnv>, ctx: ConsoleContext): void {
  const { html, page, errorPage, flashOf, formOf } = webKit;
  const requestPage = async (c: Context<WebEnv>, row: RequestRow, state: { form?: ToolForm; decision?: { status: string; note: string; withTool: boolean }; problems?: Problem[]; error?: string | null }, status: 200 | 400 = 200) => {
    const board = c.get('board');
    const tools = await listTools(ctx.db, board.id);
    const body = row.body;
    const location = parsePageUrl(body?.tool.url ?? `https://${row.toolHost}/`);
    const matched = (row.toolId ? tools.find((t) => t.id === row.toolId) : null) ?? (location ? lookup(buildMatchIndex(tools), location) : null) ?? null;
    const form = state.form ?? (matched ? toolToForm(matched) : toolToForm({ id: proposeToolId(row.toolName, new Set(tools.map((t) => t.id))), name: row.toolName, match: [proposePattern(row.toolHost)], category: 'other', status: 'pending' }));
    const p = page(c);
    return html(
      c,
      renderPage(p.lang, RequestPage({
        page: p,
        row,
        matched,
        others: await requestsForHost(ctx.db, board.id, row.toolHost, row.requestId),
        form,
        decision: state.decision ?? { status: row.status === 'received' ? 'in-review' : row.status, note: row.note, withTool: !matched },
        problems: state.problems ?? [],
        error: state.error ?? null,
        flash: flashOf(c, p),
        now: ctx.now(),
      })),
      status,
    );
  };

  /** Whether the tool fields on a request page differ from the tool the register has for it. */
  const toolRecordChanged = async (row: RequestRow, toolForm: ToolForm): Promise<boolean> => {
    const id = String(toolForm.id ?? '');
    const stored = id ? await findTool(ctx.db, row.boardId, id) : null;
    if (!stored) return false;
    const submitted = toolSchema.safeParse(formToTool(toolForm));
    const current = toolSchema.parse(formToTool(toolToForm(stored)));
    return !submitted.success || canonicalJson(submitted.data) !== canonicalJson(current);
  };

  web.get('/b/:slug/fg/requests/:id', async (c) => {
    const row = await findRequest(ctx.db, c.get('board').id, c.req.param('id'));
    if (!row) return html(c, errorPage(c, 'notFound'), 404);
    return requestPage(c, row, {});
  });

  web.post('/b/:slug/fg/requests/:id/decision', async (c) => {
    const board = c.get('board');
    const row = await findRequest(ctx.db, board.id, c.req.param('id'));
    if (!row) return html(c, errorPage(c, 'notFound'), 404);
    const form = formOf(c);
    // the decision is its own field: the tool record below has a status of its own
    const status = field(form, 'decision');
    const note = field(form, 'note').trim().slice(0, 2000);
    const withTool = field(form, 'withTool') === '1';
    const toolForm: ToolForm = {};
    for (const [key, value] of Object.entries(form)) if (key !== '_csrf' && key !== 'decision' && key !== 'note' && key !== 'withTool') toolForm[key] = value;
    // the FG chose approve or reject for the teacher: the tool record says the same
    if (withTool && (status === 'approved' || status === 'rejected')) toolForm.status = status;
    if (status !== 'in-review' && status !== 'approved' && status !== 'rejected') {
      return requestPage(c, row, { form: toolForm, decision: { status, note, withTool }, error: translate(c.get('user').language, 'decisionStatus') }, 400);
    }
    if (!withTool && (await toolRecordChanged(row, toolForm))) {
      return requestPage(c, row, { form: toolForm, decision: { status, note, withTool }, error: translate(c.get('user').language, 'toolUnsaved') }, 400);
    }
    const result = await decide(ctx, board, row.requestId, { status, note, ...(withTool ? { tool: formToTool(toolForm) } : {}) }, c.get('user').email);
    if (!result.ok) return requestPage(c, row, { form: toolForm, decision: { status, note, withTool }, problems: result.problems ?? [], error: result.problems ? null : result.error }, 400);
    return c.redirect(`/b/${board.slug}/fg/requests/${row.requestId}?done=decision`, 303);
  });
}
