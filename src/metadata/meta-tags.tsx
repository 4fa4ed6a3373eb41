/**
 * A <meta> element as data. OpenGraph names go in `property` (its RDFa origin); Twitter
 * cards and Highwire (Scholar) tags go in `name`.
 */
export type MetaTag = { name: string; content: string } | { property: string; content: string };

/** Renders tags in order (Scholar reads `citation_author` order as author order). */
export function MetaTags({ tags }: { tags: MetaTag[] }) {
  return (
    <>
      {tags.map((tag) =>
        'property' in tag ? (
          <meta property={tag.property} content={tag.content} />
        ) : (
          <meta name={tag.name} content={tag.content} />
        ),
      )}
    </>
  );
}
