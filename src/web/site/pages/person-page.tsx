import { PersonHead } from '../../../metadata/person-head.tsx';
import type { PersonView } from '../../../services/reading.ts';
import { PAGE_SIZE } from '../../../services/reading.ts';
import { feedLinks } from '../../components/feed-links.ts';
import { Layout } from '../../components/layout.tsx';
import { Pagination } from '../../components/pagination.tsx';
import { CardList } from '../../components/publication-card.tsx';
import { href, uploadUrl, type ViewContext } from '../../components/view-context.ts';
import { sitePaths } from '../site-paths.ts';

export function PersonPage({
  view,
  data,
  page,
}: {
  view: ViewContext;
  data: PersonView;
  page: number;
}) {
  const { person, work } = data;
  return (
    <Layout
      view={view}
      title={person.name}
      description={person.role || person.bio.slice(0, 160)}
      feeds={feedLinks(view, sitePaths.person(person.slug), person.name)}
      head={<PersonHead view={view} person={person} />}
    >
      <header class="person-header">
        {person.photo && (
          <img
            class="person-header__photo"
            src={uploadUrl(person.photo.path)}
            alt={person.photo.alt || person.name}
            width={160}
            height={160}
          />
        )}
        <div>
          <h1>{person.name}</h1>
          {person.role && <p class="person-header__role">{person.role}</p>}
          {person.isExternal && person.affiliation && <p>{person.affiliation}</p>}
          {person.program && (
            <p>
              Program:{' '}
              <a href={href(view, `/programs/${person.program.slug}`)}>{person.program.name}</a>
            </p>
          )}
          {person.orcid && (
            <p>
              ORCID iD: <a href={`https://orcid.org/${person.orcid}`}>{person.orcid}</a>
            </p>
          )}
        </div>
      </header>
      {person.bio && (
        <section class="prose" aria-label="Biography">
          {person.bio.split(/\n\s*\n/).map((paragraph) => (
            <p key={paragraph}>{paragraph}</p>
          ))}
        </section>
      )}
      {person.expertise.length > 0 && (
        <section aria-labelledby="expertise">
          <h2 id="expertise">Expertise</h2>
          <ul class="tag-list">
            {person.expertise.map((term) => (
              <li key={term.id}>
                <a
                  href={href(
                    view,
                    `/${term.taxonomy === 'region' ? 'regions' : `${term.taxonomy}s`}/${term.slug}`,
                  )}
                >
                  {term.name}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
      {person.links.length > 0 && (
        <ul class="link-list" aria-label="Links">
          {person.links.map((link) => (
            <li key={link.url}>
              <a href={link.url} rel="noopener me">
                {link.label}
              </a>
            </li>
          ))}
        </ul>
      )}
      <section aria-labelledby="work">
        <h2 id="work">Work by {person.name}</h2>
        {work.items.length > 0 ? (
          <CardList view={view} items={work.items} withSummary />
        ) : (
          <p>No published work yet.</p>
        )}
        <Pagination view={view} page={page} total={work.total} pageSize={PAGE_SIZE} />
      </section>
    </Layout>
  );
}
