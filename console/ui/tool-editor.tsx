/** The editor of one tool, with the same checks as the CLI's lint shown above the form. */
import type { Problem } from '../../lib/register/lint';
import type { ToolForm } from '../lib/tool-form';
import { Csrf, Flash, Layout, type PageContext } from './layout';
import { CheckText, ProblemList, ToolFields } from './tool-fields';

export function ToolEditorPage({ page, toolId, form, problems, flash }: { page: PageContext; toolId: string | null; form: ToolForm; problems: Problem[]; flash: string | null }) {
  const title = toolId ? page.t('toolEditorTitle', String(form.name || toolId)) : page.t('toolEditorNew');
  const failed = problems.some((p) => p.level === 'error');
  return (
    <Layout page={page} section="tools" title={failed ? `${page.t('errorTitle')}: ${title}` : flash ? `${flash} ${title}` : title}>
      <h1>{title}</h1>
      {flash ? <Flash kind="ok">{flash}</Flash> : null}
      <ProblemList page={page} problems={problems} />
      {/* the server checks every field and says what is wrong; the browser's own checks could not reach folded fields */}
      <form method="post" action={`${page.base}/tools/${toolId ?? 'new'}`} class="stack" noValidate>
        <Csrf page={page} />
        <ToolFields page={page} form={form} disabled={!page.canEdit} problems={problems} fixedId={toolId !== null} />
        {page.canEdit ? <button type="submit">{page.t('toolSave')}</button> : <p>{page.t('readOnly')}</p>}
      </form>
      {toolId && page.canEdit ? (
        <p class="danger-zone"><a href={`${page.base}/tools/${toolId}/delete`}>{page.t('toolDelete')}</a></p>
      ) : null}
    </Layout>
  );
}

/** Removing a tool asks first; a refusal (still named as an alternative) says why in place. */
export function DeleteToolPage({ page, toolId, name, refusal }: { page: PageContext; toolId: string; name: string; refusal: string | null }) {
  const title = page.t('deleteConfirmTitle', name);
  return (
    <Layout page={page} section="tools" title={refusal ? `${page.t('errorTitle')}: ${title}` : title}>
      <h1>{title}</h1>
      {refusal ? (
        <div class="problems errors" role="alert" tabIndex={-1} autoFocus>
          <h2><span aria-hidden="true">✕ </span>{page.t('deleteRefused')}</h2>
          <p><CheckText page={page} text={refusal} /></p>
        </div>
      ) : (
        <p>{page.t('deleteConfirmText')}</p>
      )}
      <form method="post" action={`${page.base}/tools/${toolId}/delete`} class="stack">
        <Csrf page={page} />
        {refusal ? null : <button type="submit" class="danger">{page.t('deleteConfirm', name)}</button>}
        <a href={`${page.base}/tools/${toolId}`}>{page.t('cancel')}</a>
      </form>
    </Layout>
  );
}
