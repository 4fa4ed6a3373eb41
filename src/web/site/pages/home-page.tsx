import { CenterHead } from '../../../metadata/center-head.tsx';
import type { HomeView } from '../../../services/reading.ts';
import { feedLinks } from '../../components/feed-links.ts';
import { Layout } from '../../components/layout.tsx';
import { PersonCard } from '../../components/person-card.tsx';
import { CardList } from '../../components/publication-card.tsx';
import { href, type ViewContext } from '../../components/view-context.ts';
import { sitePaths } from '../site-paths.ts';

export function HomePage({ view, data }: { view: ViewContext; data: HomeView }) {
  const { center } = view.site;
  return (
    <Layout
      view={view}
      title={center.name}
      description={center.tagline}
      feeds={feedLinks(view, sitePaths.home, center.name)}
      head={<CenterHead view={view} />}
    >
      <div class="intro">
        <h1>{center.name}</h1>
        {center.tagline && <p class="intro__tagline">{center.tagline}</p>}
      </div>
      {data.featured.length > 0 && (
        <section aria-labelledby="featured">
          <h2 id="featured">Featured</h2>
          <CardList view={view} items={data.featured} withSummary />
        </section>
      )}
      <section aria-labelledby="latest">
        <h2 id="latest">Latest Work</h2>
        {data.latest.length > 0 ? (
          <CardList view={view} items={data.latest} withSummary />
        ) : (
          <p>Nothing published yet.</p>
        )}
        <p>
          <a href={href(view, '/research')}>All research</a>
        </p>
      </section>
      {data.experts.length > 0 && (
        <section aria-labelledby="experts">
          <h2 id="experts">Our Experts</h2>
          <ul class="person-grid">
            {data.experts.map((person) => (
              <li key={person.id}>
                <PersonCard view={view} person={person} />
              </li>
            ))}
          </ul>
          <p>
            <a href={href(view, '/experts')}>All experts</a>
          </p>
        </section>
      )}
    </Layout>
  );
}
