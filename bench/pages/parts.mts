// Where a publication page's time goes, in process, on the bench corpus: reading its
// data, rendering it, hashing its ETag; CPU time per call over 32 pieces spread over the
// corpus (as bench/pages picks them). A diagnostic beside run.mjs, not a bar.
//
//   npx tsx bench/pages/parts.mts      (N=400 calls per part by default)
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { createElement as h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { loadConfig } from '../../src/config/load.ts';
import { systemClock } from '../../src/lib/clock.ts';
import { createReadingService } from '../../src/services/reading.ts';
import { createDatabase } from '../../src/storage/database.ts';
import { createCenterRepository } from '../../src/storage/repositories/center-repository.ts';
import { createPageRepository } from '../../src/storage/repositories/page-repository.ts';
import { createPersonRepository } from '../../src/storage/repositories/person-repository.ts';
import { createPublicationRepository } from '../../src/storage/repositories/publication-repository.ts';
import { createRedirectRepository } from '../../src/storage/repositories/redirect-repository.ts';
import { createTermRepository } from '../../src/storage/repositories/term-repository.ts';
import { PublicationPage } from '../../src/web/site/pages/publication-page.tsx';
import { SiteDirectory } from '../../src/web/site-directory.ts';

const dataDir = new URL('../.data/pages-100k', import.meta.url).pathname;
const config = loadConfig({ DOSSIER_DATA_DIR: dataDir });
const corpus = new Database(`${dataDir}/dossier.sqlite`, { readonly: true });
const live = corpus
  .prepare('select slug from publications where visible_from <= ? order by id')
  .pluck()
  .all(new Date().toISOString()) as string[];
const slugs = Array.from({ length: 32 }, (_, i) => live[Math.floor((i * live.length) / 32)]!);
corpus.close();
const { db } = createDatabase(config.database);
const directory = new SiteDirectory(createCenterRepository(db));
await directory.refreshIfChanged();
const publications = createPublicationRepository(db);
const reading = createReadingService({
  publications,
  people: createPersonRepository(db),
  terms: createTermRepository(db),
  pages: createPageRepository(db),
  redirects: createRedirectRepository(db),
  clock: systemClock,
});
const request = { headers: { host: 'localhost' }, url: '/' } as any;
directory.resolve(request);
const site = directory.contextOf(request)!;
const view = (slug: string) => ({
  site,
  path: `/research/${slug}`,
  year: 2026,
  origin: 'http://localhost',
  assetVersion: 'x',
});
const N = Number(process.env.N ?? 400);
async function time(label: string, fn: (i: number) => unknown) {
  for (let i = 0; i < 50; i++) await fn(i);
  // CPU time, not wall time: steadier when other work shares the machine.
  const t = process.cpuUsage();
  for (let i = 0; i < N; i++) await fn(i);
  const used = process.cpuUsage(t);
  console.log(label.padEnd(28), ((used.user + used.system) / 1000 / N).toFixed(3), 'ms CPU');
}
const datas = await Promise.all(slugs.map((s) => reading.publicationPage(s, site.center)));
const htmls = datas.map((d, i) =>
  renderToString(h(PublicationPage, { view: view(slugs[i]!), data: d as any })),
);
console.log('html KB', (htmls.reduce((a, s) => a + s.length, 0) / htmls.length / 1024).toFixed(1));
await time('findBySlug', (i) =>
  publications.findBySlug(slugs[i % slugs.length]!, { now: new Date() }),
);
await time('reading.publicationPage', (i) =>
  reading.publicationPage(slugs[i % slugs.length]!, site.center),
);
await time('render', (i) =>
  renderToString(
    h(PublicationPage, {
      view: view(slugs[i % slugs.length]!),
      data: datas[i % slugs.length] as any,
    }),
  ),
);
await time('etag sha1', (i) =>
  createHash('sha1')
    .update(htmls[i % htmls.length]!)
    .digest('base64url'),
);
process.exit(0);
