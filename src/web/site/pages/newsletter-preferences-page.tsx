import { CURRENT_CONSENT, consentText } from '../../../newsletter/consent-wording.ts';
import { linkQuery, type PreferencesLink } from '../../../newsletter/links.ts';
import type { Preferences } from '../../../newsletter/subscriptions/preference-service.ts';
import { Layout } from '../../components/layout.tsx';
import { href, type ViewContext } from '../../components/view-context.ts';

/**
 * A subscriber's page, opened from the link in every email: every list of the network,
 * grouped by center, ticked where they receive it. Saving sets exactly the ticked ones.
 */
export function NewsletterPreferencesPage({
  view,
  preferences,
  link,
  saved,
}: {
  view: ViewContext;
  preferences: Preferences;
  /** The signed link the page was opened with: the form posts it back. */
  link: PreferencesLink;
  saved: boolean;
}) {
  const centers = new Map<string, Preferences['lists']>();
  for (const item of preferences.lists) {
    const group = centers.get(item.list.centerName) ?? [];
    group.push(item);
    centers.set(item.list.centerName, group);
  }
  return (
    <Layout
      view={view}
      title="Your newsletters"
      head={<meta name="robots" content="noindex" />}
      showNewsletter={false}
    >
      <h1>Your newsletters</h1>
      {saved && (
        <p class="lede" role="status">
          Your choices are saved.
        </p>
      )}
      <p>
        For <strong>{preferences.email}</strong>. Tick what you want to receive; untick to
        unsubscribe.
      </p>
      <form method="post" action={href(view, '/newsletters/preferences')}>
        {[...new URLSearchParams(linkQuery(link))].map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <input type="hidden" name="consent" value={CURRENT_CONSENT.version} />
        {[...centers].map(([centerName, items]) => (
          <fieldset key={centerName}>
            <legend>{centerName}</legend>
            {items.map(({ list, status }) => (
              <p key={list.slug}>
                <input
                  type="checkbox"
                  id={`list-${list.slug}`}
                  name="list"
                  value={String(list.id)}
                  checked={status === 'active'}
                />{' '}
                <label for={`list-${list.slug}`}>
                  {list.name}
                  {status === 'pending' ? ' (awaiting your confirmation)' : ''}
                </label>
              </p>
            ))}
          </fieldset>
        ))}
        <p>
          {consentText(CURRENT_CONSENT, {
            list: 'the newsletters ticked above',
            center: view.site.network.name,
          })}
        </p>
        <button type="submit" class="button">
          Save my choices
        </button>
      </form>
    </Layout>
  );
}
