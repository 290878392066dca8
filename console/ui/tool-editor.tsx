/** The editor of one tool, with the same checks as the CLI's lint shown above the form. */
import type { Problem } from '../../cli/lint';
import type { ToolForm } from '../lib/tool-form';
import { Csrf, Flash, Layout, type PageContext } from './layout';
import { ProblemList, ToolFields } from './tool-fields';

export function ToolEditorPage({ page, toolId, form, problems, flash }: { page: PageContext; toolId: string | null; form: ToolForm; problems: Problem[]; flash: string | null }) {
  const title = toolId ? page.t('toolEditorTitle', String(form.name || toolId)) : page.t('toolEditorNew');
  return (
    <Layout page={page} section="tools" title={title}>
      <h1>{title}</h1>
      {flash ? <Flash kind="ok">{flash}</Flash> : null}
      <ProblemList page={page} problems={problems} />
      <form method="post" action={`${page.base}/tools/${toolId ?? 'new'}`} class="stack">
        <Csrf page={page} />
        <ToolFields page={page} form={form} disabled={!page.canEdit} />
        {page.canEdit ? <button type="submit">{page.t('toolSave')}</button> : <p>{page.t('readOnly')}</p>}
      </form>
      {toolId && page.canEdit ? (
        <form method="post" action={`${page.base}/tools/${toolId}/delete`} class="danger-zone">
          <Csrf page={page} />
          <button type="submit" class="danger">{page.t('toolDelete')}</button>
        </form>
      ) : null}
    </Layout>
  );
}
