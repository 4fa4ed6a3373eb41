import { SKIP_WARNED_ENV, SKIP_WARNING } from './dialects.ts';
import { isCi, warnLoudly } from './environment.ts';

/*
 * Runs once per `vitest run`, in the main process. Without DATABASE_URL outside CI it prints
 * the PostgreSQL skip warning at the start and again at the end of the run (where people
 * look), instead of once per test file. (In CI, testDialects() throws instead.)
 */

function isSkippingPostgres(): boolean {
  const url = process.env.DATABASE_URL;
  return (url === undefined || url === '') && !isCi();
}

export function setup(): void {
  if (!isSkippingPostgres()) return;
  warnLoudly(SKIP_WARNING);
  // Workers are forked after this and inherit the variable: they stay quiet.
  process.env[SKIP_WARNED_ENV] = '1';
}

export function teardown(): void {
  if (isSkippingPostgres()) warnLoudly(SKIP_WARNING);
}
