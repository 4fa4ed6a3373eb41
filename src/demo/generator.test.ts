import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ImportRecordInput } from '../import/records.ts';
import { importRecord } from '../import/records.ts';
import {
  DEMO_CENTERS,
  FLAGSHIP_AUTHOR_SLUG,
  FLAGSHIP_SLUG,
  MANY_AUTHORS_SLUG,
  UNPUBLISHED_SLUGS,
} from './flagship.ts';
import { COMMITTED_DEMO_OPTIONS, generateDemoRecords } from './generator.ts';
import { demoMediaFiles } from './media-files.ts';
import type { CenterInput, PersonInput, PublicationInput, TermInput } from './record-types.ts';

const demoDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'demo');
const NOW = Date.parse('2026-11-01T00:00:00Z');

const collect = (publications: number, seed: number): ImportRecordInput[] => [
  ...generateDemoRecords({ publications, seed }),
];
const ofKind = <K extends ImportRecordInput['kind']>(
  records: readonly ImportRecordInput[],
  kind: K,
) => records.filter((r): r is Extract<ImportRecordInput, { kind: K }> => r.kind === kind);

/** ISO 7064 mod 11-2, written independently of src/demo/orcid.ts. */
function isValidOrcid(orcid: string): boolean {
  const digits = orcid.replace(/-/g, '');
  let total = 0;
  for (const ch of digits.slice(0, 15)) total = (total + Number.parseInt(ch, 10)) * 2;
  const check = (12 - (total % 11)) % 11;
  return digits.charAt(15) === (check === 10 ? 'X' : String(check));
}

function contrastWithWhite(hex: string): number {
  const channel = (i: number) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  return 1.05 / (luminance + 0.05);
}

/** A small well-formedness check: balanced tags, quoted attributes, escaped text. */
function wellFormedXmlProblem(xml: string): string | undefined {
  const stack: string[] = [];
  for (const token of xml.match(/<[^>]*>|[^<]+/g) ?? []) {
    if (!token.startsWith('<')) {
      if (/&(?!(amp|lt|gt|quot|apos|#\d+);)/.test(token)) return `unescaped & in ${token}`;
      continue;
    }
    const name = /^<\/?([A-Za-z][\w:-]*)/.exec(token)?.[1];
    if (!name) return `bad tag ${token}`;
    const attributes = token.replace(/^<\/?[\w:-]+/, '').replace(/\/?>$/, '');
    if (!/^(\s+[\w:-]+="[^"<]*")*\s*$/.test(attributes)) return `bad attributes in ${token}`;
    if (token.startsWith('</')) {
      if (stack.pop() !== name) return `unbalanced </${name}>`;
    } else if (!token.endsWith('/>')) stack.push(name);
  }
  return stack.length === 0 ? undefined : `unclosed <${stack.join('>, <')}>`;
}

/** Every slug a record points at, keyed by the namespace it must be defined in. */
function references(record: ImportRecordInput): [namespace: string, slug: string][] {
  switch (record.kind) {
    case 'newsletter':
    case 'page':
      return [['center', record.center]];
    case 'term':
      return record.parent ? [[`term:${record.taxonomy}`, record.parent]] : [];
    case 'person':
      return [
        ...(record.program ? [['term:program', record.program] as [string, string]] : []),
        ...(record.center ? [['center', record.center] as [string, string]] : []),
        ...(record.expertise ?? []).map(
          (ref) => [`term:${ref.split(':')[0]}`, ref.split(':')[1] ?? ''] as [string, string],
        ),
      ];
    case 'publication':
      return publicationReferences(record);
    default:
      return [];
  }
}

function publicationReferences(p: PublicationInput): [string, string][] {
  const refs: [string, string][] = [
    ['type', p.type],
    ['center', p.primaryCenter],
  ];
  const lists: [string, string[] | undefined][] = [
    ['center', p.centers],
    ['center', p.featuredIn],
    ['person', p.authors],
    ['newsletter', p.newsletters],
    ['term:program', p.programs],
    ['term:project', p.projects],
    ['term:region', p.regions],
    ['term:topic', p.topics],
    ['term:collection', p.collections],
  ];
  for (const [namespace, slugs] of lists)
    for (const slug of slugs ?? []) refs.push([namespace, slug]);
  if (p.partner) refs.push(['partner', p.partner]);
  if (p.translationOf) refs.push(['publication', p.translationOf]);
  return refs;
}

function definitionKey(record: ImportRecordInput): string {
  if (record.kind === 'term') return `term:${record.taxonomy}:${record.slug}`;
  if (record.kind === 'page') return `page:${record.center}:${record.slug}`;
  return `${record.kind}:${'slug' in record ? record.slug : 'src' in record ? record.src : ''}`;
}

describe('generateDemoRecords', () => {
  let corpus: ImportRecordInput[];
  beforeAll(() => {
    corpus = collect(2000, 42);
  });

  it('produces only records the import schema accepts', () => {
    const failures = corpus
      .map((record, line) => ({ line, result: importRecord.safeParse(record) }))
      .filter(({ result }) => !result.success)
      .map(({ line, result }) => `${line}: ${JSON.stringify(result.error?.issues[0])}`);
    expect(failures).toEqual([]);
    expect(ofKind(corpus, 'publication')).toHaveLength(2000);
  });

  it('is deterministic for a seed and varies between seeds', () => {
    const first = JSON.stringify(collect(300, 7));
    expect(JSON.stringify(collect(300, 7))).toBe(first);
    expect(JSON.stringify(collect(300, 8))).not.toBe(first);
  });

  it('never reuses a slug within a kind', () => {
    const keys = corpus.map(definitionKey);
    expect(keys.filter((key, i) => keys.indexOf(key) !== i)).toEqual([]);
  });

  it('defines every referenced slug before it is used', () => {
    const defined = new Set<string>();
    const missing: string[] = [];
    let checked = 0;
    for (const record of corpus) {
      for (const [namespace, slug] of references(record)) {
        checked++;
        if (!defined.has(`${namespace}:${slug}`))
          missing.push(
            `${record.kind} ${'slug' in record ? record.slug : ''} -> ${namespace}:${slug}`,
          );
      }
      if (!('slug' in record)) continue;
      const key =
        record.kind === 'term'
          ? `term:${record.taxonomy}:${record.slug}`
          : `${record.kind}:${record.slug}`;
      defined.add(key);
    }
    expect(missing).toEqual([]);
    // Guards the check itself: a 2,000-piece corpus carries tens of thousands of references.
    expect(checked).toBeGreaterThan(20_000);
  });

  it('only files pieces under newsletters of their primary center', () => {
    const owner = new Map(ofKind(corpus, 'newsletter').map((n) => [n.slug, n.center]));
    const wrong = ofKind(corpus, 'publication').filter((p) =>
      (p.newsletters ?? []).some((n) => owner.get(n) !== p.primaryCenter),
    );
    expect(wrong.map((p) => p.slug)).toEqual([]);
  });
});

describe('the committed demo', () => {
  let records: ImportRecordInput[];
  let publications: PublicationInput[];
  beforeAll(() => {
    const text = readFileSync(join(demoDir, 'dossier-demo.jsonl'), 'utf8');
    records = text
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as ImportRecordInput);
    publications = ofKind(records, 'publication');
  });

  it('matches what the generator produces (rerun scripts/build-demo.ts if not)', () => {
    expect(records).toEqual(
      collect(COMMITTED_DEMO_OPTIONS.publications, COMMITTED_DEMO_OPTIONS.seed),
    );
  });

  it('has the breadth the site needs', () => {
    const terms = (taxonomy: string) =>
      ofKind(records, 'term').filter((t) => t.taxonomy === taxonomy);
    expect(ofKind(records, 'center').length).toBeGreaterThanOrEqual(5);
    expect(terms('program').length).toBeGreaterThanOrEqual(10);
    expect(terms('project').length).toBeGreaterThanOrEqual(8);
    expect(terms('topic').length).toBeGreaterThanOrEqual(25);
    expect(terms('collection').length).toBeGreaterThanOrEqual(4);
    expect(ofKind(records, 'partner').length).toBeGreaterThanOrEqual(6);
    expect(ofKind(records, 'person').length).toBeGreaterThanOrEqual(60);
    expect(publications.length).toBeGreaterThanOrEqual(300);
  });

  it('has a region hierarchy at least three levels deep', () => {
    const regions = ofKind(records, 'term').filter((t) => t.taxonomy === 'region') as TermInput[];
    const parentOf = new Map(regions.map((r) => [r.slug, r.parent]));
    const depth = (slug: string | undefined): number => (slug ? 1 + depth(parentOf.get(slug)) : 0);
    expect(regions.length).toBeGreaterThanOrEqual(40);
    expect(Math.max(...regions.map((r) => depth(r.slug)))).toBeGreaterThanOrEqual(3);
  });

  it('exercises every element of the reference page', () => {
    const types = new Set(ofKind(records, 'type').map((t) => t.slug));
    expect(new Set(publications.map((p) => p.type))).toEqual(types);
    expect(publications.some((p) => (p.authors ?? []).length >= 19)).toBe(true);
    const republished = publications.filter((p) => p.partner && p.externalUrl && p.canonicalUrl);
    expect(republished.length).toBeGreaterThan(publications.length / 16);
    expect(
      republished.every((p) => new URL(p.externalUrl ?? '').hostname.endsWith('.example')),
    ).toBe(true);
    expect(publications.filter((p) => p.body?.includes('[^1]:')).length).toBeGreaterThan(
      publications.length / 2,
    );
    expect(publications.filter((p) => p.body?.includes('## Main Argument')).length).toBeGreaterThan(
      publications.length / 2,
    );
    expect(
      publications.filter((p) => p.body?.includes('## Policy Implications')).length,
    ).toBeGreaterThan(publications.length / 2);
    expect(publications.some((p) => p.body?.includes('| --- |'))).toBe(true);
    expect(publications.some((p) => p.body?.includes('\n> '))).toBe(true);
    expect(publications.some((p) => p.language === 'fr')).toBe(true);
    expect(publications.some((p) => p.language === 'es')).toBe(true);
    expect(publications.some((p) => p.doi?.startsWith('10.55555/'))).toBe(true);
  });

  it('contains the flagship piece and the 19-author piece by its author', () => {
    const flagship = publications.find((p) => p.slug === FLAGSHIP_SLUG);
    expect(flagship).toMatchObject({
      primaryCenter: DEMO_CENTERS.headquarters.slug,
      authors: [FLAGSHIP_AUTHOR_SLUG],
      status: 'published',
    });
    expect(flagship?.centers).toHaveLength(1);
    expect(
      flagship?.partner &&
        flagship.externalUrl &&
        flagship.canonicalUrl &&
        flagship.leadImage?.credit,
    ).toBeTruthy();
    expect(flagship?.body).toMatch(/## Main Argument[\s\S]*## Policy Implications[\s\S]*\[\^1\]:/);
    const author = ofKind(records, 'person').find((p) => p.slug === FLAGSHIP_AUTHOR_SLUG);
    expect(author?.role).toMatch(/^Director and Senior Fellow, /);
    const many = publications.find((p) => p.slug === MANY_AUTHORS_SLUG);
    expect(many?.authors).toHaveLength(19);
    expect(many?.authors?.[0]).toBe(FLAGSHIP_AUTHOR_SLUG);
  });

  it('contains unpublished pieces for leak tests, and nothing published in the future', () => {
    const bySlug = new Map(publications.map((p) => [p.slug, p]));
    expect(bySlug.get(UNPUBLISHED_SLUGS.draft)?.status).toBe('draft');
    expect(bySlug.get(UNPUBLISHED_SLUGS.draftWithPastDate)?.status).toBe('draft');
    expect(bySlug.get(UNPUBLISHED_SLUGS.review)?.status).toBe('review');
    const scheduled = bySlug.get(UNPUBLISHED_SLUGS.scheduled);
    expect(scheduled?.status).toBe('scheduled');
    expect(Date.parse(scheduled?.embargoUntil ?? '')).toBeGreaterThan(NOW);
    const published = publications.filter((p) => (p.status ?? 'published') === 'published');
    expect(published.every((p) => Date.parse(p.publishedAt ?? '') < NOW)).toBe(true);
    expect(
      published.every((p) => Date.parse(p.publishedAt ?? '') >= Date.parse('2012-01-01T00:00:00Z')),
    ).toBe(true);
  });

  it('has valid ORCID iDs, outside co-authors and readable center colors', () => {
    const people = ofKind(records, 'person') as PersonInput[];
    const orcids = people.flatMap((p) => (p.orcid ? [p.orcid] : []));
    expect(orcids.length).toBeGreaterThan(10);
    expect(orcids.filter((o) => !isValidOrcid(o))).toEqual([]);
    const externals = people.filter((p) => p.external);
    expect(externals.length).toBeGreaterThanOrEqual(8);
    expect(externals.every((p) => p.affiliation && !p.expert)).toBe(true);
    const centers = ofKind(records, 'center') as CenterInput[];
    expect(
      centers.filter((c) => contrastWithWhite(c.accentColor ?? '') < 4.5).map((c) => c.slug),
    ).toEqual([]);
  });

  it('references only image files that exist, with credits the site can prefix', () => {
    const paths = records.flatMap((r) => {
      if (r.kind === 'network') return r.lettermark ? [r.lettermark] : [];
      if (r.kind === 'center') return r.logo ? [r.logo] : [];
      if (r.kind === 'person') return r.photo ? [r.photo.src] : [];
      if (r.kind === 'publication') return r.leadImage ? [r.leadImage.src] : [];
      return [];
    });
    expect(paths.filter((p) => !existsSync(join(demoDir, p)))).toEqual([]);
    const credits = publications.flatMap((p) => (p.leadImage ? [p.leadImage.credit ?? ''] : []));
    expect(credits.filter((c) => c === '' || /^source/i.test(c))).toEqual([]);
  });

  it('ships small, valid, titled SVG files identical to what the code draws', () => {
    for (const file of demoMediaFiles()) {
      const committed = readFileSync(join(demoDir, file.path), 'utf8');
      expect(committed, file.path).toBe(file.content);
      expect(wellFormedXmlProblem(committed), file.path).toBeUndefined();
      expect(committed, file.path).toMatch(
        /^<svg [^>]*width="\d+" height="\d+" viewBox="[^"]+"[^>]*>\n<title>[^<]+<\/title>/,
      );
      expect(Buffer.byteLength(committed), file.path).toBeLessThan(
        file.path.includes('/people/') ? 3000 : 20_000,
      );
    }
  });
});
