import { CURRENT_CONSENT, consentText } from '../../newsletter/consent-wording.ts';
import { href, type ViewContext } from './view-context.ts';

/**
 * "Get more news and analysis from <center>": the center's default list. The form says
 * what the reader agrees to and carries which wording that was, which form and which
 * page, for the consent ledger.
 */
export function NewsletterSignup({ view }: { view: ViewContext }) {
  const { center } = view.site;
  const list = center.defaultNewsletter;
  if (!list) return null;
  const id = `newsletter-email-${list.slug}`;
  return (
    <section class="newsletter" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Get more news and analysis from {center.name}</h2>
      {list.description && <p>{list.description}</p>}
      <form class="newsletter__form" method="post" action={href(view, '/newsletters/subscribe')}>
        <SignupHiddenFields view={view} list={list.slug} form="site-signup" />
        <label for={id}>Email address</label>
        <input id={id} type="email" name="email" autocomplete="email" required maxLength={254} />
        <button type="submit">Sign up</button>
      </form>
      <p class="newsletter__consent">
        {consentText(CURRENT_CONSENT, { list: list.name, center: center.name })}{' '}
        <a href={href(view, '/newsletters')}>All our newsletters</a>
      </p>
    </section>
  );
}

/** What a sign-up form posts besides the address, for the consent ledger. */
export function SignupHiddenFields(props: { view: ViewContext; list: string; form: string }) {
  return (
    <>
      <input type="hidden" name="list" value={props.list} />
      <input type="hidden" name="consent" value={CURRENT_CONSENT.version} />
      <input type="hidden" name="form" value={props.form} />
      <input type="hidden" name="page" value={href(props.view, props.view.path)} />
    </>
  );
}
