import type { Person } from '../../domain/person.ts';
import { href, uploadUrl, type ViewContext } from './view-context.ts';

export function PersonCard({
  view,
  person,
  headingLevel = 3,
}: {
  view: ViewContext;
  person: Person;
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <article class="person-card">
      {person.photo && (
        <img src={uploadUrl(person.photo.path)} alt="" width={64} height={64} loading="lazy" />
      )}
      <div>
        <Heading class="person-card__name">
          <a href={href(view, `/experts/${person.slug}`)}>{person.name}</a>
        </Heading>
        {person.role && <p class="person-card__role">{person.role}</p>}
      </div>
    </article>
  );
}
