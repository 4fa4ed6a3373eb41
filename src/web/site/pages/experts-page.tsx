import type { Person } from '../../../domain/person.ts';
import type { Term } from '../../../domain/term.ts';
import { PAGE_SIZE } from '../../../services/reading.ts';
import { Layout } from '../../components/layout.tsx';
import { Pagination } from '../../components/pagination.tsx';
import { PersonCard } from '../../components/person-card.tsx';
import { href, type ViewContext } from '../../components/view-context.ts';

export interface ExpertsFilterState {
  program?: string;
  region?: string;
  topic?: string;
}

/** The experts directory: a GET form (works without JavaScript) and the matching people. */
export function ExpertsPage(props: {
  view: ViewContext;
  experts: { items: Person[]; total: number };
  page: number;
  filter: ExpertsFilterState;
  options: { programs: Term[]; regions: Term[]; topics: Term[] };
}) {
  const { view, experts, page, filter, options } = props;
  const select = (name: keyof ExpertsFilterState, label: string, terms: Term[]) => (
    <div class="filter">
      <label for={`filter-${name}`}>{label}</label>
      <select id={`filter-${name}`} name={name}>
        <option value="">Any</option>
        {terms.map((t) => (
          <option key={t.id} value={t.slug} selected={filter[name] === t.slug}>
            {t.parent ? `${t.name} (${t.parent.name})` : t.name}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <Layout view={view} title="Experts">
      <h1>Experts</h1>
      <form class="filters" method="get" action={href(view, '/experts')}>
        {select('program', 'Program', options.programs)}
        {select('region', 'Region', options.regions)}
        {select('topic', 'Topic', options.topics)}
        <button type="submit">Filter</button>
      </form>
      <p class="count" role="status">
        {experts.total} {experts.total === 1 ? 'expert' : 'experts'}
      </p>
      <ul class="person-grid">
        {experts.items.map((person) => (
          <li key={person.id}>
            <PersonCard view={view} person={person} headingLevel={2} />
          </li>
        ))}
      </ul>
      <Pagination
        view={view}
        page={page}
        total={experts.total}
        pageSize={PAGE_SIZE}
        query={{ ...filter }}
      />
    </Layout>
  );
}
