import type { Kysely } from 'kysely';
import type { Tables } from '../../storage/tables.ts';
import type { SourceRecord } from '../import-service.ts';
import type { ImportRecordInput } from '../records.ts';
import type { WordpressMap } from './map-file.ts';
import type { PeoplePlan } from './people-plan.ts';
import type { PostPlan } from './post-plan.ts';
import { toDossierSlug } from './slugs.ts';
import type { TermPlan } from './term-plan.ts';
import type { WxrIndex } from './wxr-index.ts';

/*
 * The records an export's items lean on, written before the items: the center that
 * receives them, publication types, terms (parents first) and the people of the bylines.
 * Centers and types that exist already are left alone: an import must not reset a
 * center's address or a type's name to defaults.
 */

export interface SiteSetup {
  /** The Dossier center that owns pages and posts without a center term. */
  center: string;
  timeZone: string;
  records: SourceRecord[];
}

export async function planSetup(
  db: Kysely<Tables>,
  index: WxrIndex,
  plans: {
    map: WordpressMap;
    posts: PostPlan;
    terms: TermPlan;
    people: PeoplePlan;
    source: string;
  },
): Promise<SiteSetup | { error: string }> {
  const { map, posts, terms, people, source } = plans;
  const records: SourceRecord[] = [];
  const add = (line: number, label: string, value: ImportRecordInput) =>
    records.push({ line, label, value });
  const home = await homeCenter(db, map);
  if ('error' in home) return home;
  const channel = index.channel;
  const timeZone = map.timeZone ?? home.timeZone ?? 'UTC';
  let center = home.slug;
  if (center === undefined) {
    center = toDossierSlug(channel?.title ?? '') || 'main';
    const name = channel?.title || 'Main';
    add(0, `site “${name}”`, {
      kind: 'center',
      slug: center,
      name,
      shortName: name.slice(0, 60),
      headquarters: true,
      timeZone,
    });
  }

  const existingTypes = new Set(
    (await db.selectFrom('publication_types').select('slug').execute()).map((t) => t.slug),
  );
  for (const rule of Object.values(posts.rules)) {
    if (typeof rule === 'string' || existingTypes.has(rule.type)) continue;
    existingTypes.add(rule.type);
    const name = rule.name ?? capitalize(rule.type.replace(/-/g, ' '));
    add(0, `type ${rule.type}`, {
      kind: 'type',
      slug: rule.type,
      name,
      pluralName: rule.pluralName ?? `${name}s`,
    });
  }

  const existingCenters = new Set(
    (await db.selectFrom('centers').select('slug').execute()).map((c) => c.slug),
  );
  for (const planned of terms.centers) {
    if (existingCenters.has(planned.slug) || planned.slug === center) continue;
    add(planned.source.line, `${planned.source.taxonomy} “${planned.source.name}”`, {
      kind: 'center',
      slug: planned.slug,
      name: planned.source.name || planned.slug,
      shortName: (planned.source.name || planned.slug).slice(0, 60),
    });
  }

  for (const planned of terms.terms) {
    if (planned.target === 'center') continue;
    const term = planned.source;
    add(term.line, `${term.taxonomy} “${term.name}”`, {
      kind: 'term',
      taxonomy: planned.target,
      slug: planned.slug,
      name: term.name || planned.slug,
      ...(planned.parent ? { parent: planned.parent } : {}),
      description: term.description,
      ...(term.id > 0 ? { externalId: `${source}/term/${term.id}` } : {}),
      oldUrls: termPaths(index, term.taxonomy, term.slug),
    });
  }

  for (const person of people.people) {
    add(person.line, `${person.origin.replace('/', ' ')} “${person.name}”`, {
      kind: 'person',
      slug: person.slug,
      name: person.name,
      ...(person.sortName ? { sortName: person.sortName } : {}),
      bio: person.bio,
      externalId: `${source}/${person.origin}`,
      oldUrls: person.authorPath ? [person.authorPath] : [],
    });
  }
  return { center, timeZone, records };
}

async function homeCenter(
  db: Kysely<Tables>,
  map: WordpressMap,
): Promise<{ slug: string | undefined; timeZone: string | undefined } | { error: string }> {
  const query = db.selectFrom('centers').select(['slug', 'time_zone']);
  const row = map.center
    ? await query.where('slug', '=', map.center).executeTakeFirst()
    : await query
        .orderBy('is_headquarters', 'desc')
        .orderBy('position')
        .orderBy('id')
        .executeTakeFirst();
  if (map.center && !row)
    return { error: `The map names the center "${map.center}", which does not exist.` };
  return { slug: row?.slug, timeZone: row?.time_zone };
}

/** A category's archive lives at /category/parent/child/, a tag's at /tag/slug/. */
function termPaths(index: WxrIndex, taxonomy: string, slug: string): string[] {
  if (taxonomy === 'post_tag') return [`/tag/${slug}`];
  if (taxonomy !== 'category') return [];
  const chain = [slug];
  for (let term = index.term(taxonomy, slug); term?.parent && chain.length < 16; ) {
    chain.unshift(term.parent);
    term = index.term(taxonomy, term.parent);
  }
  return [`/category/${chain.join('/')}`];
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
