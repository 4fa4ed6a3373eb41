import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/lib/clock.ts';
import {
  createDigestService,
  type DigestService,
} from '../../src/newsletter/digests/digest-service.ts';
import { testDialects } from '../helpers/dialects.ts';
import { makePublication, seed } from '../helpers/factories.ts';
import { LIST, openSendingWorld, type SendingWorld } from './sending-world.ts';

for (const dialect of testDialects()) {
  describe(`digest drafts (${dialect.name})`, () => {
    let world: SendingWorld;
    const clock = fixedClock('2026-06-01T12:00:00Z');
    let digests: DigestService;
    beforeAll(async () => {
      world = await openSendingWorld(dialect);
      digests = createDigestService({
        db: world.database.db,
        clock,
        origin: 'https://think.example',
      });
    });
    afterAll(() => world.close());

    const slugsOf = async (id: number) => (await digests.preview(id)).items.map((i) => i.slug);

    it('drafts the live pieces published into the list, newest first, never an embargoed one', async () => {
      const issue = await digests.draft(LIST);
      expect(issue.status).toBe('draft');
      expect(issue.coversFrom).toBeNull();
      expect(await slugsOf(issue.id)).toEqual(['trade-note', 'grid-paper', 'older-brief']);
      const model = await digests.preview(issue.id);
      const grid = model.items.find((i) => i.slug === 'grid-paper');
      expect(grid).toMatchObject({
        title: 'The Grid & the <Market>',
        dek: 'Why "prices" matter.',
        authors: ['Alice Archer'],
        url: 'https://think.example/research/grid-paper',
        image: {
          alt: 'Pylons at dusk',
          url: expect.stringMatching(/^https:\/\/think\.example\/uploads\//),
        },
      });
      expect(model.items.find((i) => i.slug === 'trade-note')?.authors).toEqual([
        'Alice Archer',
        'Chen Cho',
      ]);
      expect(model.center.name).toBe('Headquarters Center');
    });

    it("covers only what went live since the previous issue's end", async () => {
      clock.set('2026-06-08T12:00:00Z');
      await seed(world.database, join(world.dataDir, 'uploads'), [
        makePublication({
          slug: 'june-paper',
          newsletters: [LIST],
          publishedAt: '2026-06-05T09:00:00Z',
        }),
      ]);
      const next = await digests.draft(LIST);
      expect(next.coversFrom).toBe('2026-06-01T12:00:00.000Z');
      expect(await slugsOf(next.id)).toEqual(['june-paper']);
    });

    it('lets an editor add, move and remove pieces, and refuses pieces that are not live', async () => {
      const issue = await digests.draft(LIST, { subject: 'Hand-picked' });
      expect(issue.publicationIds).toEqual([]);
      await digests.addPiece(issue.id, 'older-brief');
      await digests.addPiece(issue.id, 'grid-paper');
      await digests.addPiece(issue.id, 'trade-note', 0);
      expect(await slugsOf(issue.id)).toEqual(['trade-note', 'older-brief', 'grid-paper']);
      await digests.movePiece(issue.id, 'grid-paper', 0);
      expect(await slugsOf(issue.id)).toEqual(['grid-paper', 'trade-note', 'older-brief']);
      await digests.removePiece(issue.id, 'trade-note');
      expect(await slugsOf(issue.id)).toEqual(['grid-paper', 'older-brief']);

      await expect(digests.addPiece(issue.id, 'embargoed-report')).rejects.toMatchObject({
        code: 'NOT_FOUND',
        status: 404,
        field: 'publication',
      });
      await expect(digests.removePiece(issue.id, 'trade-note')).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
      await expect(digests.setSubject(issue.id, 'two\nlines')).rejects.toMatchObject({
        field: 'subject',
      });
    });

    it('leaves out a piece unpublished after the draft was made', async () => {
      const issue = await digests.draft(LIST, { subject: 'Later' });
      await digests.addPiece(issue.id, 'older-brief');
      await digests.addPiece(issue.id, 'june-paper');
      await world.database.db
        .updateTable('publications')
        .set({ status: 'draft', visible_from: null })
        .where('slug', '=', 'june-paper')
        .execute();
      const model = await digests.preview(issue.id);
      expect(model.items.map((i) => i.slug)).toEqual(['older-brief']);
      expect(model.droppedIds).toHaveLength(1);
    });

    it('schedules a draft, and locks an issue once it is being sent', async () => {
      const issue = await digests.draft(LIST, { subject: 'Scheduled' });
      await digests.addPiece(issue.id, 'grid-paper');
      const scheduled = await digests.schedule(issue.id, new Date('2026-06-09T08:00:00Z'));
      expect(scheduled).toMatchObject({
        status: 'scheduled',
        scheduledFor: '2026-06-09T08:00:00.000Z',
      });
      const empty = await digests.draft(LIST, { subject: 'Empty' });
      await expect(
        digests.schedule(empty.id, new Date('2026-06-09T08:00:00Z')),
      ).rejects.toMatchObject({
        code: 'NEWSLETTER_ISSUE_EMPTY',
      });
      await world.database.db
        .updateTable('newsletter_issues')
        .set({ status: 'sending' })
        .where('id', '=', issue.id)
        .execute();
      await expect(digests.setIntro(issue.id, 'Too late')).rejects.toMatchObject({
        code: 'NEWSLETTER_ISSUE_LOCKED',
        status: 409,
      });
    });
  });
}
