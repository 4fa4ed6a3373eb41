import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../helpers/dialects.ts';
import { baseWorld, makePerson, makePublication } from '../helpers/factories.ts';
import { metaTags, metaValues } from '../helpers/head-metadata.ts';
import { openTestSite, type TestSite } from '../helpers/site.ts';

const ORIGIN = 'http://dossier.test';
const HOSTILE_NAME = 'Zoë "<script>alert(1)</script>" O\'Brien & Sons';
const coauthors = Array.from({ length: 18 }, (_, i) =>
  makePerson({ slug: `scholar-coauthor-${i + 1}`, name: `Coauthor Number${i + 1}` }),
);

for (const dialect of testDialects()) {
  describe(`Google Scholar tags (${dialect.name})`, () => {
    let site: TestSite;
    beforeAll(async () => {
      site = await openTestSite(dialect);
      await site.seed([
        ...baseWorld(),
        ...coauthors,
        makePerson({ slug: 'hostile-name', name: HOSTILE_NAME }),
        makePublication({
          slug: 'scholar-report',
          type: 'report',
          title: 'Grids Across Borders',
          authors: ['bruno-bell', 'alice-archer', 'chen-cho'],
          doi: '10.5555/scholar-report',
          series: 'Working Papers',
          reportNumber: 'WP 24-3',
          language: 'fr',
          pdf: 'https://files.example/grids.pdf',
          topics: ['energy', 'trade'],
          regions: ['france'],
          publishedAt: '2024-03-01T23:30:00Z',
        }),
        makePublication({ slug: 'scholar-paper', type: 'paper', authors: ['alice-archer'] }),
        makePublication({
          slug: 'scholar-many',
          type: 'paper',
          authors: ['alice-archer', ...coauthors.map((p) => p.slug)],
        }),
        makePublication({
          slug: 'scholar-hostile',
          title: 'Tariffs </script><b>&amp; "quotes"',
          authors: ['hostile-name', 'alice-archer'],
        }),
      ]);
    });
    afterAll(() => site.close());

    const page = async (url: string) => {
      const res = await site.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      return res.body;
    };
    const citationTags = (html: string) =>
      metaTags(html).filter(([k]) => k.startsWith('citation_'));

    it('carries every tag Scholar reads for a report, authors in byline order', async () => {
      expect(citationTags(await page('/research/scholar-report'))).toEqual([
        ['citation_title', 'Grids Across Borders'],
        ['citation_author', 'Bruno Bell'],
        ['citation_author', 'Alice Archer'],
        ['citation_author_orcid', 'https://orcid.org/0000-0002-1825-0097'],
        ['citation_author', 'Chen Cho'],
        ['citation_publication_date', '2024/03/01'],
        ['citation_pdf_url', 'https://files.example/grids.pdf'],
        ['citation_technical_report_institution', 'Headquarters Center'],
        ['citation_technical_report_number', 'WP 24-3'],
        ['citation_doi', '10.5555/scholar-report'],
        ['citation_language', 'fr'],
        ['citation_abstract_html_url', `${ORIGIN}/research/scholar-report`],
        ['citation_keywords', 'Energy'],
        ['citation_keywords', 'Trade'],
        ['citation_keywords', 'France'],
      ]);
    });

    it('dates the piece as its dateline does, in the showing center’s time zone', async () => {
      // 23:30 UTC is already the next day in Berlin, where the Europe center's site lives.
      const body = await page('/europe/research/scholar-report');
      expect(metaValues(body, 'citation_publication_date')).toEqual(['2024/03/02']);
      expect(body).toContain('2 Mar 2024');
      expect(metaValues(body, 'citation_abstract_html_url')).toEqual([
        `${ORIGIN}/europe/research/scholar-report`,
      ]);
    });

    it('leaves the technical-report tags off a piece that is not a report', async () => {
      const keys = citationTags(await page('/research/scholar-paper')).map(([k]) => k);
      expect(keys).toContain('citation_publication_date');
      expect(keys.filter((k) => k.startsWith('citation_technical_report'))).toEqual([]);
      expect(keys).not.toContain('citation_doi');
      expect(keys).not.toContain('citation_pdf_url');
    });

    it('lists all nineteen authors of a long byline, in order', async () => {
      const authors = metaValues(await page('/research/scholar-many'), 'citation_author');
      expect(authors).toEqual(['Alice Archer', ...coauthors.map((p) => p.name)]);
    });

    it('escapes markup in titles and names, and reads back the exact text', async () => {
      const body = await page('/research/scholar-hostile');
      expect(body).not.toContain('<script>alert(1)');
      expect(metaValues(body, 'citation_title')).toEqual(['Tariffs </script><b>&amp; "quotes"']);
      expect(metaValues(body, 'citation_author')).toEqual([HOSTILE_NAME, 'Alice Archer']);
    });
  });
}
