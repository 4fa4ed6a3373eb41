import { parseArgs } from 'node:util';
import { loadConfig } from '../config/load.ts';
import type { Config } from '../config/schema.ts';
import { DossierError } from '../errors.ts';
import { createDatabase, type Database } from '../storage/database.ts';
import { DEMO_FILE } from './commands/demo-file.ts';
import { serveCommand } from './commands/serve.ts';
import { out } from './output.ts';

/*
 * Commands other than serving load their modules when run: the WordPress reader, the
 * Crossref writer and the backup tools would otherwise sit in the server's memory.
 */
const commandModules = {
  backup: () => import('./commands/backup.ts'),
  crossref: () => import('./commands/crossref.ts'),
  demo: () => import('./commands/demo.ts'),
  export: () => import('./commands/export.ts'),
  import: () => import('./commands/import.ts'),
  reindex: () => import('./commands/reindex.ts'),
  importWordpress: () => import('./commands/import-wordpress.ts'),
  jobs: () => import('./commands/jobs.ts'),
  newsletter: () => import('./commands/newsletter.ts'),
  restore: () => import('./commands/restore.ts'),
  user: () => import('./commands/user.ts'),
};

const USAGE = `Usage: dossier <command> [options]

Commands:
  start                 migrate, load the demo into an empty database, and serve
  serve                 serve the site (http://localhost:3000 by default)
  migrate               bring the database schema up to date
  import FILE...        load JSON-lines files (see docs/import-format.md)
  import wordpress EXPORT.xml [--map MAP.json] [--uploads DIR] [--dry-run]
                        bring in a WordPress export (see docs/wordpress-import.md)
  export [--format jsonl] [--with-password-hashes] OUT
                        write the whole site into the new folder OUT, as
                        OUT/dossier.jsonl plus its files, for \`dossier import\`
                        (editors' password hashes only when asked)
  export --format search-records FILE
                        one JSON line per live publication, in the search-record
                        shape a hosted search service takes (see docs/search.md)
  reindex               rebuild the search index (progress and size), and have
                        running servers rebuild theirs
  backup OUT            back up the running site (database and uploads) into OUT
  restore IN            bring a backup back into an empty install
  demo [--publications N] [--seed S]
                        generate and load a corpus of the demo's shape (benchmarks)
  crossref export [--slug SLUG] [--out FILE]
                        write a Crossref DOI deposit for one live publication, or
                        for all live ones with a DOI (to FILE, else standard output)
  newsletter lists | subscribers [--list SLUG] [--status S] | export --email ADDRESS
           | erase --email ADDRESS | import CSV [--list SLUG] | issue | send | status
                        newsletter lists and subscribers, consent records, sending
                        (\`dossier newsletter\` alone lists them; docs/newsletters.md)
  user create --email ADDRESS --name NAME [--role ROLE] [--password-stdin]
  user list             accounts for the admin (/admin; see docs/admin.md)
  user disable EMAIL | user enable EMAIL
                        stop an account signing in (ending its sessions), or let
                        it sign in again
  jobs run              run the scheduled transitions that are due (servers do this
                        every second; for cron, or after all servers were down)

Options:
  --debug               show stack traces of unexpected errors
  --help                show this help

Settings come from the environment: DATABASE_URL (postgres://…), DOSSIER_DATA_DIR,
DOSSIER_SERVER_PORT or PORT, DOSSIER_SERVER_HOST, DOSSIER_SERVER_PUBLIC_URL; Crossref
deposits read DOSSIER_CROSSREF_DEPOSITOR_NAME, _DEPOSITOR_EMAIL, _REGISTRANT, _DOI_PREFIX.`;

/** Parses arguments and runs one command; returns the process exit code. */
export async function runCli(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  // `dossier newsletter …` and `dossier user …` have options of their own per subcommand:
  // they parse them themselves.
  const commandAt = argv.findIndex((a) => !a.startsWith('-'));
  const selfParsing = ['newsletter', 'user'].includes(argv[commandAt] ?? '');
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(selfParsing ? argv.slice(0, commandAt + 1) : argv);
  } catch (error) {
    out.error(`dossier: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || command === undefined || command === 'help') {
    out.line(USAGE);
    return command === undefined && !values.help ? 2 : 0;
  }
  const commands = ['start', 'serve', 'migrate', 'import', 'export', 'backup', 'restore'];
  const others = ['demo', 'crossref', 'reindex', 'newsletter', 'user', 'jobs'];
  if (![...commands, ...others].includes(command)) {
    out.error(`dossier: unknown command "${command}"\n\n${USAGE}`);
    return 2;
  }

  let database: Database | undefined;
  try {
    const config = loadConfig(env);
    // Before the database is opened: opening creates and migrates it, and a restore
    // goes only into an empty one.
    if (command === 'restore')
      return await (await commandModules.restore()).restoreCommand(config, rest, env);
    database = createDatabase(config.database);
    await migrate(database, command === 'migrate');
    if (command === 'newsletter')
      return await (await commandModules.newsletter()).newsletterCommand(
        config,
        database,
        argv.slice(commandAt + 1),
      );
    if (command === 'user')
      return await (await commandModules.user()).userCommand(
        config,
        database,
        argv.slice(commandAt + 1),
      );
    return await run(command, rest, values, config, database, env);
  } catch (error) {
    if (error instanceof DossierError) {
      out.error(`dossier: ${error.message}${error.hint ? `\n${error.hint}` : ''}`);
    } else {
      out.error(
        `dossier: ${values.debug ? ((error as Error).stack ?? String(error)) : ((error as Error).message ?? String(error))}`,
      );
      if (!values.debug) out.error('(run again with --debug for details)');
    }
    return 1;
  } finally {
    await database?.destroy();
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      debug: { type: 'boolean' },
      publications: { type: 'string' },
      seed: { type: 'string' },
      slug: { type: 'string' },
      out: { type: 'string' },
      map: { type: 'string' },
      uploads: { type: 'string' },
      'dry-run': { type: 'boolean' },
      format: { type: 'string' },
      'with-password-hashes': { type: 'boolean' },
    },
  });
}

async function migrate(database: Database, verbose: boolean): Promise<void> {
  const applied = await database.migrate();
  if (verbose || applied.length > 0) {
    out.line(
      applied.length > 0
        ? `Applied ${applied.length} migration(s): ${applied.join(', ')}`
        : 'The database schema is up to date.',
    );
  }
}

async function run(
  command: string,
  rest: string[],
  values: ReturnType<typeof parse>['values'],
  config: Config,
  database: Database,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  switch (command) {
    case 'migrate':
      return 0;
    case 'import':
      if (rest[0] === 'wordpress') {
        const { importWordpressCommand } = await commandModules.importWordpress();
        return importWordpressCommand(config, database, rest.slice(1), {
          map: values.map,
          uploads: values.uploads,
          dryRun: values['dry-run'] ?? false,
        });
      }
      return (await commandModules.import()).importCommand(config, database, rest);
    case 'demo': {
      const publications = wholeNumber(
        values.publications ?? '300',
        '--publications',
        0,
        5_000_000,
      );
      const seed = wholeNumber(values.seed ?? '1', '--seed', 0, 2 ** 31);
      return (await commandModules.demo()).demoCommand(config, database, { publications, seed });
    }
    case 'crossref':
      return (await commandModules.crossref()).crossrefCommand(config, database, rest, {
        slug: values.slug,
        out: values.out,
      });
    case 'export':
      return (await commandModules.export()).exportCommand(config, database, rest, {
        format: values.format,
        withPasswordHashes: values['with-password-hashes'] ?? false,
      });
    case 'jobs':
      return (await commandModules.jobs()).jobsCommand(config, database, rest);
    case 'reindex':
      return (await commandModules.reindex()).reindexCommand(config, database);
    case 'backup':
      return (await commandModules.backup()).backupCommand(config, database, rest, env);
    case 'start': {
      if (await isEmpty(database)) {
        out.line('The database is empty: loading the demo site…');
        const { importCommand } = await commandModules.import();
        const code = await importCommand(config, database, [DEMO_FILE]);
        if (code !== 0) return code;
        const { createDemoAdministrator } = await commandModules.user();
        const admin = await createDemoAdministrator(config, database);
        out.line(
          `A demo administrator can sign in at /admin: ${admin.email}, password ${admin.password}\n` +
            '(shown this once; `dossier user create` makes more accounts).',
        );
      }
      return serveCommand(config, database);
    }
    default:
      return serveCommand(config, database);
  }
}

function wholeNumber(text: string, name: string, min: number, max: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new DossierError(400, {
      code: 'BAD_REQUEST',
      message: `${name} must be a whole number from ${min} to ${max}, not "${text}".`,
    });
  }
  return n;
}

async function isEmpty(database: Database): Promise<boolean> {
  const row = await database.db.selectFrom('centers').select('id').limit(1).executeTakeFirst();
  return row === undefined;
}
