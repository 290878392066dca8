/** The board's register source: searchable, each tool with its lint warnings in place. */
import type { Problem } from '../../lib/register/lint';
import type { Tool } from '../../lib/register/schema';
import { Flash, Layout, type PageContext } from './layout';
import { ToolStatus } from './status';
import { CheckText } from './tool-fields';

export function ToolsPage({ page, tools, query, warnings, flash }: { page: PageContext; tools: Tool[]; query: string; warnings: Map<string, Problem[]>; flash: string | null }) {
  return (
    <Layout page={page} section="tools" title={page.t('toolsTitle')}>
      <h1>{page.t('toolsTitle')}</h1>
      {flash ? <Flash kind="ok">{flash}</Flash> : null}
      <form method="get" action={`${page.base}/tools`} class="search" role="search">
        <label for="q">{page.t('toolsSearch')}</label>
        <input id="q" name="q" type="search" value={query} />
        <button type="submit">{page.t('search')}</button>
      </form>
      {page.canEdit ? <p><a class="button" href={`${page.base}/tools/new`}>{page.t('newTool')}</a></p> : null}
      {tools.length === 0 ? (
        <p role="status">{query ? page.t('noToolsFound', query) : page.t('noTools')}</p>
      ) : (
        <ul class="tool-list">
          {tools.map((tool) => (
            <li key={tool.id} data-tool={tool.id}>
              <a href={`${page.base}/tools/${tool.id}`}>{tool.name}</a> <ToolStatus page={page} status={tool.status} />
              <br />
              <span class="muted">{[tool.vendor?.name, tool.match.join(', ')].filter(Boolean).join(' · ')}</span>
              {(warnings.get(tool.id) ?? []).length > 0 ? (
                <ul class="inline-warnings">
                  {(warnings.get(tool.id) ?? []).map((w, i) => <li key={i}><span aria-hidden="true">! </span><CheckText page={page} text={w.message} /></li>)}
                </ul>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

/** Whether a tool matches a search: name, supplier, id or any of its web addresses. */
export function toolMatchesQuery(tool: Tool, query: string): boolean {
  const q = query.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/^www\./, '').replace(/\/.*$/, '');
  if (!q) return true;
  return [tool.name, tool.id, tool.vendor?.name ?? '', ...tool.match].some((s) => s.toLowerCase().includes(q));
}
