/**
 * Publish: the diff against what is served now (the CLI's art. 13.3 diff), lint problems, and one
 * button that signs and publishes the next serial. The button is there only when nothing blocks it.
 */
import type { Problem } from '../../lib/register/lint';
import type { RegisterDiff } from '../../lib/register/diff';
import type { PublishedRegister } from '../store/registers';
import { Csrf, Flash, formatWhen, Layout, type PageContext } from './layout';
import { CheckText, ProblemList } from './tool-fields';

export function DiffView({ page, diff }: { page: PageContext; diff: RegisterDiff }) {
  const nothing = diff.added.length + diff.removed.length + diff.changed.length === 0;
  if (nothing) return <p>{page.t('noChanges')}</p>;
  return (
    <div class="diff">
      {diff.added.length > 0 ? (
        <>
          <h3>{page.t('added')}</h3>
          <ul>{diff.added.map((t) => <li key={t.id}><span aria-hidden="true">+ </span>{t.name} ({t.id}): {page.t(`toolStatus_${t.status as 'approved'}`)}</li>)}</ul>
        </>
      ) : null}
      {diff.removed.length > 0 ? (
        <>
          <h3>{page.t('removed')}</h3>
          <ul>{diff.removed.map((t) => <li key={t.id}><span aria-hidden="true">− </span>{t.name} ({t.id})</li>)}</ul>
        </>
      ) : null}
      {diff.changed.length > 0 ? (
        <>
          <h3>{page.t('changed')}</h3>
          <ul>
            {diff.changed.map((c) => (
              <li key={c.id}>
                <span aria-hidden="true">~ </span>{c.name} ({c.id}){c.status ? `: ${page.t(`toolStatus_${c.status[0] as 'approved'}`)} → ${page.t(`toolStatus_${c.status[1] as 'approved'}`)}` : ''}
                {c.important.length + c.other.length > 0 ? (
                  <ul>
                    {c.important.map((item, i) => <li key={`i${i}`} class="important"><strong>{page.t('importantChange')}:</strong> <CheckText page={page} text={item} /></li>)}
                    {c.other.map((item, i) => <li key={`o${i}`}><CheckText page={page} text={item} /></li>)}
                  </ul>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

export function PublishPage({ page, serial, problems, diff, current, registerUrl, flash, error }: { page: PageContext; serial: number; problems: Problem[]; diff: RegisterDiff | null; current: PublishedRegister | null; registerUrl: string; flash: string | null; error: string | null }) {
  const blocked = problems.some((p) => p.level === 'error');
  return (
    <Layout page={page} section="publish" title={page.t('publishTitle')}>
      <h1>{page.t('publishTitle')}</h1>
      {flash ? <Flash kind="ok">{flash}</Flash> : null}
      {error ? <Flash kind="error">{error}</Flash> : null}
      <p>{current ? page.t('publishCurrent', current.serial, formatWhen(page.lang, current.publishedAt), current.publishedBy) : page.t('publishNever')}</p>
      <p class="wrap">{page.t('registerAddress', registerUrl)}</p>
      <p>{page.t('publishIntro', serial)}</p>
      <h2>{page.t('changes')}</h2>
      {diff ? <DiffView page={page} diff={diff} /> : null}
      <ProblemList page={page} problems={problems} />
      {!page.canEdit ? (
        <p>{page.t('readOnly')}</p>
      ) : blocked ? (
        <p><strong>{page.t('publishBlocked')}</strong></p>
      ) : (
        <form method="post" action={`${page.base}/publish`}>
          <Csrf page={page} />
          <input type="hidden" name="serial" value={String(serial)} />
          <button type="submit">{page.t('publishButton', serial)}</button>
        </form>
      )}
    </Layout>
  );
}
