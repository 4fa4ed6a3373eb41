import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { createAccounts } from '../../admin/accounts/accounts.ts';
import { ROLES, type User } from '../../admin/accounts/user-store.ts';
import type { Config } from '../../config/schema.ts';
import { createMailer } from '../../email/mailer.ts';
import { systemClock } from '../../lib/clock.ts';
import type { Database } from '../../storage/database.ts';
import { out } from '../output.ts';
import { userStatusCommand } from './user-status.ts';

const USAGE = `Usage: dossier user create --email ADDRESS --name NAME [--role ROLE] [--password-stdin]
       dossier user list
       dossier user disable EMAIL
       dossier user enable EMAIL

  create   makes an account (role: ${ROLES.join(', ')}; default administrator). The
           password is read from standard input with --password-stdin; otherwise one
           is generated and printed once.
  list     prints every account: email, role, name.
  disable  stops an account signing in and ends its sessions (never the last enabled
           administrator); its pieces, byline and history stay.
  enable   lets a disabled account sign in again with its old password.
  An unknown address exits with 1, bad usage with 2.`;

/** `dossier user …`: accounts for the admin, from the command line. */
export async function userCommand(
  config: Config,
  database: Database,
  args: string[],
): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'list') {
    const accounts = accountsFor(config, database);
    for (const user of await accounts.users.list())
      out.line(`${user.email}\t${user.role}${user.disabled ? ' (disabled)' : ''}\t${user.name}`);
    return 0;
  }
  if (sub === 'disable' || sub === 'enable')
    return userStatusCommand(sub, accountsFor(config, database), rest, USAGE);
  if (sub !== 'create') {
    out.error(USAGE);
    return 2;
  }
  let values: { email?: string; name?: string; role?: string; 'password-stdin'?: boolean };
  try {
    ({ values } = parseArgs({
      args: rest,
      options: {
        email: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string' },
        'password-stdin': { type: 'boolean' },
      },
    }));
  } catch (error) {
    out.error(`dossier user create: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (!values.email || !values.name) {
    out.error(`dossier user create: --email and --name are required.\n\n${USAGE}`);
    return 2;
  }
  const generated = !values['password-stdin'];
  const password = generated ? generatePassword() : await readPassword();
  const user = await accountsFor(config, database).createUser({
    email: values.email,
    name: values.name,
    role: values.role ?? 'administrator',
    password,
  });
  out.line(`Created ${describe(user)}.`);
  if (generated) out.line(`Password (shown once): ${password}`);
  return 0;
}

/** On an empty database, `npm start` makes this account and prints how to sign in. */
export async function createDemoAdministrator(
  config: Config,
  database: Database,
): Promise<{ email: string; password: string }> {
  const password = generatePassword();
  const email = 'admin@example.org';
  await accountsFor(config, database).createUser({
    email,
    name: 'Demo Administrator',
    role: 'administrator',
    password,
  });
  return { email, password };
}

function accountsFor(config: Config, database: Database) {
  return createAccounts({
    db: database.db,
    clock: systemClock,
    mailer: () => createMailer(config),
  });
}

function describe(user: User): string {
  return `${user.role} ${user.email} (${user.name})`;
}

/** 24 random characters: about 144 bits, readable enough to type once. */
function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}

async function readPassword(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  // One line: the trailing newline of `echo` or a here-string is not part of it.
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}
