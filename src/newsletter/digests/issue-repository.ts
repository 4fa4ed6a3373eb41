import type { Kysely } from 'kysely';
import type { Tables } from '../../storage/tables.ts';

export type IssueStatus = 'draft' | 'scheduled' | 'sending' | 'sent';

/** A newsletter issue as editors and the sender see it; items in the editor's order. */
export interface Issue {
  id: number;
  listId: number;
  status: IssueStatus;
  subject: string;
  introMarkdown: string;
  coversFrom: string | null;
  coversUntil: string;
  scheduledFor: string | null;
  queuedAt: string | null;
  finishedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** Publication ids, first to last. */
  publicationIds: number[];
}

export interface NewIssue {
  listId: number;
  subject: string;
  coversFrom: string | null;
  coversUntil: string;
  publicationIds: number[];
  at: Date;
}

type IssueChanges = Partial<
  Pick<Issue, 'status' | 'subject' | 'introMarkdown' | 'scheduledFor' | 'queuedAt' | 'finishedAt'>
>;

export interface IssueRepository {
  findIssue(id: number): Promise<Issue | undefined>;
  /** The end of what the list's latest issue covers: where the next draft starts. */
  findLastCoverage(listId: number): Promise<string | null>;
  insertIssue(issue: NewIssue): Promise<number>;
  updateIssue(id: number, changes: IssueChanges, at: Date): Promise<void>;
  /** Replaces the issue's items with these publications, in this order. */
  setItems(id: number, publicationIds: number[], at: Date): Promise<void>;
  /** Issues whose send should run now: `sending` ones, and `scheduled` ones that are due. */
  listDue(now: Date): Promise<Issue[]>;
  listByStatus(statuses: IssueStatus[]): Promise<Issue[]>;
}

export function createIssueRepository(db: Kysely<Tables>): IssueRepository {
  async function load(
    rows: Awaited<ReturnType<ReturnType<typeof selectIssues>['execute']>>,
  ): Promise<Issue[]> {
    if (rows.length === 0) return [];
    const items = await db
      .selectFrom('newsletter_issue_items')
      .select(['issue_id', 'publication_id'])
      .where(
        'issue_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('issue_id')
      .orderBy('position')
      .execute();
    return rows.map((row) => ({
      id: Number(row.id),
      listId: Number(row.list_id),
      status: row.status,
      subject: row.subject,
      introMarkdown: row.intro_markdown,
      coversFrom: row.covers_from,
      coversUntil: row.covers_until,
      scheduledFor: row.scheduled_for,
      queuedAt: row.queued_at,
      finishedAt: row.finished_at,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      publicationIds: items
        .filter((i) => Number(i.issue_id) === Number(row.id))
        .map((i) => Number(i.publication_id)),
    }));
  }

  function selectIssues() {
    return db.selectFrom('newsletter_issues').selectAll();
  }

  return {
    async findIssue(id) {
      const [issue] = await load(await selectIssues().where('id', '=', id).execute());
      return issue;
    },

    async findLastCoverage(listId) {
      const row = await db
        .selectFrom('newsletter_issues')
        .select((eb) => eb.fn.max('covers_until').as('until'))
        .where('list_id', '=', listId)
        .executeTakeFirst();
      return (row?.until as string | null | undefined) ?? null;
    },

    async insertIssue(issue) {
      const at = issue.at.toISOString();
      return db.transaction().execute(async (trx) => {
        const { id } = await trx
          .insertInto('newsletter_issues')
          .values({
            list_id: issue.listId,
            subject: issue.subject,
            covers_from: issue.coversFrom,
            covers_until: issue.coversUntil,
            scheduled_for: null,
            queued_at: null,
            finished_at: null,
            created_at: at,
            updated_at: at,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        if (issue.publicationIds.length > 0) {
          await trx
            .insertInto('newsletter_issue_items')
            .values(
              issue.publicationIds.map((publicationId, position) => ({
                issue_id: id,
                publication_id: publicationId,
                position,
              })),
            )
            .execute();
        }
        return Number(id);
      });
    },

    async updateIssue(id, changes, at) {
      await db
        .updateTable('newsletter_issues')
        .set({
          ...(changes.status !== undefined && { status: changes.status }),
          ...(changes.subject !== undefined && { subject: changes.subject }),
          ...(changes.introMarkdown !== undefined && { intro_markdown: changes.introMarkdown }),
          ...(changes.scheduledFor !== undefined && { scheduled_for: changes.scheduledFor }),
          ...(changes.queuedAt !== undefined && { queued_at: changes.queuedAt }),
          ...(changes.finishedAt !== undefined && { finished_at: changes.finishedAt }),
          updated_at: at.toISOString(),
        })
        .where('id', '=', id)
        .execute();
    },

    async setItems(id, publicationIds, at) {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('newsletter_issue_items').where('issue_id', '=', id).execute();
        if (publicationIds.length > 0) {
          await trx
            .insertInto('newsletter_issue_items')
            .values(
              publicationIds.map((publicationId, position) => ({
                issue_id: id,
                publication_id: publicationId,
                position,
              })),
            )
            .execute();
        }
        await trx
          .updateTable('newsletter_issues')
          .set({ updated_at: at.toISOString() })
          .where('id', '=', id)
          .execute();
      });
    },

    async listDue(now) {
      const rows = await selectIssues()
        .where((eb) =>
          eb.or([
            eb('status', '=', 'sending'),
            eb.and([eb('status', '=', 'scheduled'), eb('scheduled_for', '<=', now.toISOString())]),
          ]),
        )
        .orderBy('id')
        .execute();
      return load(rows);
    },

    async listByStatus(statuses) {
      return load(await selectIssues().where('status', 'in', statuses).orderBy('id').execute());
    },
  };
}
