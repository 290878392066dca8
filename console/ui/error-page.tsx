/** A refusal inside the FG interface, said in words with a way back. */
import { Flash, Layout, type PageContext } from './layout';

export function ErrorLayout({ page, message }: { page: PageContext; message: string }) {
  return (
    <Layout page={page} section="inbox" title={message}>
      <h1>{message}</h1>
      <Flash kind="error">{message}</Flash>
      <p><a href={`${page.base}/`}>{page.t('navInbox')}</a></p>
    </Layout>
  );
}
