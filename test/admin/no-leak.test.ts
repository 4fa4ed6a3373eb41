import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../src/admin/accounts/user-store.ts';
import {
  createPublicationEditor,
  type PublicationEditor,
  type PublicationRecord,
} from '../../src/admin/content/publication-editor.ts';
import { createScheduler, type Scheduler } from '../../src/admin/scheduler/scheduler.ts';
import { createRandom } from '../../src/demo/random.ts';
import { testDialects } from '../helpers/dialects.ts';
import { baseWorld } from '../helpers/factories.ts';
import { openTestSite, type TestSite } from '../helpers/site.ts';
import { accountsOf } from './admin-helpers.ts';

/*
 * The property the admin must keep: whatever editors do — create, edit, schedule,
 * publish, take down, archive, leave revisions pending on live pieces and set them to go
 * out at a time — nothing the public may not see now shows anywhere public: not on a
 * page, in a list, a count, a related-work block, a person or topic page, a search result
 * or suggestion, a feed, a sitemap, or the JSON API. Each piece carries a word of its own
 * in its title and body, and each pending revision another, so a leak is a word found
 * where it must not be.
 *
 * The oracle is the rule in docs/import-format.md, applied to the stored piece (never
 * to a pending revision): live iff published or scheduled and its time (the later of
 * publication and embargo) has come. A scheduled revision reaches the stored piece only
 * when a run of the scheduler passes its time while the piece is still live.
 */

const SEEDS = [11, 2027, 7];
const STEPS = 30;
const PEOPLE = ['alice-archer', 'bruno-bell', 'chen-cho'];
const MOMENTS = [
  '2026-05-01T00:00:00Z',
  '2026-06-01T12:00:00Z',
  '2026-06-01T12:00:00.001Z',
  '2026-07-01T00:00:00Z',
];

/** The model of a piece: what is stored (the public's version) and what waits. */
interface Piece {
  slug: string;
  id: number;
  stored: Facts;
  pending: Facts | null;
}

interface Facts {
  word: string;
  status: PublicationRecord['status'];
  publishedAt: string | undefined;
  embargoUntil: string | undefined;
}

/** What the editor's Publish applies to a piece's pending (or stored) facts at `now`. */
function publishedFacts(base: Facts, now: string): Facts {
  return {
    ...base,
    status: base.status === 'scheduled' || base.status === 'published' ? base.status : 'published',
    publishedAt: base.publishedAt ?? new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z'),
  };
}

function isLive(
  record: Pick<Facts, 'status' | 'publishedAt' | 'embargoUntil'>,
  now: string,
): boolean {
  if (record.status !== 'published' && record.status !== 'scheduled') return false;
  if (!record.publishedAt) return false;
  // As times, not strings: "…12:00:00Z" sorts after "…12:00:00.001Z" as text.
  const from = Math.max(
    Date.parse(record.publishedAt),
    record.embargoUntil ? Date.parse(record.embargoUntil) : Number.NEGATIVE_INFINITY,
  );
  return from <= Date.parse(now);
}

/** Every public address that lists, counts or shows pieces in this small world. */
const PUBLIC_URLS = [
  '/',
  '/research',
  '/research/feed.xml',
  '/research/feed.json',
  '/feed.xml',
  '/sitemap.xml',
  '/topics/energy',
  '/topics/energy/feed.atom',
  '/types/paper',
  ...PEOPLE.map((p) => `/experts/${p}`),
];

for (const dialect of testDialects()) {
  describe(`${dialect.name}: nothing unpublished leaks from the admin`, () => {
    let site: TestSite;
    let editor: PublicationEditor;
    let scheduler: Scheduler;
    let ed: User;

    beforeAll(async () => {
      site = await openTestSite(dialect);
      await site.seed(baseWorld());
      const accounts = accountsOf(site);
      ed = await accounts.createUser({
        email: 'ed@example.org',
        name: 'Ed',
        role: 'editor',
        password: 'correct horse battery staple',
      });
      scheduler = createScheduler({
        db: site.database.db,
        dialect: site.database.dialect,
        clock: site.clock,
        uploadsDir: join(site.dataDir, 'uploads'),
      });
      editor = createPublicationEditor({
        db: site.database.db,
        clock: site.clock,
        uploadsDir: join(site.dataDir, 'uploads'),
        audit: accounts.audit,
        scheduler,
      });
    });
    afterAll(() => site?.close());

    for (const seed of SEEDS) {
      it(`keeps every unpublished word off the public site (seed ${seed})`, async () => {
        const { next, pick } = createRandom(seed);
        const pieces: Piece[] = [];
        let wordCount = 0;
        const newWord = () => `qz${seed}w${++wordCount}x`;
        const draw = (word: string, base?: PublicationRecord): PublicationRecord => {
          const status = pick(['draft', 'review', 'scheduled', 'published', 'archived'] as const);
          return {
            ...(base ?? {}),
            kind: 'publication',
            slug: base?.slug ?? `s${seed}-${pieces.length}`,
            type: 'paper',
            title: `Piece about ${word}`,
            summary: `Summary naming ${word}.`,
            body: `Body text with ${word} in it.`,
            authors: [pick(PEOPLE)],
            primaryCenter: 'hq',
            topics: next() < 0.6 ? ['energy'] : [],
            status,
            publishedAt: status === 'draft' || status === 'review' ? undefined : pick(MOMENTS),
            embargoUntil: next() < 0.3 ? pick(MOMENTS) : undefined,
          } as PublicationRecord;
        };

        /** Queued jobs of the model, in the order they were made (as their ids). */
        const jobs: {
          kind: 'unpublish' | 'publish-revision';
          piece: Piece;
          runAt: string;
          done: boolean;
        }[] = [];
        const replaceJob = (kind: (typeof jobs)[number]['kind'], piece: Piece, runAt: string) => {
          for (const job of jobs) if (job.piece === piece && job.kind === kind) job.done = true;
          jobs.push({ kind, piece, runAt, done: false });
        };
        /** Words that waited in a revision and never reached the stored piece. */
        const unpublishedWords = new Set<string>();
        const factsOf = (word: string, record: PublicationRecord): Facts => ({
          word,
          status: record.status,
          publishedAt: record.publishedAt,
          embargoUntil: record.embargoUntil,
        });

        /** An edit: in place when the piece is not live now, else a pending revision. */
        const edit = async (piece: Piece, now: string) => {
          const state = await editor.state(piece.id, ed);
          const word = newWord();
          const record = draw(word, state.record);
          await editor.save(piece.id, ed, record);
          if (piece.pending) unpublishedWords.add(piece.pending.word);
          if (isLive(piece.stored, now)) piece.pending = factsOf(word, record);
          else {
            piece.pending = null;
            piece.stored = factsOf(word, record);
          }
        };

        for (let step = 0; step < STEPS; step++) {
          let now = pick(MOMENTS);
          site.clock.set(now);
          const roll = next();
          const piece = pieces.length > 0 ? pick(pieces) : undefined;
          const later = MOMENTS.filter((m) => Date.parse(m) > Date.parse(now));
          if (!piece || roll < 0.3) {
            const word = newWord();
            const record = draw(word);
            const id = await editor.create(ed, record);
            pieces.push({ slug: record.slug, id, stored: factsOf(word, record), pending: null });
          } else if (roll < 0.55) {
            await edit(piece, now);
          } else if (roll < 0.63) {
            await editor.publish(piece.id, ed);
            piece.stored = publishedFacts(piece.pending ?? piece.stored, now);
            piece.pending = null;
            // Publishing by hand spends a scheduled revision's time.
            for (const job of jobs)
              if (job.piece === piece && job.kind === 'publish-revision') job.done = true;
          } else if (roll < 0.7) {
            const runAt = pick(MOMENTS);
            await scheduler.schedule('unpublish', piece.id, new Date(runAt).toISOString());
            replaceJob('unpublish', piece, runAt);
          } else if (roll < 0.85 && isLive(piece.stored, now) && later.length > 0) {
            // A live piece's revision set to go out by itself at a later moment (written
            // now, unless one is pending already). Until then, and after a later edit
            // (whose wording it then publishes instead), it stays secret.
            if (!piece.pending || next() < 0.3) await edit(piece, now);
            const runAt = pick(later);
            await editor.schedulePublishRevision(piece.id, ed, new Date(runAt).toISOString());
            replaceJob('publish-revision', piece, runAt);
          } else {
            // Often the clock stands at a scheduled revision's time, or a millisecond
            // before it: it must go out at the one and not at the other.
            const revisions = jobs.filter((j) => !j.done && j.kind === 'publish-revision');
            if (revisions.length > 0 && next() < 0.7) {
              const runAt = Date.parse(pick(revisions).runAt);
              now = new Date(next() < 0.5 ? runAt : runAt - 1).toISOString();
              site.clock.set(now);
            }
            await scheduler.runDue();
            // The scheduler runs due jobs in time order, then in the order they were made.
            const due = jobs
              .map((job, order) => ({ job, order }))
              .filter(({ job }) => !job.done && Date.parse(job.runAt) <= Date.parse(now))
              .sort(
                (a, b) => Date.parse(a.job.runAt) - Date.parse(b.job.runAt) || a.order - b.order,
              );
            for (const { job } of due) {
              job.done = true;
              const target = job.piece;
              if (job.kind === 'unpublish') {
                if (target.stored.status === 'published' || target.stored.status === 'scheduled')
                  target.stored = { ...target.stored, status: 'archived' };
              } else if (target.pending && isLive(target.stored, now)) {
                target.stored = publishedFacts(target.pending, now);
                target.pending = null;
              }
            }
          }
          const live = new Set(pieces.filter((p) => isLive(p.stored, now)).map((p) => p.slug));
          const storedWords = new Set(pieces.map((p) => p.stored.word));
          const waiting = [
            ...pieces.flatMap((p) => (p.pending ? [p.pending.word] : [])),
            ...unpublishedWords,
          ].filter((w) => !storedWords.has(w));
          const secret = [
            ...pieces.filter((p) => !live.has(p.slug)).map((p) => p.stored.word),
            ...waiting,
          ];
          const where = `seed ${seed} step ${step} at ${now}`;

          for (const url of PUBLIC_URLS) {
            const response = await site.app.inject(url);
            for (const word of secret)
              expect(response.body, `${url}: ${where}`).not.toContain(word);
          }
          for (const p of pieces) {
            const page = await site.app.inject(`/research/${p.slug}`);
            expect(page.statusCode, `${p.slug}: ${where}`).toBe(live.has(p.slug) ? 200 : 404);
            for (const word of waiting)
              expect(page.body, `${p.slug}: ${where}`).not.toContain(word);
            if (live.has(p.slug)) expect(page.body, where).toContain(p.stored.word);
          }
          for (const word of secret.slice(-4)) {
            const api = await site.app.inject(`/api/search?q=${word}`);
            expect(api.statusCode).toBe(200);
            expect((api.json() as { total: number }).total, `${word}: ${where}`).toBe(0);
            const suggest = await site.app.inject(`/api/search/suggest?q=${word.slice(0, 6)}`);
            expect(suggest.body, where).not.toContain(word);
          }
          // And what is live is there (the check above could pass on an empty site).
          for (const p of pieces.filter((x) => live.has(x.slug)).slice(-2)) {
            const api = await site.app.inject(`/api/search?q=${p.stored.word}`);
            expect(
              (api.json() as { total: number }).total,
              `${p.stored.word}: ${where}`,
            ).toBeGreaterThan(0);
          }
        }
      }, 240_000);
    }
  });
}
