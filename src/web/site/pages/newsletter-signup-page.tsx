import { CURRENT_CONSENT, consentText } from '../../../newsletter/consent-wording.ts';
import type { NewsletterList } from '../../../newsletter/list-repository.ts';
import { Layout } from '../../components/layout.tsx';
import { SignupHiddenFields } from '../../components/newsletter-signup.tsx';
import type { ViewContext } from '../../components/view-context.ts';
import { href } from '../../components/view-context.ts';

const CADENCE: Record<string, string> = {
  daily: 'Every day',
  weekly: 'Every week',
  monthly: 'Every month',
  alerts: 'When we publish a major piece',
};

/** /newsletters: every list this center offers, each with its own sign-up form. */
export function NewsletterSignupPage({
  view,
  lists,
}: {
  view: ViewContext;
  lists: NewsletterList[];
}) {
  const { center } = view.site;
  return (
    <Layout
      view={view}
      title="Newsletters"
      description={`The newsletters of ${center.name}.`}
      showNewsletter={false}
    >
      <h1>Newsletters</h1>
      <p class="lede">
        Choose what {center.name} sends you. We email you a link to confirm each one first.
      </p>
      {lists.length === 0 && <p>This site has no newsletters yet.</p>}
      {lists.map((list) => {
        const id = `newsletters-${list.slug}`;
        return (
          <section key={list.slug} class="newsletter" aria-labelledby={`${id}-heading`}>
            <h2 id={`${id}-heading`}>{list.name}</h2>
            {list.description && <p>{list.description}</p>}
            <p>
              {CADENCE[list.cadence] ?? list.cadence}
              {list.language ? `, in ${languageName(list.language)}` : ''}.
            </p>
            <form
              class="newsletter__form"
              method="post"
              action={href(view, '/newsletters/subscribe')}
            >
              <SignupHiddenFields view={view} list={list.slug} form="newsletters-page" />
              <label for={`${id}-email`}>Email address</label>
              <input
                id={`${id}-email`}
                type="email"
                name="email"
                autocomplete="email"
                required
                maxLength={254}
              />
              <button type="submit">Sign up for {list.name}</button>
            </form>
            <p class="newsletter__consent">
              {consentText(CURRENT_CONSENT, { list: list.name, center: center.name })}
            </p>
          </section>
        );
      })}
    </Layout>
  );
}

function languageName(code: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}
