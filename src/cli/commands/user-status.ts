import { parseArgs } from 'node:util';
import { type Accounts, accountEmail } from '../../admin/accounts/accounts.ts';
import type { User } from '../../admin/accounts/user-store.ts';
import { ValidationError } from '../../errors.ts';
import { out } from '../output.ts';

/*
 * `dossier user disable EMAIL` and `dossier user enable EMAIL`: the Users page's buttons,
 * with the same rules (admin/accounts/account-status.ts): disabling ends the account's
 * sessions and spends its reset links, and the last enabled administrator stays enabled.
 *
 * Whoever runs the command acts as an administrator: they hold the database's keys
 * already. They have no account, so the audit log names them "(command line)" with no
 * user id, as it does for `dossier user create`. account-status.ts types its actor as a
 * User, whose id is a number; null is what the log's user_id holds for "no account", and
 * the only other use of the id (no one disables their own account) compares it with an
 * account's id, which null never equals.
 */
const COMMAND_LINE: User = {
  id: null as unknown as number,
  email: '(command line)',
  name: 'command line',
  role: 'administrator',
  personId: null,
  disabled: false,
  passwordChangedAt: '',
  createdAt: '',
};

type StatusChange = 'disable' | 'enable';

/** Returns the exit code: 0 done (or nothing to do), 1 no such account, 2 bad usage. */
export async function userStatusCommand(
  change: StatusChange,
  accounts: Accounts,
  args: string[],
  usage: string,
): Promise<number> {
  let positionals: string[];
  try {
    ({ positionals } = parseArgs({ args, allowPositionals: true, options: {} }));
  } catch (error) {
    out.error(`dossier user ${change}: ${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  if (positionals.length !== 1) {
    out.error(`dossier user ${change}: give one email address.\n\n${usage}`);
    return 2;
  }
  let email: string;
  try {
    email = accountEmail(positionals[0] as string);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    out.error(`dossier user ${change}: ${error.message}\n\n${usage}`);
    return 2;
  }
  const user = (await accounts.users.withHashByEmail(email))?.user;
  if (!user) {
    out.error(
      `dossier user ${change}: no account has the address ${email}; \`dossier user list\` shows every account.`,
    );
    return 1;
  }
  const who = `${user.role} ${user.email} (${user.name})`;
  if (user.disabled === (change === 'disable')) {
    out.line(`${who} is already ${change}d: nothing changed.`);
    return 0;
  }
  if (change === 'disable') {
    const ended = await accounts.status.disable(user.id, COMMAND_LINE, { ip: '' });
    out.line(`Disabled ${who}: it cannot sign in, and ${ended} session(s) ended.`);
  } else {
    await accounts.status.enable(user.id, COMMAND_LINE, { ip: '' });
    out.line(`Enabled ${who}: it can sign in again with its password.`);
  }
  return 0;
}
