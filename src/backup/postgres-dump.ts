import { runTool, type ToolEnv } from './external-tool.ts';

/*
 * PostgreSQL backups are PostgreSQL's own: pg_dump writes a consistent snapshot of a
 * running database (custom format: compressed, restorable selectively), pg_restore loads
 * it. Both must be of the server's major version or newer.
 */

const INSTALL_HINT =
  "Install PostgreSQL's client programs of the server's major version (Debian: apt-get install postgresql-client-15 for a version 15 server) and run the command again.";

/** Dumps the database at `url` into `file` (pg_dump custom format). */
export async function dumpPostgres(url: string, file: string, env: ToolEnv): Promise<void> {
  const connection = splitPassword(url, env);
  await runTool(
    'pg_dump',
    ['--format=custom', '--no-privileges', `--file=${file}`, connection.dbname],
    connection.env,
    INSTALL_HINT,
  );
}

/**
 * Loads a pg_dump archive into the (empty) database at `url` in one transaction, so a
 * failure half way leaves the database as empty as it was.
 */
export async function restorePostgres(url: string, file: string, env: ToolEnv): Promise<void> {
  const connection = splitPassword(url, env);
  await runTool(
    'pg_restore',
    [
      '--no-owner',
      '--no-privileges',
      '--exit-on-error',
      '--single-transaction',
      `--dbname=${connection.dbname}`,
      file,
    ],
    connection.env,
    INSTALL_HINT,
  );
}

/**
 * The connection URL without its password, which goes to the program in PGPASSWORD
 * instead: arguments are visible to every user of the machine (ps), the environment not.
 */
function splitPassword(url: string, env: ToolEnv): { dbname: string; env: ToolEnv } {
  const parsed = new URL(url);
  if (parsed.password === '') return { dbname: url, env };
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return { dbname: parsed.toString(), env: { ...env, PGPASSWORD: password } };
}
