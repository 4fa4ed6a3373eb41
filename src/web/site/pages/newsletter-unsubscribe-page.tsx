import type { NewsletterList } from '../../../newsletter/list-repository.ts';
import { Layout } from '../../components/layout.tsx';
import type { ViewContext } from '../../components/view-context.ts';

/**
 * The unsubscribe link's page, opened in a browser. Opening it changes nothing (mail
 * scanners follow links); its button posts what a mail client's one-click button posts.
 */
export function NewsletterUnsubscribePage({
  view,
  list,
  action,
  preferencesUrl,
}: {
  view: ViewContext;
  list: NewsletterList;
  /** The same signed URL, posted to. */
  action: string;
  preferencesUrl: string;
}) {
  return (
    <Layout
      view={view}
      title={`Unsubscribe from ${list.name}`}
      head={<meta name="robots" content="noindex" />}
      showNewsletter={false}
    >
      <h1>Unsubscribe from {list.name}?</h1>
      <p class="lede">
        You will stop receiving {list.name}. Your other newsletters stay as they are.
      </p>
      <form method="post" action={action}>
        <input type="hidden" name="List-Unsubscribe" value="One-Click" />
        <input type="hidden" name="from" value="page" />
        <button type="submit" class="button">
          Unsubscribe from {list.name}
        </button>
      </form>
      <p>
        Or <a href={preferencesUrl}>choose which newsletters you receive</a>.
      </p>
    </Layout>
  );
}
