import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDossier } from '../helpers/dossier-cli.ts';
import { sampleWxr } from './wxr-sample.ts';

const dossier = (args: string[], cwd: string) =>
  runDossier(args, cwd, { DOSSIER_DATA_DIR: 'data' });

describe('dossier import wordpress', () => {
  let cwd: string;
  beforeAll(async () => {
    cwd = await mkdtemp(join(tmpdir(), 'dossier-wp-cli-'));
    await writeFile(
      join(cwd, 'site.xml'),
      sampleWxr({
        authors: [{ id: 2, login: 'ann', name: 'Ann Archer' }],
        items: [
          { id: 10, title: 'Kept' },
          { id: 11, title: 'T'.repeat(10_000) },
        ],
      }),
    );
    await writeFile(join(cwd, 'feed.xml'), '<?xml version="1.0"?><rss><channel></channel></rss>');
  });
  afterAll(() => rm(cwd, { recursive: true, force: true }));

  it('prints what a dry run would do, then imports, naming each skipped item by line and field', async () => {
    const dry = await dossier(['import', 'wordpress', 'site.xml', '--dry-run'], cwd);
    expect(dry.stdout).toContain('dry run, nothing written');
    expect(dry.stdout).toContain('publication: 1 new, 0 updated, 0 unchanged');
    const real = await dossier(['import', 'wordpress', 'site.xml'], cwd);
    expect(real.code).toBe(1);
    expect(real.stdout).toContain('publication: 1 new, 0 updated, 0 unchanged');
    expect(real.stderr).toMatch(/site\.xml:\d+: skipped post 11 “T+…”: field title: /);
    const again = await dossier(['import', 'wordpress', 'site.xml'], cwd);
    expect(again.stdout).toContain('publication: 0 new, 0 updated, 1 unchanged');
  }, 60_000);

  it('refuses a missing file, a file that is no export and a bad map, without a stack trace', async () => {
    const runs = await Promise.all([
      dossier(['import', 'wordpress', 'nope.xml'], cwd),
      dossier(['import', 'wordpress', 'feed.xml'], cwd),
      dossier(['import', 'wordpress', 'site.xml', '--map', 'site.xml'], cwd),
    ]);
    expect(runs.map((r) => r.code)).toEqual([1, 1, 1]);
    expect(runs[0]?.stderr).toContain('nope.xml: no such file');
    expect(runs[1]?.stderr).toContain('feed.xml is not a WordPress export');
    expect(runs[2]?.stderr).toContain('site.xml: is not valid JSON');
    for (const run of runs) expect(run.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);
});
