import { join } from 'node:path';
import { createScheduler } from '../../admin/scheduler/scheduler.ts';
import type { Config } from '../../config/schema.ts';
import { systemClock } from '../../lib/clock.ts';
import type { Database } from '../../storage/database.ts';
import { out } from '../output.ts';

/**
 * `dossier jobs run`: runs every scheduled transition that is due, once, and exits. Every
 * `dossier serve` does this each second; this is for a site whose servers were all down
 * at a due time, or for cron. Safe beside running servers: each job still runs once.
 */
export async function jobsCommand(
  config: Config,
  database: Database,
  args: string[],
): Promise<number> {
  if (args[0] !== 'run' || args.length > 1) {
    out.error('Usage: dossier jobs run   (runs the scheduled transitions that are due)');
    return 2;
  }
  const scheduler = createScheduler({
    db: database.db,
    dialect: database.dialect,
    clock: systemClock,
    uploadsDir: join(config.data.dir, 'uploads'),
  });
  const ran = await scheduler.runDue();
  out.line(`dossier jobs: ${ran} due job(s) run by ${scheduler.workerId}`);
  return 0;
}
