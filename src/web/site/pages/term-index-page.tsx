import type { Term } from '../../../domain/term.ts';
import { Layout } from '../../components/layout.tsx';
import { href, type ViewContext } from '../../components/view-context.ts';

/** Every term of a taxonomy, as a tree for hierarchical ones (regions). */
export function TermIndexPage({
  view,
  title,
  basePath,
  terms,
}: {
  view: ViewContext;
  title: string;
  basePath: string;
  terms: Term[];
}) {
  const roots = terms.filter((t) => t.parent === null || !terms.some((o) => o.id === t.parent?.id));
  const byId = new Map(terms.map((t) => [t.id, t]));
  const renderTerm = (term: Term, depth: number): preact.JSX.Element => (
    <li key={term.id}>
      <a href={href(view, `${basePath}/${term.slug}`)}>{term.name}</a>
      {term.children.length > 0 && depth < 6 && (
        <ul>
          {term.children.flatMap((c) =>
            byId.get(c.id) ? [renderTerm(byId.get(c.id) as Term, depth + 1)] : [],
          )}
        </ul>
      )}
    </li>
  );
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <ul class="term-tree">{roots.map((t) => renderTerm(t, 0))}</ul>
    </Layout>
  );
}
