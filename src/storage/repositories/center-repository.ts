import type { Kysely } from 'kysely';
import type { Center, Network, NewsletterListRef } from '../../domain/center.ts';
import type { Tables } from '../tables.ts';
import { groupBy } from './row-mappers.ts';

export interface CenterRepository {
  /** Every center with its menus and newsletter lists: four queries, whatever the count. */
  listAll(): Promise<Center[]>;
  findNetwork(): Promise<Network | undefined>;
  /** A marker that changes whenever a center, menu or list changes (for caches). */
  findVersion(): Promise<string>;
}

export function createCenterRepository(db: Kysely<Tables>): CenterRepository {
  return {
    async listAll() {
      const [centers, nav, lists] = await Promise.all([
        db.selectFrom('centers').selectAll().orderBy('position').orderBy('name').execute(),
        db
          .selectFrom('navigation_items')
          .selectAll()
          .orderBy('center_id')
          .orderBy('menu')
          .orderBy('position')
          .execute(),
        db
          .selectFrom('newsletter_lists')
          .selectAll()
          .orderBy('center_id')
          .orderBy('name')
          .execute(),
      ]);
      const navByCenter = groupBy(nav, (n) => n.center_id);
      const listsByCenter = groupBy(lists, (l) => l.center_id);
      return centers.map((row): Center => {
        const items = navByCenter.get(row.id) ?? [];
        const centerLists = listsByCenter.get(row.id) ?? [];
        const toRef = (l: (typeof lists)[number]): NewsletterListRef => ({
          id: l.id,
          slug: l.slug,
          name: l.name,
          language: l.language,
          description: l.description,
        });
        const defaultList = centerLists.find((l) => l.is_center_default === 1) ?? centerLists[0];
        return {
          id: row.id,
          slug: row.slug,
          name: row.name,
          shortName: row.short_name,
          isHeadquarters: row.is_headquarters === 1,
          tagline: row.tagline,
          description: row.description,
          logoPath: row.logo_path,
          accentColor: row.accent_color,
          locale: row.locale,
          timeZone: row.time_zone,
          host: row.host,
          pathPrefix: row.path_prefix,
          streetAddress: row.street_address,
          locality: row.locality,
          postalCode: row.postal_code,
          country: row.country,
          phone: row.phone,
          email: row.email,
          disclaimer: row.disclaimer,
          headerMenu: items
            .filter((i) => i.menu === 'header')
            .map(({ label, url }) => ({ label, url })),
          footerMenu: items
            .filter((i) => i.menu === 'footer')
            .map(({ label, url }) => ({ label, url })),
          newsletters: centerLists.map(toRef),
          defaultNewsletter: defaultList ? toRef(defaultList) : null,
          feedFullText: row.feed_full_text === 1,
        };
      });
    },

    async findNetwork() {
      const row = await db.selectFrom('networks').selectAll().orderBy('id').executeTakeFirst();
      return (
        row && {
          slug: row.slug,
          name: row.name,
          shortName: row.short_name,
          lettermarkPath: row.lettermark_path,
          url: row.url,
        }
      );
    },

    async findVersion() {
      const rows = await Promise.all([
        db
          .selectFrom('centers')
          .select((eb) => [eb.fn.max('updated_at').as('at'), eb.fn.countAll<number>().as('n')])
          .executeTakeFirst(),
        db
          .selectFrom('newsletter_lists')
          .select((eb) => [eb.fn.max('updated_at').as('at'), eb.fn.countAll<number>().as('n')])
          .executeTakeFirst(),
        db
          .selectFrom('networks')
          .select((eb) => [eb.fn.max('updated_at').as('at'), eb.fn.countAll<number>().as('n')])
          .executeTakeFirst(),
      ]);
      return rows.map((r) => `${r?.at ?? ''}/${r?.n ?? 0}`).join('|');
    },
  };
}
