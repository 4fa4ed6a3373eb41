import type { Kysely } from 'kysely';
import type { Tables } from '../storage/tables.ts';
import { renderedHtmlText } from './index-source.ts';
import type { SearchHit } from './search-index.ts';
import { highlightAll, snippet, wordMatcher } from './snippets.ts';

/**
 * The rows behind one page of hits (20 at most), read fresh from the database with two
 * queries, and their highlighted title and snippet. Keeping titles and bodies out of
 * memory is what keeps the index small; reading 20 rows by key costs well under a
 * millisecond.
 */
export async function fetchHits(
  db: Kysely<Tables>,
  ranked: { id: number; score: number }[],
  targets: { terms: Set<string>; prefixes: string[] },
): Promise<SearchHit[]> {
  if (ranked.length === 0) return [];
  const searching = targets.terms.size > 0 || targets.prefixes.length > 0;
  const ids = ranked.map((hit) => hit.id);
  const [rows, authors] = await Promise.all([
    db
      .selectFrom('publications')
      .innerJoin('publication_types', 'publication_types.id', 'publications.type_id')
      .innerJoin('centers', 'centers.id', 'publications.primary_center_id')
      .select([
        'publications.id',
        'publications.slug',
        'publications.title',
        'publications.summary',
        'publications.published_at',
        'publications.visible_from',
        'publication_types.slug as type_slug',
        'publication_types.name as type_name',
        'centers.slug as center_slug',
        'centers.name as center_name',
      ])
      .where('publications.id', 'in', ids)
      .execute(),
    db
      .selectFrom('publication_authors')
      .innerJoin('people', 'people.id', 'publication_authors.person_id')
      .select(['publication_authors.publication_id', 'people.slug', 'people.name'])
      .where('publication_authors.publication_id', 'in', ids)
      .orderBy('publication_authors.publication_id')
      .orderBy('publication_authors.position')
      .execute(),
  ]);
  const byId = new Map(rows.map((row) => [row.id, row]));
  const authorsOf = new Map<number, { slug: string; name: string }[]>();
  for (const author of authors) {
    const list = authorsOf.get(author.publication_id) ?? [];
    list.push({ slug: author.slug, name: author.name });
    authorsOf.set(author.publication_id, list);
  }
  const matches = wordMatcher(targets);
  const summaries = new Map(rows.map((row) => [row.id, snippet(row.summary, matches)]));
  // Bodies (most of a row) are read only for hits whose summary lacks the words.
  const needBody = searching
    ? rows.filter((row) => !summaries.get(row.id)?.includes('<mark>')).map((row) => row.id)
    : [];
  const bodies = new Map(
    needBody.length === 0
      ? []
      : (
          await db
            .selectFrom('publications')
            .select(['id', 'body_html'])
            .where('id', 'in', needBody)
            .execute()
        ).map((row) => [row.id, row.body_html]),
  );
  const out: SearchHit[] = [];
  for (const { id, score } of ranked) {
    const row = byId.get(id);
    // Deleted between the match and this read: the page is one hit shorter.
    if (!row) continue;
    const fromSummary = summaries.get(id) ?? '';
    const body = bodies.get(id);
    const text = body === undefined ? fromSummary : snippet(renderedHtmlText(body), matches);
    out.push({
      id,
      slug: row.slug,
      title: row.title,
      titleHtml: highlightAll(row.title, matches),
      // A body without the words either (they were in the title or byline): the summary.
      snippetHtml: text.includes('<mark>') ? text : fromSummary,
      publishedAt: row.published_at ?? (row.visible_from as string),
      type: { slug: row.type_slug, name: row.type_name },
      authors: authorsOf.get(id) ?? [],
      primaryCenter: { slug: row.center_slug, name: row.center_name },
      score: Math.round(score * 1000) / 1000,
    });
  }
  return out;
}
