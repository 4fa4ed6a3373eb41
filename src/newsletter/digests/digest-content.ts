import type { Kysely } from 'kysely';
import type { Center, Network } from '../../domain/center.ts';
import { renderMarkdown } from '../../lib/markdown.ts';
import { centerPageUrl } from '../../metadata/site-links.ts';
import { createCenterRepository } from '../../storage/repositories/center-repository.ts';
import { createPublicationRepository } from '../../storage/repositories/publication-repository.ts';
import type { Tables } from '../../storage/tables.ts';
import { uploadUrl } from '../../web/components/view-context.ts';
import { sitePaths } from '../../web/site/site-paths.ts';
import { findLivePieces } from './digest-pieces.ts';
import type { Issue } from './issue-repository.ts';
import { type DigestList, findList } from './list-lookup.ts';

/** One piece as a digest shows it. */
export interface DigestItem {
  id: number;
  slug: string;
  typeName: string;
  title: string;
  authors: string[];
  /** The one-paragraph summary under the title. */
  dek: string;
  /** The piece on the list's center's site. */
  url: string;
  image: { url: string; alt: string; credit: string } | null;
}

/** Everything a digest's templates render, with absolute links, all of it public. */
export interface DigestModel {
  issue: Issue;
  list: DigestList;
  center: Center;
  network: Network | undefined;
  /** The center's home page. */
  homeUrl: string;
  logoUrl: string | null;
  introHtml: string;
  introMarkdown: string;
  items: DigestItem[];
  /** Items of the issue that are no longer live (unpublished, embargoed again): left out. */
  droppedIds: number[];
}

/**
 * Reads an issue's content as of `now`. Each item is read again through the public
 * publication repository, so a piece unpublished after the draft was made is left out
 * of the preview and of every message.
 */
export async function loadDigest(
  db: Kysely<Tables>,
  issue: Issue,
  options: { now: Date; origin: string },
): Promise<DigestModel> {
  const list = await findList(db, { id: issue.listId });
  const centers = await createCenterRepository(db).listAll();
  const center = centers.find((c) => c.id === list?.centerId);
  if (!list || !center) throw new Error(`Issue ${issue.id} names a list or center that is gone.`);
  const network = await createCenterRepository(db).findNetwork();
  const origin = options.origin.replace(/\/+$/, '');
  // Files are served at the root of the center's own origin (its host, else the public URL).
  const fileOrigin = center.host ? `${new URL(origin).protocol}//${center.host}` : origin;
  const fileUrl = (path: string) =>
    /^https?:\/\//i.test(path) ? path : `${fileOrigin}${uploadUrl(path)}`;

  const live = await findLivePieces(db, issue.publicationIds, options.now);
  const publications = createPublicationRepository(db);
  const items: DigestItem[] = [];
  for (const id of issue.publicationIds) {
    const slug = live.get(id);
    const piece = slug === undefined ? undefined : await publications.findBySlug(slug, options);
    if (!piece) continue;
    items.push({
      id: piece.id,
      slug: piece.slug,
      typeName: piece.type.name,
      title: piece.title,
      authors: piece.authors.map((a) => a.name),
      dek: piece.summary,
      url: centerPageUrl(origin, center, sitePaths.publication(piece.slug)),
      image: piece.leadImage
        ? {
            url: fileUrl(piece.leadImage.path),
            alt: piece.leadImage.alt,
            credit: piece.leadImage.credit,
          }
        : null,
    });
  }
  return {
    issue,
    list,
    center,
    network,
    homeUrl: centerPageUrl(origin, center, '/'),
    logoUrl: center.logoPath ? fileUrl(center.logoPath) : null,
    introHtml: issue.introMarkdown.trim() === '' ? '' : renderMarkdown(issue.introMarkdown),
    introMarkdown: issue.introMarkdown,
    items,
    droppedIds: issue.publicationIds.filter((id) => !items.some((item) => item.id === id)),
  };
}
