/*
 * Pieces that are not public: two drafts (one with a past publication date, so a filter
 * on dates alone would wrongly show it), one in review and one scheduled under embargo
 * until 2031. All are by the flagship author, so author pages and "Recent Work" are
 * where a leak would show first.
 */
import { DEMO_CENTERS, FLAGSHIP_AUTHOR_SLUG, UNPUBLISHED_SLUGS } from './flagship.ts';
import type { PublicationInput } from './record-types.ts';

const BODY = `This text is not public. If you can read it on the site, in search, a feed, a sitemap or an API, unpublished content is leaking.

## Main Argument

Unpublished pieces must stay invisible until an editor publishes them or their embargo ends.[^1]

## Policy Implications

- Keep drafts out of every public list and count.

[^1]: Dossier design, section 2: nothing unpublished may ever leak.
`;

type PieceFields = Pick<PublicationInput, 'slug' | 'type' | 'title' | 'summary' | 'status'> &
  Partial<PublicationInput>;

/** Fresh arrays per piece, so no two records share (and could mutate) one list. */
function piece(fields: PieceFields): PublicationInput {
  return {
    kind: 'publication',
    body: BODY,
    authors: [FLAGSHIP_AUTHOR_SLUG],
    primaryCenter: DEMO_CENTERS.headquarters.slug,
    centers: [DEMO_CENTERS.regional.slug],
    programs: ['energy-climate'],
    regions: ['southeast-asia'],
    topics: ['energy-transition'],
    newsletters: ['hq-english-weekly'],
    ...fields,
  };
}

export function unpublishedPieces(): PublicationInput[] {
  return [
    piece({
      slug: UNPUBLISHED_SLUGS.draft,
      type: 'commentary',
      title: 'Unreleased Draft: Notes on Grid Tariffs',
      summary: 'An unfinished draft that must never appear publicly.',
      status: 'draft',
    }),
    piece({
      slug: UNPUBLISHED_SLUGS.draftWithPastDate,
      type: 'paper',
      title: 'Unreleased Draft: Coastal Insurance Memo',
      summary:
        'A draft carrying a past publication date; its status, not its date, keeps it hidden.',
      status: 'draft',
      publishedAt: '2025-03-03T10:00:00.000Z',
      topics: ['climate-adaptation'],
    }),
    piece({
      slug: UNPUBLISHED_SLUGS.review,
      type: 'article',
      title: 'Unreleased Review: Sanctions Enforcement Brief',
      summary: 'A piece awaiting editorial review.',
      status: 'review',
      authors: [FLAGSHIP_AUTHOR_SLUG, 'rohan-mehra'],
      programs: ['energy-climate', 'trade-economics'],
      topics: ['sanctions'],
    }),
    piece({
      slug: UNPUBLISHED_SLUGS.scheduled,
      type: 'report',
      title: 'Embargoed: Energy Security Outlook 2031',
      summary: 'A report scheduled for release in 2031 and under embargo until then.',
      status: 'scheduled',
      publishedAt: '2031-03-04T14:00:00.000Z',
      embargoUntil: '2031-03-04T14:00:00.000Z',
      featuredIn: [DEMO_CENTERS.headquarters.slug],
    }),
  ];
}
