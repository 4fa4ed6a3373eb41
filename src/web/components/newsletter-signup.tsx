import { href, type ViewContext } from './view-context.ts';

/** "Get more news and analysis from <center>": the center's default list. */
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
        <input type="hidden" name="list" value={list.slug} />
        <label for={id}>Email address</label>
        <input id={id} type="email" name="email" autocomplete="email" required maxLength={254} />
        <button type="submit">Sign up</button>
      </form>
    </section>
  );
}
