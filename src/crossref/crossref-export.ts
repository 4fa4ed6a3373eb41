import { NotFoundError } from '../errors.ts';
import type { Clock } from '../lib/clock.ts';
import { stripNonXml } from '../lib/xml-text.ts';
import type { CenterRepository } from '../storage/repositories/center-repository.ts';
import type { PublicationRepository } from '../storage/repositories/publication-repository.ts';
import { type DepositProblem, type DepositRecord, toDepositRecord } from './deposit-record.ts';
import type { DepositSettings } from './deposit-settings.ts';
import { depositXml } from './deposit-xml.ts';

export interface CrossrefExportDeps {
  publications: PublicationRepository;
  centers: CenterRepository;
  clock: Clock;
}

/** A piece left out of the deposit, and why. */
export interface LeftOut extends DepositProblem {
  id: number;
  slug: string;
}

export interface CrossrefExport {
  /** The deposit file, or null when no piece could go in it. */
  xml: string | null;
  deposited: { slug: string; doi: string }[];
  leftOut: LeftOut[];
}

/**
 * Builds a Crossref deposit for one live publication (by slug) or for every live one
 * that has a DOI. Pieces that cannot be deposited are left out and listed with each
 * field at fault; the rest still make a valid file. Only live pieces are read: a DOI
 * must never point at a page the public cannot see.
 */
export function createCrossrefExport(deps: CrossrefExportDeps) {
  return {
    async run(settings: DepositSettings, options: { slug?: string } = {}): Promise<CrossrefExport> {
      const now = deps.clock.now();
      const [centers, network] = await Promise.all([
        deps.centers.listAll(),
        deps.centers.findNetwork(),
      ]);
      const context = {
        doiPrefix: settings.doiPrefix,
        publicUrl: settings.publicUrl.replace(/\/+$/, ''),
        network: network ?? { slug: '', name: '', shortName: '', lettermarkPath: null, url: null },
        centers: new Map(centers.map((c) => [c.id, c])),
      };
      const slugs =
        options.slug === undefined
          ? await deps.publications.listSlugsWithDoi({ now })
          : [options.slug];

      const records: DepositRecord[] = [];
      const deposited: CrossrefExport['deposited'] = [];
      const leftOut: LeftOut[] = [];
      for (const slug of slugs) {
        const publication = await deps.publications.findBySlug(slug, { now });
        // Unpublished since the list was read: nothing to deposit, nothing wrong with it.
        if (!publication && options.slug === undefined) continue;
        if (!publication) throw notLive(slug);
        const mapped = toDepositRecord(publication, context);
        if (mapped.ok) {
          records.push(mapped.record);
          deposited.push({ slug, doi: mapped.record.doi });
        } else {
          for (const p of mapped.problems) leftOut.push({ id: publication.id, slug, ...p });
        }
      }
      const head = {
        batchId: `dossier-${digitsOf(now)}`,
        timestamp: digitsOf(now),
        depositorName: settings.depositorName,
        depositorEmail: settings.depositorEmail,
        registrant:
          settings.registrant ??
          (stripNonXml(context.network.name).trim() || settings.depositorName),
      };
      return { xml: records.length > 0 ? depositXml(head, records) : null, deposited, leftOut };
    },
  };
}

function notLive(slug: string): NotFoundError {
  return new NotFoundError({
    code: 'NOT_FOUND',
    field: 'slug',
    message: `No live publication has the slug "${slug}".`,
    hint: 'Only published pieces can be deposited; check the slug on the site.',
  });
}

/** 2026-06-01T12:00:00.123Z → 20260601120000123: Crossref's timestamps are plain integers. */
function digitsOf(moment: Date): string {
  return moment.toISOString().replace(/\D/g, '');
}
