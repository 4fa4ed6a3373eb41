/*
 * Rebuilds the committed demo: demo/dossier-demo.jsonl and every SVG under demo/media/.
 * Each record is validated against the import schema before it is written, so a broken
 * generator fails here rather than at `dossier import`.
 *
 *   npx tsx scripts/build-demo.ts
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { COMMITTED_DEMO_OPTIONS, generateDemoRecords } from '../src/demo/generator.ts';
import { demoMediaFiles } from '../src/demo/media-files.ts';
import { importRecord } from '../src/import/records.ts';

const demoDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'demo');

function buildRecords(): { lines: string[]; counts: Record<string, number> } {
  const lines: string[] = [];
  const counts: Record<string, number> = {};
  for (const record of generateDemoRecords(COMMITTED_DEMO_OPTIONS)) {
    const parsed = importRecord.safeParse(record);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      console.error(
        `record ${lines.length + 1} (${record.kind} ${'slug' in record ? record.slug : 'src' in record ? record.src : ''}): ${issue?.path.join('.')}: ${issue?.message}`,
      );
      process.exit(1);
    }
    lines.push(JSON.stringify(record));
    counts[record.kind] = (counts[record.kind] ?? 0) + 1;
  }
  return { lines, counts };
}

function writeMedia(): number {
  // Start from an empty media folder so renamed people or images leave no stale files.
  rmSync(join(demoDir, 'media'), { recursive: true, force: true });
  let count = 0;
  for (const file of demoMediaFiles()) {
    const target = join(demoDir, file.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.content);
    count++;
  }
  return count;
}

const { lines, counts } = buildRecords();
mkdirSync(demoDir, { recursive: true });
writeFileSync(join(demoDir, 'dossier-demo.jsonl'), `${lines.join('\n')}\n`);
const files = writeMedia();
console.log(`demo/dossier-demo.jsonl: ${lines.length} records`, counts);
console.log(`demo/media: ${files} SVG files`);
