import type { User } from '../accounts/user-store.ts';

/** What every admin page is rendered with. */
export interface AdminView {
  /** The signed-in account; undefined on the sign-in and reset pages. */
  user: User | undefined;
  /** The token every form of this page must send back (see csrf.ts). */
  csrf: string;
  /** The path being shown, for marking the current menu entry. */
  path: string;
  assetVersion: string;
  networkName: string;
}

/** Who may do what. Authors write; editors publish; administrators also manage accounts. */
export const can = {
  manageUsers: (user: User | undefined) => user?.role === 'administrator',
  readAuditLog: (user: User | undefined) =>
    user?.role === 'administrator' || user?.role === 'editor',
};
