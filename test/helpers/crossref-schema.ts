import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';
import { isCi, warnLoudly } from './environment.ts';

/**
 * Crossref's published deposit schemas with an XML catalog for offline validation, shared
 * beside the checkout (../shared/fixtures/crossref, see its README). Not part of the repo:
 * they are Crossref's files, needed only by these tests.
 */
export const CROSSREF_FIXTURES = fileURLToPath(
  new URL('../../../shared/fixtures/crossref/', import.meta.url),
);
const SCHEMA = 'schemas/crossref5.3.1.xsd';

function hasXmllint(): boolean {
  return (process.env.PATH ?? '')
    .split(':')
    .some((dir) => dir !== '' && existsSync(join(dir, 'xmllint')));
}

function missing(): string | undefined {
  if (!existsSync(join(CROSSREF_FIXTURES, SCHEMA)))
    return `no Crossref schemas at ${CROSSREF_FIXTURES}`;
  if (!hasXmllint()) return 'no xmllint on PATH (Debian package libxml2-utils)';
  return undefined;
}

/**
 * `describe` for suites that validate against Crossref's schema. Without the schemas or
 * xmllint, CI fails with the reason and a developer's run skips the suite loudly.
 */
export function describeWithCrossrefSchema(name: string, fn: () => void): void {
  const reason = missing();
  if (reason === undefined) {
    describe(name, fn);
  } else if (isCi()) {
    describe(name, () => {
      it('needs the Crossref schemas and xmllint', () => {
        throw new Error(
          `${reason}: .ci/run installs libxml2-utils; the schemas ship in ../shared.`,
        );
      });
    });
  } else {
    warnLoudly(`Crossref schema tests SKIPPED (${name}): ${reason}`);
    describe.skip(name, fn);
  }
}

export interface SchemaCheck {
  valid: boolean;
  /** xmllint's report: one line per violation, with file and line. */
  report: string;
}

/** Validates deposit files against Crossref's 5.3.1 schema with xmllint, offline. */
export async function validateDeposits(documents: string[]): Promise<SchemaCheck> {
  const dir = await mkdtemp(join(tmpdir(), 'dossier-crossref-'));
  try {
    const files = await Promise.all(
      documents.map(async (xml, i) => {
        const file = join(dir, `deposit-${i + 1}.xml`);
        await writeFile(file, xml);
        return file;
      }),
    );
    return await new Promise((resolve) => {
      execFile(
        'xmllint',
        ['--noout', '--nonet', '--schema', SCHEMA, ...files],
        {
          cwd: CROSSREF_FIXTURES,
          env: { ...process.env, XML_CATALOG_FILES: 'catalog.xml' },
          maxBuffer: 64 * 1024 * 1024,
        },
        (error, stdout, stderr) => {
          const report = `${stdout}${stderr}`;
          const validated = files.every((f) => report.includes(`${f} validates`));
          resolve({ valid: error === null && validated, report });
        },
      );
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
