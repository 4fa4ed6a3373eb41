import type { Kysely, Selectable } from 'kysely';
import type { CenterRecord } from '../import/records.ts';
import type { CentersTable, Tables } from '../storage/tables.ts';
import type { ExportSink } from './export-sink.ts';
import { linkRecordsOf } from './item-links.ts';
import { groupBy, keysetPages, tablePages } from './keyset.ts';

/*
 * The frame of the site, written first because everything else names it: the network,
 * its centers (with their menus), newsletter lists, standing pages, publication types
 * and partners. Each table in id order, so a re-export after an import (which hands out
 * ids in file order) walks the rows in the same order.
 */

type Db = Kysely<Tables>;

export async function writeNetworks(db: Db, sink: ExportSink): Promise<void> {
  for await (const rows of tablePages(db, 'networks')) {
    for (const row of rows) {
      if (row.lettermark_path !== null)
        await sink.copyUpload(row.lettermark_path, `network ${row.slug}`, 'lettermark');
      await sink.write({
        kind: 'network',
        slug: row.slug,
        name: row.name,
        shortName: row.short_name,
        lettermark: row.lettermark_path ?? undefined,
        url: row.url ?? undefined,
      });
    }
  }
}

export async function writeCenters(db: Db, sink: ExportSink): Promise<void> {
  for await (const rows of tablePages(db, 'centers')) {
    const items = await db
      .selectFrom('navigation_items')
      .select(['center_id', 'menu', 'label', 'url'])
      .where(
        'center_id',
        'in',
        rows.map((row) => row.id),
      )
      .orderBy('center_id')
      .orderBy('position')
      .orderBy('id')
      .execute();
    const menus = groupBy(items, (item) => item.center_id);
    for (const row of rows) {
      const menu = menus.get(row.id) ?? [];
      if (row.logo_path !== null)
        await sink.copyUpload(row.logo_path, `center ${row.slug}`, 'logo');
      await sink.write(centerRecordOf(row, menu));
    }
  }
}

export async function writeNewsletterLists(db: Db, sink: ExportSink): Promise<void> {
  for await (const rows of keysetPages((after, limit) =>
    db
      .selectFrom('newsletter_lists as n')
      .innerJoin('centers as c', 'c.id', 'n.center_id')
      .select([
        'n.id',
        'n.slug',
        'n.name',
        'c.slug as center',
        'n.language',
        'n.description',
        'n.is_center_default',
        'n.cadence',
        'n.sender_name',
        'n.sender_email',
      ])
      .where('n.id', '>', after)
      .orderBy('n.id')
      .limit(limit)
      .execute(),
  )) {
    for (const row of rows) {
      await sink.write({
        kind: 'newsletter',
        slug: row.slug,
        name: row.name,
        center: row.center,
        language: row.language,
        description: row.description,
        centerDefault: row.is_center_default === 1,
        cadence: row.cadence as 'daily' | 'weekly' | 'monthly' | 'alerts',
        senderName: row.sender_name,
        senderEmail: row.sender_email,
      });
    }
  }
}

export async function writePages(db: Db, sink: ExportSink): Promise<void> {
  for await (const rows of keysetPages((after, limit) =>
    db
      .selectFrom('pages as p')
      .innerJoin('centers as c', 'c.id', 'p.center_id')
      .select(['p.id', 'c.slug as center', 'p.slug', 'p.title', 'p.summary', 'p.body_markdown'])
      .where('p.id', '>', after)
      .orderBy('p.id')
      .limit(limit)
      .execute(),
  )) {
    const links = await linkRecordsOf(
      db,
      'page',
      new Map(
        rows.map((row) => [row.id, { item: 'page' as const, center: row.center, slug: row.slug }]),
      ),
      sink,
    );
    for (const row of rows) {
      await sink.write({
        kind: 'page',
        center: row.center,
        slug: row.slug,
        title: row.title,
        summary: row.summary,
        body: row.body_markdown,
      });
      for (const link of links.get(row.id) ?? []) await sink.write(link);
    }
  }
}

export async function writeTypes(db: Db, sink: ExportSink): Promise<void> {
  for await (const rows of tablePages(db, 'publication_types')) {
    for (const row of rows) {
      await sink.write({
        kind: 'type',
        slug: row.slug,
        name: row.name,
        pluralName: row.plural_name,
        position: row.position,
      });
    }
  }
}

export async function writePartners(db: Db, sink: ExportSink): Promise<void> {
  for await (const rows of tablePages(db, 'partners')) {
    for (const row of rows) {
      await sink.write({
        kind: 'partner',
        slug: row.slug,
        name: row.name,
        url: row.url ?? undefined,
      });
    }
  }
}

/**
 * A stored center and its menu items (in menu order) as the import format's record: what
 * an export writes, and what the admin's center form starts from.
 */
export function centerRecordOf(
  row: Selectable<CentersTable>,
  menuItems: { menu: string; label: string; url: string }[],
): CenterRecord {
  const entries = (name: 'header' | 'footer') =>
    menuItems.filter((item) => item.menu === name).map(({ label, url }) => ({ label, url }));
  return {
    kind: 'center',
    slug: row.slug,
    name: row.name,
    shortName: row.short_name,
    headquarters: row.is_headquarters === 1,
    tagline: row.tagline,
    description: row.description,
    logo: row.logo_path ?? undefined,
    accentColor: row.accent_color,
    locale: row.locale,
    timeZone: row.time_zone,
    host: row.host ?? undefined,
    pathPrefix: row.path_prefix ?? undefined,
    address: {
      street: row.street_address,
      locality: row.locality,
      postalCode: row.postal_code,
      country: row.country,
    },
    phone: row.phone,
    // Stored as '' when the center has none; the format leaves the field out instead.
    email: row.email === '' ? undefined : row.email,
    disclaimer: row.disclaimer,
    feedFullText: row.feed_full_text === 1,
    navigation: { header: entries('header'), footer: entries('footer') },
    position: row.position,
  };
}
