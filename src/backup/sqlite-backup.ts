import SqliteDatabase from 'better-sqlite3';
import { ValidationError } from '../errors.ts';

/**
 * Pages per backup step: all of them. SQLite's online backup copies in steps, and a
 * write by another connection between two steps restarts it from the first page; with a
 * busy site it might never finish. One step copies the whole file under one read
 * transaction, which in WAL mode never blocks the site's readers or writers.
 */
const ALL_PAGES = 0x7fffffff;

/**
 * Copies a live SQLite database into `target` with SQLite's online backup API, while
 * other connections (the site) go on reading and writing, then checks the copy.
 */
export async function backupSqlite(sourcePath: string, target: string): Promise<void> {
  const source = new SqliteDatabase(sourcePath, { fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    await source.backup(target, { progress: () => ALL_PAGES });
  } finally {
    source.close();
  }
  checkSqliteFile(target);
}

/**
 * Opens a copy, makes it one self-contained file (the live database runs in WAL mode,
 * which a copy would otherwise keep, with side files) and runs SQLite's integrity check.
 */
export function checkSqliteFile(path: string): void {
  const copy = new SqliteDatabase(path, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
    const result = copy.pragma('integrity_check', { simple: true });
    if (result !== 'ok') {
      throw new ValidationError({
        code: 'BACKUP_INVALID',
        message: `The copy of the database failed SQLite's integrity check (${String(result)}).`,
        hint: 'Run the backup again; if it fails again, check the live database with `sqlite3 data/dossier.sqlite "pragma integrity_check"`.',
      });
    }
  } finally {
    copy.close();
  }
}
