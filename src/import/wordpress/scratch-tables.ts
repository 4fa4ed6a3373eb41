import Database from 'better-sqlite3';

/*
 * Where a WordPress import keeps what it knows of every item between its two passes
 * (ids, slugs, old addresses, attachment files, bylines, where each post goes). Kept in
 * JavaScript maps that was about a kilobyte per item, so a 40,000-post export took some
 * 60 MB more than a 10,000-post one; here it sits in a private SQLite database on disk,
 * read back one row at a time, and the import's memory stays the same whatever the size
 * of the export. SQLite deletes the file when the import closes it.
 */

/** Rows read at a time when a table is walked in order. */
const PAGE = 1_000;
/** Writes between commits: one transaction per write would be slow, one for all unneeded. */
const WRITES_PER_COMMIT = 5_000;

type Key = string | number;

export class ScratchDatabase {
  private readonly db: Database.Database;
  private tables = 0;
  private writes = 0;

  constructor() {
    // An empty file name is SQLite's private temporary database: on disk, its own, and
    // removed on close. Nothing in it needs to survive a crash, so no journal, no syncs.
    this.db = new Database('');
    this.db.pragma('journal_mode = OFF');
    this.db.pragma('synchronous = OFF');
    // A small cache: the point is to keep these rows out of memory.
    this.db.pragma('cache_size = -2048');
    this.db.exec('begin');
  }

  /** A map from numbers or strings to JSON values that keeps its insertion order, like Map. */
  map<K extends Key, V>(): ScratchMap<K, V> {
    const table = `map_${++this.tables}`;
    // `seq` keeps insertion order (values() walks it); an upsert keeps the first `seq`,
    // as Map.set keeps a key's first place.
    this.db.exec(
      `create table ${table} (seq integer primary key, k unique not null, v text not null)`,
    );
    return new ScratchMap<K, V>(this.db, table, () => this.wrote());
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private wrote(): void {
    if (++this.writes % WRITES_PER_COMMIT === 0) this.db.exec('commit; begin');
  }
}

export class ScratchMap<K extends Key, V> {
  private readonly upsert: Database.Statement;
  private readonly select: Database.Statement;
  private readonly page: Database.Statement;
  private readonly wrote: () => void;

  constructor(db: Database.Database, table: string, wrote: () => void) {
    this.wrote = wrote;
    this.upsert = db.prepare(
      `insert into ${table} (k, v) values (?, ?) on conflict (k) do update set v = excluded.v`,
    );
    this.select = db.prepare(`select v from ${table} where k = ?`).pluck();
    this.page = db.prepare(`select seq, v from ${table} where seq > ? order by seq limit ${PAGE}`);
  }

  get(key: K): V | undefined {
    const json = this.select.get(key) as string | undefined;
    return json === undefined ? undefined : (JSON.parse(json) as V);
  }

  has(key: K): boolean {
    return this.select.get(key) !== undefined;
  }

  set(key: K, value: V): this {
    this.upsert.run(key, JSON.stringify(value));
    this.wrote();
    return this;
  }

  /**
   * The values in insertion order, read a page at a time, so the caller may write to
   * this or any other scratch table while walking it.
   */
  *values(): Generator<V> {
    let after = 0;
    for (;;) {
      const rows = this.page.all(after) as { seq: number; v: string }[];
      for (const row of rows) yield JSON.parse(row.v) as V;
      const last = rows.at(-1);
      if (last === undefined || rows.length < PAGE) return;
      after = last.seq;
    }
  }
}
