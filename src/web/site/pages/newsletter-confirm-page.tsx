import { CURRENT_CONSENT, consentText } from '../../../newsletter/consent-wording.ts';
import type { NewsletterList } from '../../../newsletter/list-repository.ts';
import { Layout } from '../../components/layout.tsx';
import { href, type ViewContext } from '../../components/view-context.ts';

/**
 * The confirmation link's page. Opening it changes nothing (mail scanners open links);
 * the button does, and the page repeats what the reader is agreeing to.
 */
export function NewsletterConfirmPage({
  view,
  list,
  token,
}: {
  view: ViewContext;
  list: NewsletterList;
  token: string;
}) {
  return (
    <Layout
      view={view}
      title="Confirm your subscription"
      head={<meta name="robots" content="noindex" />}
      showNewsletter={false}
    >
      <h1>Confirm your subscription</h1>
      <p class="lede">One step left to receive {list.name}.</p>
      <p>{consentText(CURRENT_CONSENT, { list: list.name, center: list.centerName })}</p>
      <form method="post" action={href(view, '/newsletters/confirm')}>
        <input type="hidden" name="t" value={token} />
        <input type="hidden" name="consent" value={CURRENT_CONSENT.version} />
        <button type="submit" class="button">
          Confirm my subscription to {list.name}
        </button>
      </form>
    </Layout>
  );
}
