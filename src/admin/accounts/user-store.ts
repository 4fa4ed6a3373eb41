import type { Kysely, Selectable } from 'kysely';
import type { Tables, UserRole, UsersTable } from '../../storage/tables.ts';

export const ROLES: readonly UserRole[] = ['administrator', 'editor', 'author'];

/** An account as the admin sees it: never with its password hash. */
export interface User {
  id: number;
  email: string;
  name: string;
  role: UserRole;
  personId: number | null;
  disabled: boolean;
  passwordChangedAt: string;
  createdAt: string;
}

type Row = Selectable<UsersTable>;

export function createUserStore(db: Kysely<Tables>) {
  const toUser = (row: Omit<Row, 'password_hash'>): User => ({
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    personId: row.person_id,
    disabled: row.disabled === 1,
    passwordChangedAt: row.password_changed_at,
    createdAt: row.created_at,
  });
  const columns = [
    'id',
    'email',
    'name',
    'role',
    'person_id',
    'disabled',
    'password_changed_at',
    'created_at',
    'updated_at',
  ] as const;

  return {
    async byId(id: number): Promise<User | undefined> {
      const row = await db
        .selectFrom('users')
        .select(columns)
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toUser(row);
    },

    /** The account and its hash, for signing in; `email` must already be lower-cased. */
    async withHashByEmail(
      email: string,
    ): Promise<{ user: User; passwordHash: string } | undefined> {
      const row = await db
        .selectFrom('users')
        .select([...columns, 'password_hash'])
        .where('email', '=', email)
        .executeTakeFirst();
      return row && { user: toUser(row), passwordHash: row.password_hash };
    },

    async list(): Promise<User[]> {
      const rows = await db.selectFrom('users').select(columns).orderBy('email').execute();
      return rows.map(toUser);
    },

    async count(): Promise<number> {
      const row = await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async insert(values: {
      email: string;
      name: string;
      role: UserRole;
      personId: number | null;
      passwordHash: string;
      now: string;
    }): Promise<User> {
      const row = await db
        .insertInto('users')
        .values({
          email: values.email,
          name: values.name,
          role: values.role,
          person_id: values.personId,
          password_hash: values.passwordHash,
          password_changed_at: values.now,
          created_at: values.now,
          updated_at: values.now,
        })
        .returning(columns)
        .executeTakeFirstOrThrow();
      return toUser(row);
    },

    async setPassword(id: number, passwordHash: string, now: string): Promise<void> {
      await db
        .updateTable('users')
        .set({ password_hash: passwordHash, password_changed_at: now, updated_at: now })
        .where('id', '=', id)
        .execute();
    },
  };
}

export type UserStore = ReturnType<typeof createUserStore>;
