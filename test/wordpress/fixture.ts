import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isCi, warnLoudly } from '../helpers/environment.ts';

/**
 * The WordPress export fixture (`../shared/fixtures/wordpress/`, beside the repository):
 * its folder, or undefined when it is absent. Outside CI a missing fixture skips its
 * suites with a loud message; in CI it throws, so the suite fails rather than pass unrun.
 */
export function wordpressFixture(): string | undefined {
  const dir = fileURLToPath(new URL('../../../shared/fixtures/wordpress/', import.meta.url));
  if (existsSync(`${dir}wxr-300.xml`)) return dir;
  if (isCi()) {
    throw new Error(
      `The WordPress fixture is missing (${dir}wxr-300.xml): CI must have ../shared/fixtures beside the repository.`,
    );
  }
  warnLoudly(`WordPress fixture tests SKIPPED: ${dir}wxr-300.xml is absent`);
  return undefined;
}
