/**
 * The board's tools: the list with lint warnings, the editor, and removal after asking.
 */
import type { Context, Hono } from 'hono';
import type { ConsoleContext } from '../context';
import type { Problem } from '../../lib/register/lint';
import type { Tool } from '../../lib/register/schema';
import { formToTool, toolToForm, type ToolForm } from '../lib/tool-form';
import { deleteTool, findTool, lintTools, listTools, saveTool } from '../store/tools';
import { renderPage } from '../ui/layout';
import { translate } from '../ui/messages';
import { DeleteToolPage, ToolEditorPage } from '../ui/tool-editor';
import { toolMatchesQuery, ToolsPage } from '../ui/tools';
import { webKit, type WebEnv } from './fg-kit';

export function mountFgTools(web: Hono<WebEnv>, ctx: ConsoleContext): void {
  const { html, page, errorPage, flashOf, formOf } = webKit;
  web.get('/b/:slug/fg/tools', async (c) => {
    const tools = await listTools(ctx.db, c.get('board').id);
    const query = (c.req.query('q') ?? '').slice(0, 200);
    const warnings = new Map<string, Problem[]>();
    for (const problem of lintTools(tools, ctx.now())) {
      if (problem.level !== 'warning' || !problem.toolId) continue;
      warnings.set(problem.toolId, [...(warnings.get(problem.toolId) ?? []), problem]);
    }
    const p = page(c);
    return html(c, renderPage(p.lang, ToolsPage({ page: p, tools: tools.filter((t) => toolMatchesQuery(t, query)), query, warnings, flash: flashOf(c, p) })));
  });

  const editor = (c: Context<WebEnv>, toolId: string | null, form: ToolForm, problems: Problem[], status: 200 | 400 = 200) => {
    const p = page(c);
    return html(c, renderPage(p.lang, ToolEditorPage({ page: p, toolId, form, problems, flash: flashOf(c, p) })), status);
  };

  web.get('/b/:slug/fg/tools/new', (c) => editor(c, null, toolToForm({ status: 'pending', category: 'other' }), []));
  web.get('/b/:slug/fg/tools/:id', async (c) => {
    const tool = await findTool(ctx.db, c.get('board').id, c.req.param('id'));
    if (!tool) return html(c, errorPage(c, 'notFound'), 404);
    const tools = await listTools(ctx.db, c.get('board').id);
    const index = tools.findIndex((t) => t.id === tool.id);
    const warnings = lintTools(tools, ctx.now()).filter((p) => p.level === 'warning' && p.path.startsWith(`tools[${index}]`)).map((p) => ({ ...p, path: p.path.replace(`tools[${index}]`, '').replace(/^\./, '') }));
    return editor(c, tool.id, toolToForm(tool), warnings);
  });
  web.post('/b/:slug/fg/tools/:id', async (c) => {
    const board = c.get('board');
    const existingId = c.req.param('id') === 'new' ? null : c.req.param('id');
    const form = formOf(c);
    const toolForm: ToolForm = {};
    for (const [key, value] of Object.entries(form)) if (key !== '_csrf') toolForm[key] = value;
    const tool = formToTool(toolForm) as Partial<Tool>;
    if (existingId && tool.id !== existingId) {
      return editor(c, existingId, { ...toolForm, id: existingId }, [{ level: 'error', toolId: existingId, path: 'id', message: translate(c.get('user').language, 'idFixed') }], 400);
    }
    if (!existingId && tool.id && (await findTool(ctx.db, board.id, tool.id))) {
      return editor(c, null, toolForm, [{ level: 'error', toolId: tool.id, path: 'id', message: translate(c.get('user').language, 'idTaken', tool.id) }], 400);
    }
    const result = await saveTool(ctx.db, board.id, tool, c.get('user').email, ctx.now());
    if (!result.ok) return editor(c, existingId, toolForm, result.errors, 400);
    return c.redirect(`/b/${board.slug}/fg/tools/${result.tool.id}?done=tool`, 303);
  });
  web.get('/b/:slug/fg/tools/:id/delete', async (c) => {
    const tool = await findTool(ctx.db, c.get('board').id, c.req.param('id'));
    if (!tool) return html(c, errorPage(c, 'notFound'), 404);
    const p = page(c);
    return html(c, renderPage(p.lang, DeleteToolPage({ page: p, toolId: tool.id, name: tool.name, refusal: null })));
  });
  web.post('/b/:slug/fg/tools/:id/delete', async (c) => {
    const board = c.get('board');
    const tool = await findTool(ctx.db, board.id, c.req.param('id'));
    if (!tool) return html(c, errorPage(c, 'notFound'), 404);
    const result = await deleteTool(ctx.db, board.id, tool.id, c.get('user').email);
    if (!result.ok) {
      const p = page(c);
      return html(c, renderPage(p.lang, DeleteToolPage({ page: p, toolId: tool.id, name: tool.name, refusal: result.error })), 409);
    }
    return c.redirect(`/b/${board.slug}/fg/tools?done=deleted`, 303);
  });
}
