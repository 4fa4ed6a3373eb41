import { type Kysely, sql } from 'kysely';

/*
 * Media rows join the change log (2026-12-06-01). A person's profile carries its photo's
 * path, size, description and credit from `media`, and servers keep profiles in memory
 * (storage/read-cache): an import that changes a photo's description or credit touches
 * only its media row, which no server heard of, so they kept showing the old one.
 * The log's own trigger function on PostgreSQL, the same three triggers on SQLite.
 */

const OPERATIONS = ['insert', 'update', 'delete'] as const;

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`
      create trigger media_record_change
      after insert or update or delete on media
      for each row execute function record_change('media')`.execute(db);
    return;
  }
  for (const operation of OPERATIONS) {
    const row = operation === 'delete' ? 'old' : 'new';
    await sql`
      create trigger ${sql.raw(`media_record_${operation}`)}
      after ${sql.raw(operation)} on media
      begin
        insert into change_log (entity, entity_id) values ('media', ${sql.raw(row)}.id);
      end`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`drop trigger media_record_change on media`.execute(db);
    return;
  }
  for (const operation of OPERATIONS)
    await sql`drop trigger ${sql.raw(`media_record_${operation}`)}`.execute(db);
}
