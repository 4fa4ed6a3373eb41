import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../helpers/dialects.ts';
import { baseWorld } from '../helpers/factories.ts';
import { openTestSite, type TestSite } from '../helpers/site.ts';
import { AdminBrowser, accountsOf, PASSWORD } from './admin-helpers.ts';

/*
 * Every admin page named by a row id reads it through one check (admin-plugin's pathId):
 * whatever stands where the id should be, the answer is a 404 that names what is missing,
 * never a database error (ids are 32-bit on PostgreSQL) and never another row.
 */

const PAGES: [string, string][] = [
  ['/admin/publications/ID', 'publication'],
  ['/admin/people/ID', 'person'],
  ['/admin/terms/ID', 'term'],
  ['/admin/centers/ID', 'center'],
  ['/admin/partners/ID', 'partner'],
  ['/admin/newsletters/issues/ID', 'issue'],
];
const NOT_IDS = ['0', '-1', '1e3', '2147483648', '99999999999', '%D9%A3', '1%20', '0x10'];

for (const dialect of testDialects()) {
  describe(`${dialect.name}: ids in admin paths`, () => {
    let site: TestSite;
    let admin: AdminBrowser;

    beforeAll(async () => {
      site = await openTestSite(dialect);
      await site.seed(baseWorld());
      await accountsOf(site).createUser({
        email: 'root@example.org',
        name: 'Root',
        role: 'administrator',
        password: PASSWORD,
      });
      admin = new AdminBrowser(() => site.app);
      await admin.signIn('root@example.org', PASSWORD);
    });
    afterAll(() => site?.close());

    it('answers 404 naming the missing thing for anything that is not a row id', async () => {
      for (const [path, what] of PAGES)
        for (const id of NOT_IDS) {
          const response = await admin.get(path.replace('ID', id));
          expect(response.statusCode, `${path} with ${id}`).toBe(404);
          expect(response.body, `${path} with ${id}`).toContain(`There is no such ${what}.`);
        }
    });
  });
}
