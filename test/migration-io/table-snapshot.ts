import type { Kysely } from 'kysely';
import type { Database } from '../../src/storage/database.ts';

/*
 * Every table of a database as comparable text: one line per row, surrogate ids replaced
 * by the natural key of the row they name (a slug, a path, taxonomy:slug), and columns
 * that legitimately differ between two copies of a site (ids, when a row was created or
 * last written, when a migration ran) left out. Two databases holding the same site give
 * equal snapshots, whatever engine and whatever order they were filled in.
 */

export type TableSnapshot = Record<string, string[]>;

type Row = Record<string, unknown>;
type Keyed = 'centers' | 'terms' | 'people' | 'publications' | 'partners' | 'media';
type KeyedTable =
  | Keyed
  | 'publication_types'
  | 'newsletter_lists'
  | 'pages'
  | 'users'
  | 'newsletter_subscribers'
  | 'newsletter_issues';

/** Columns naming a row of another table, per table. `target_id` is resolved by `kind`. */
const REFERENCES: Record<string, Record<string, KeyedTable>> = {
  networks: {},
  centers: {},
  navigation_items: { center_id: 'centers' },
  newsletter_lists: { center_id: 'centers' },
  pages: { center_id: 'centers' },
  terms: { parent_id: 'terms' },
  publication_types: {},
  partners: {},
  media: {},
  people: { program_id: 'terms', center_id: 'centers', photo_media_id: 'media' },
  person_expertise: { person_id: 'people', term_id: 'terms' },
  publications: {
    type_id: 'publication_types',
    lead_media_id: 'media',
    primary_center_id: 'centers',
    partner_id: 'partners',
    translation_of_id: 'publications',
  },
  publication_authors: { publication_id: 'publications', person_id: 'people' },
  publication_centers: { publication_id: 'publications', center_id: 'centers' },
  publication_terms: { publication_id: 'publications', term_id: 'terms' },
  publication_newsletters: { publication_id: 'publications', list_id: 'newsletter_lists' },
  featured_publications: { center_id: 'centers', publication_id: 'publications' },
  slug_redirects: {},
  external_ids: {},
  old_urls: {},
  newsletter_consent_texts: {},
  newsletter_subscribers: {},
  newsletter_subscriptions: {
    subscriber_id: 'newsletter_subscribers',
    list_id: 'newsletter_lists',
  },
  newsletter_consent_ledger: {
    subscriber_id: 'newsletter_subscribers',
    list_id: 'newsletter_lists',
  },
  newsletter_tokens: { subscriber_id: 'newsletter_subscribers', list_id: 'newsletter_lists' },
  newsletter_suppressions: {},
  newsletter_issues: { list_id: 'newsletter_lists' },
  newsletter_issue_items: { issue_id: 'newsletter_issues', publication_id: 'publications' },
  newsletter_outbox: { issue_id: 'newsletter_issues', subscriber_id: 'newsletter_subscribers' },
  users: { person_id: 'people' },
  sessions: { user_id: 'users' },
  login_failures: {},
  password_resets: { user_id: 'users' },
  // `entity_id` names a publication or an account by id for those entities (see below).
  audit_log: { user_id: 'users' },
  publication_revisions: { publication_id: 'publications', user_id: 'users' },
  scheduled_jobs: { publication_id: 'publications' },
  // Press previews: not part of a site export (links for journalists, tied to one
  // install); the worlds compared here hold none.
  press_previews: {},
  press_preview_uses: {},
  kysely_migration: {},
  kysely_migration_lock: {},
};

/**
 * Bookkeeping the database derives from writes, not content: an export leaves it out,
 * and an import writes its own.
 */
const DERIVED = new Set(['change_log']);

/** Columns that differ between equal sites: surrogate keys and bookkeeping times. */
const IGNORED = new Set(['id', 'created_at', 'updated_at', 'timestamp']);

/** Audit entities whose `entity_id` is a row id, and the table it names. */
const AUDIT_ENTITY_TABLES: Record<string, KeyedTable> = {
  publication: 'publications',
  user: 'users',
};

/**
 * What a site export leaves out by design (docs/import-format.md), so that an export
 * copy and its source compare equal on the rest: secrets and counters of one install
 * (sessions, sign-in failures, reset links, confirmation tokens, press previews), sends
 * in flight (the outbox) and transitions already done.
 * A backup keeps all of it.
 */
const LEFT_OUT_OF_EXPORTS = {
  tables: new Set([
    'sessions',
    'login_failures',
    'password_resets',
    'newsletter_tokens',
    'newsletter_outbox',
    'press_previews',
    'press_preview_uses',
  ]),
  // Subscribers' link keys and secrets travel: links in mail sent before a move must work.
  columns: new Set<string>(),
  rows: {
    scheduled_jobs: (row: Row) => row.status === 'queued',
  } as Record<string, (row: Row) => boolean>,
};

export interface SnapshotOptions {
  /**
   * `backup` (the default) compares everything; `export` leaves out what a site export
   * does not carry (LEFT_OUT_OF_EXPORTS).
   */
  as?: 'backup' | 'export';
}

/** What `target_id` names, by the row's `kind`. */
const TARGET_TABLES: Record<string, KeyedTable> = {
  publication: 'publications',
  person: 'people',
  page: 'pages',
  term: 'terms',
  media: 'media',
};

export async function snapshotTables(
  database: Database,
  options: SnapshotOptions = {},
): Promise<TableSnapshot> {
  const isExport = options.as === 'export';
  const db = database.db as unknown as Kysely<Record<string, Row>>;
  const names = (await database.db.introspection.getTables({ withInternalKyselyTables: true }))
    .map((table) => table.name)
    .filter((name) => !DERIVED.has(name))
    .sort();
  const unknown = names.filter((name) => !(name in REFERENCES));
  if (unknown.length > 0) {
    throw new Error(
      `No comparison rule for table(s) ${unknown.join(', ')}: add them to test/migration-io/table-snapshot.ts (and to the export).`,
    );
  }
  const rows: Record<string, Row[]> = {};
  for (const name of names) rows[name] = await db.selectFrom(name).selectAll().execute();

  const keys = naturalKeys(rows);
  const snapshot: TableSnapshot = {};
  for (const name of names) {
    if (isExport && LEFT_OUT_OF_EXPORTS.tables.has(name)) continue;
    const references = REFERENCES[name] ?? {};
    let tableRows = rows[name] ?? [];
    if (name === 'featured_publications') tableRows = withRanks(tableRows);
    const isKept = isExport ? LEFT_OUT_OF_EXPORTS.rows[name] : undefined;
    if (isKept) tableRows = tableRows.filter(isKept);
    snapshot[name] = tableRows
      .map((row) => {
        const out: Row = {};
        for (const column of Object.keys(row).sort()) {
          if (IGNORED.has(column)) continue;
          if (isExport && LEFT_OUT_OF_EXPORTS.columns.has(`${name}.${column}`)) continue;
          const value = row[column];
          const table =
            references[column] ??
            (column === 'target_id' ? targetTable(row.kind) : undefined) ??
            (name === 'audit_log' && column === 'entity_id'
              ? AUDIT_ENTITY_TABLES[String(row.entity)]
              : undefined);
          out[column] =
            table === undefined || value === null ? value : keys[table].get(Number(value));
        }
        return JSON.stringify(out);
      })
      .sort();
  }
  return snapshot;
}

function targetTable(kind: unknown): KeyedTable {
  const name = String(kind);
  return name.startsWith('term:') ? 'terms' : (TARGET_TABLES[name] ?? 'publications');
}

function naturalKeys(rows: Record<string, Row[]>): Record<KeyedTable, Map<number, string>> {
  const by = (table: string, key: (row: Row) => string) =>
    new Map((rows[table] ?? []).map((row) => [Number(row.id), key(row)]));
  const centers = by('centers', (row) => String(row.slug));
  return {
    centers,
    terms: by('terms', (row) => `${row.taxonomy}:${row.slug}`),
    people: by('people', (row) => String(row.slug)),
    publications: by('publications', (row) => String(row.slug)),
    partners: by('partners', (row) => String(row.slug)),
    media: by('media', (row) => String(row.path)),
    publication_types: by('publication_types', (row) => String(row.slug)),
    newsletter_lists: by('newsletter_lists', (row) => String(row.slug)),
    pages: by('pages', (row) => `${centers.get(Number(row.center_id))}/${row.slug}`),
    users: by('users', (row) => String(row.email)),
    newsletter_subscribers: by('newsletter_subscribers', (row) => String(row.email_hash)),
    newsletter_issues: issueKeys(rows),
  };
}

/** An issue has no key of its own: it is the n-th issue of its list (as the export numbers it). */
function issueKeys(rows: Record<string, Row[]>): Map<number, string> {
  const lists = new Map(
    (rows.newsletter_lists ?? []).map((row) => [Number(row.id), String(row.slug)]),
  );
  const issues = [...(rows.newsletter_issues ?? [])].sort((a, b) => Number(a.id) - Number(b.id));
  const counts = new Map<number, number>();
  const keys = new Map<number, string>();
  for (const issue of issues) {
    const list = Number(issue.list_id);
    const n = (counts.get(list) ?? 0) + 1;
    counts.set(list, n);
    keys.set(Number(issue.id), `${lists.get(list)}#${n}`);
  }
  return keys;
}

/**
 * A center's featured list is an order: positions 0, 2, 5 and 0, 1, 2 say the same. An
 * import writes them without gaps, so compare each piece's rank instead.
 */
function withRanks(rows: Row[]): Row[] {
  const sorted = [...rows].sort(
    (a, b) =>
      Number(a.center_id) - Number(b.center_id) ||
      Number(a.position) - Number(b.position) ||
      Number(a.publication_id) - Number(b.publication_id),
  );
  const next = new Map<number, number>();
  return sorted.map((row) => {
    const center = Number(row.center_id);
    const rank = next.get(center) ?? 0;
    next.set(center, rank + 1);
    return { ...row, position: rank };
  });
}
