import type { Person } from '../../domain/person.ts';
import { href, uploadUrl, type ViewContext } from './view-context.ts';

export function PersonCard({ view, person }: { view: ViewContext; person: Person }) {
  return (
    <article class="person-card">
      {person.photo && <img src={uploadUrl(person.photo.path)} alt="" width={64} height={64} loading="lazy" />}
      <div>
        <h3 class="person-card__name">
          <a href={href(view, `/experts/${person.slug}`)}>{person.name}</a>
        </h3>
        {person.role && <p class="person-card__role">{person.role}</p>}
      </div>
    </article>
  );
}
