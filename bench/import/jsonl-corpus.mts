// A JSON-lines import file of the demo's shape and any size, for the import bench and the
// crash test: the demo generator's records (network, centers, vocabularies, people, then
// the publications), one per line, with the demo's media folder copied beside the file so
// the images and logos the records name are found.
import { closeSync, cpSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateDemoRecords } from '../../src/demo/generator.ts';

const DEMO_MEDIA = fileURLToPath(new URL('../../demo/media', import.meta.url));
/** Lines are gathered into chunks of about this many characters before each write. */
const CHUNK = 1 << 20;

export interface JsonLinesCorpus {
  file: string;
  records: number;
  publications: number;
}

export function writeJsonLinesCorpus(
  file: string,
  options: { publications: number; seed: number },
): JsonLinesCorpus {
  mkdirSync(dirname(file), { recursive: true });
  cpSync(DEMO_MEDIA, join(dirname(file), 'media'), { recursive: true });
  const fd = openSync(file, 'w');
  let chunk = '';
  let records = 0;
  let publications = 0;
  try {
    for (const record of generateDemoRecords(options)) {
      chunk += `${JSON.stringify(record)}\n`;
      records++;
      if (record.kind === 'publication') publications++;
      if (chunk.length >= CHUNK) {
        writeSync(fd, chunk);
        chunk = '';
      }
    }
    writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
  return { file, records, publications };
}
