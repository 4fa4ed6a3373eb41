import type { Page } from '../../../storage/repositories/page-repository.ts';
import { Layout } from '../../components/layout.tsx';
import type { ViewContext } from '../../components/view-context.ts';

/** About, Contact, Privacy…: a center's own Markdown page. */
export function StandingPage({ view, page }: { view: ViewContext; page: Page }) {
  return (
    <Layout view={view} title={page.title} description={page.summary}>
      <h1>{page.title}</h1>
      {page.summary && <p class="lede">{page.summary}</p>}
      <div class="prose" dangerouslySetInnerHTML={{ __html: page.bodyHtml }} />
    </Layout>
  );
}
