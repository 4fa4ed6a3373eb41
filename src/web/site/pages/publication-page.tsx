import type { Center } from '../../../domain/center.ts';
import type { Person } from '../../../domain/person.ts';
import type { MediaRef, TermRef } from '../../../domain/publication.ts';
import { formatDate, isoDate } from '../../../lib/dates.ts';
import { PublicationHead } from '../../../metadata/publication-head.tsx';
import { centerPageUrl } from '../../../metadata/site-links.ts';
import { toSearchRecord } from '../../../search/search-record.ts';
import type { PublicationView } from '../../../services/reading.ts';
import { AuthorList } from '../../components/author-list.tsx';
import { CiteThis } from '../../components/cite-this.tsx';
import { JsonScript } from '../../components/json-script.tsx';
import { Layout } from '../../components/layout.tsx';
import { attr, markup, text } from '../../components/markup.ts';
import { NewsletterSignup } from '../../components/newsletter-signup.tsx';
import { CardList } from '../../components/publication-card.tsx';
import { ShareLink } from '../../components/share-link.tsx';
import { absoluteUrl, href, uploadUrl, type ViewContext } from '../../components/view-context.ts';

/** A publication shown on one center's site: that center's branding, disclaimer and lists. */
/**
 * The publication page. As a press preview (`preview`), the same page marked as embargoed
 * and kept out of indexes and hosted search: no search record, noindex.
 */
export function PublicationPage({
  view,
  data,
  preview,
}: {
  view: ViewContext;
  data: PublicationView;
  preview?: { expiresAt: string };
}) {
  const { publication: p, profiles, recentWork, moreFromCenter } = data;
  const { center, centers } = view.site;
  const when = (iso: string) => formatDate(iso, center.locale, center.timeZone);
  const pageUrl = absoluteUrl(view, `/research/${p.slug}`);
  const languages = newsletterLanguages(centers);
  const tags: TermRef[] = [...p.terms.topic, ...p.terms.region];

  return (
    <Layout
      view={view}
      title={p.title}
      description={p.summary}
      canonical={
        p.canonicalUrl ?? canonicalOnPrimarySite(view, p.primaryCenter.id, `/research/${p.slug}`)
      }
      showNewsletter={false}
      head={
        preview ? (
          <meta name="robots" content="noindex, nofollow, noarchive" />
        ) : (
          <>
            <JsonScript id="search-record" data={toSearchRecord(p, languages)} />
            <PublicationHead view={view} publication={p} pageUrl={pageUrl} />
          </>
        )
      }
    >
      {preview && (
        <div class="preview-banner" role="note">
          <strong>Press preview: embargoed.</strong>{' '}
          {p.publishedAt
            ? `Not for publication or distribution before ${when(
                p.embargoUntil && p.embargoUntil > p.publishedAt ? p.embargoUntil : p.publishedAt,
              )}.`
            : 'Not for publication or distribution.'}{' '}
          This link stops working on {when(preview.expiresAt)}.
        </div>
      )}
      <article
        class="publication"
        lang={p.language === center.locale.slice(0, 2) ? undefined : p.language}
      >
        <header class="publication__header">
          <p class="publication__type">
            <a href={href(view, `/types/${p.type.slug}`)}>{p.type.name}</a>
          </p>
          <h1>{p.title}</h1>
          {p.summary && <p class="publication__dek">{p.summary}</p>}
          <div class="publication__byline">
            {p.authors.length > 0 && (
              <div class="byline">
                By <AuthorList view={view} authors={p.authors} withOrcid />
              </div>
            )}
            {p.publishedAt && (
              <p class="dateline">
                Published on <time dateTime={isoDate(p.publishedAt)}>{when(p.publishedAt)}</time>
                {p.revisedAt && (
                  <>
                    {' · '}Updated <time dateTime={isoDate(p.revisedAt)}>{when(p.revisedAt)}</time>
                  </>
                )}
              </p>
            )}
            <ShareLink url={pageUrl} />
          </div>
          {p.partner && (
            <div class="source">
              <p>
                Source:{' '}
                {p.partner.url ? <a href={p.partner.url}>{p.partner.name}</a> : p.partner.name}
              </p>
              {p.externalUrl && (
                <p>
                  <a class="button" href={p.externalUrl} rel="noopener">
                    Read Full Text<span class="visually-hidden"> at {p.partner.name}</span>
                  </a>
                </p>
              )}
            </div>
          )}
        </header>

        {p.leadImage && (
          <figure class="lead-image">
            <LeadPicture image={p.leadImage} />
            {p.leadImage.credit && <figcaption>Source: {p.leadImage.credit}</figcaption>}
          </figure>
        )}

        <div class="publication__body prose" dangerouslySetInnerHTML={{ __html: p.bodyHtml }} />

        {p.partner && (
          <p class="republished">
            This piece was originally published by{' '}
            {p.canonicalUrl || p.partner.url ? (
              <a href={p.canonicalUrl ?? p.partner.url ?? ''}>{p.partner.name}</a>
            ) : (
              p.partner.name
            )}
            .
          </p>
        )}
        {p.pdfPath && (
          <p>
            <a href={/^https?:/.test(p.pdfPath) ? p.pdfPath : uploadUrl(p.pdfPath)}>
              Download the PDF
            </a>
          </p>
        )}
        {p.doi && (
          <p class="doi">
            DOI: <a href={`https://doi.org/${p.doi}`}>{p.doi}</a>
          </p>
        )}
        <CiteThis view={view} publication={p} />
      </article>

      {profiles.length > 0 && <AboutTheAuthors view={view} profiles={profiles} />}

      {recentWork && (
        <section class="related" aria-labelledby="recent-work">
          <h2 id="recent-work">Recent Work by {recentWork.author.name}</h2>
          <CardList view={view} items={recentWork.items} />
        </section>
      )}

      {tags.length > 0 && (
        <nav class="tags" aria-label="Topics and regions">
          <ul>
            {tags.map((t) => (
              <li key={t.id}>
                <a href={href(view, `/${t.taxonomy === 'topic' ? 'topics' : 'regions'}/${t.slug}`)}>
                  {t.name}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}

      {center.disclaimer && <p class="disclaimer">{center.disclaimer}</p>}

      {moreFromCenter.length > 0 && (
        <section class="related" aria-labelledby="more-from-center">
          <h2 id="more-from-center">More Work from {center.name}</h2>
          <CardList view={view} items={moreFromCenter} withSummary />
        </section>
      )}

      <NewsletterSignup view={view} />
    </Layout>
  );
}

function AboutTheAuthors({ view, profiles }: { view: ViewContext; profiles: Person[] }) {
  // One string for all the profiles (components/markup.ts): a 24-author paper has 24.
  let html = '';
  for (const person of profiles) {
    const photo = person.photo
      ? `<img class="author-profile__photo"${attr('src', uploadUrl(person.photo.path))} alt width="96" height="96" loading="lazy"/>`
      : '';
    html +=
      `<div class="author-profile">${photo}<div>` +
      `<h3><a${attr('href', href(view, `/experts/${person.slug}`))}>${text(person.name)}</a></h3>` +
      (person.role ? `<p class="author-profile__role">${text(person.role)}</p>` : '') +
      (person.bio ? `<p>${text(firstParagraph(person.bio))}</p>` : '') +
      '</div></div>';
  }
  return (
    <section class="about-authors" aria-labelledby="about-authors">
      <h2 id="about-authors">{profiles.length === 1 ? 'About the Author' : 'About the Authors'}</h2>
      {markup(html)}
    </section>
  );
}

/** Each newsletter list's language, by slug: worked out once per site directory. */
function newsletterLanguages(centers: ReadonlyMap<number, Center>): Map<string, string> {
  let languages = languagesOf.get(centers);
  if (!languages) {
    languages = new Map(
      [...centers.values()].flatMap((c) => c.newsletters.map((l) => [l.slug, l.language] as const)),
    );
    languagesOf.set(centers, languages);
  }
  return languages;
}

const languagesOf = new WeakMap<ReadonlyMap<number, Center>, Map<string, string>>();

function firstParagraph(text: string): string {
  return text.split(/\n\s*\n/)[0] ?? text;
}

/**
 * A piece shown on an affiliated center's site names its primary center's copy as
 * canonical, so search engines index it once (the sitemaps list it there alone).
 */
function canonicalOnPrimarySite(view: ViewContext, primaryCenterId: number, path: string) {
  const primary = view.site.centers.get(primaryCenterId);
  if (!primary || primary.id === view.site.center.id) return absoluteUrl(view, path);
  return centerPageUrl(view.origin, primary, path);
}

/** The lead image, with its resized copies offered by format and width when it has them. */
function LeadPicture({ image }: { image: MediaRef }) {
  const img = (srcSet?: string) => (
    <img
      src={uploadUrl(image.path)}
      srcset={srcSet}
      sizes={srcSet ? '(min-width: 48rem) 48rem, 100vw' : undefined}
      alt={image.alt}
      width={image.width ?? 1200}
      height={image.height ?? 675}
      fetchpriority="high"
    />
  );
  const variants = image.variants ?? [];
  if (variants.length === 0) return img();
  const set = (format: string) =>
    variants
      .filter((v) => v.format === format)
      .map((v) => `${uploadUrl(v.path)} ${v.width}w`)
      .join(', ');
  return (
    <picture>
      <source type="image/avif" srcset={set('avif')} sizes="(min-width: 48rem) 48rem, 100vw" />
      <source type="image/webp" srcset={set('webp')} sizes="(min-width: 48rem) 48rem, 100vw" />
      {img(set('jpeg'))}
    </picture>
  );
}
