import { writeFile } from 'node:fs/promises';
import type { Config } from '../../config/schema.ts';
import { createCrossrefExport } from '../../crossref/crossref-export.ts';
import { depositSettings } from '../../crossref/deposit-settings.ts';
import { systemClock } from '../../lib/clock.ts';
import type { Database } from '../../storage/database.ts';
import { createCenterRepository } from '../../storage/repositories/center-repository.ts';
import { createPublicationRepository } from '../../storage/repositories/publication-repository.ts';
import { out } from '../output.ts';

/**
 * `dossier crossref export [--slug SLUG] [--out FILE]`: writes a Crossref deposit for one
 * live publication or every live one with a DOI, to FILE or standard output. Pieces left
 * out are listed on standard error by slug, id and field; the exit code is then 1.
 */
export async function crossrefCommand(
  config: Config,
  database: Database,
  args: string[],
  options: { slug?: string | undefined; out?: string | undefined },
): Promise<number> {
  if (args[0] !== 'export' || args.length > 1) {
    out.error(
      'dossier crossref: the one subcommand is export, e.g. dossier crossref export --out deposit.xml',
    );
    return 2;
  }
  const settings = depositSettings(config);
  const exporter = createCrossrefExport({
    publications: createPublicationRepository(database.db),
    centers: createCenterRepository(database.db),
    clock: systemClock,
  });
  const result = await exporter.run(
    settings,
    options.slug === undefined ? {} : { slug: options.slug },
  );
  for (const p of result.leftOut) {
    out.error(
      `dossier crossref: publication ${p.slug} (id ${p.id}): field ${p.field}: ${p.message}`,
    );
  }
  if (result.xml === null) {
    out.error(
      result.leftOut.length > 0
        ? 'dossier crossref: nothing to deposit: every piece was left out (see above).'
        : 'dossier crossref: nothing to deposit: no live publication has a DOI.',
    );
  } else if (options.out) {
    await writeFile(options.out, result.xml);
  } else {
    out.line(result.xml);
  }
  const leftOutSlugs = new Set(result.leftOut.map((p) => p.slug));
  out.error(
    `dossier crossref: ${result.deposited.length} deposited${options.out && result.xml !== null ? ` in ${options.out}` : ''}; ${leftOutSlugs.size} left out`,
  );
  return leftOutSlugs.size > 0 ? 1 : 0;
}
