// The import bench's baseline: reads a JSON-lines import file the way `dossier import`
// does (a stream of lines), JSON.parses and validates each record with the importer's own
// Zod schema, and writes nothing: the floor of what the importer can do on this machine.
//
//   npx tsx bench/import/validate-only.mts FILE      → one line of JSON on stdout
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { importRecord } from '../../src/import/records.ts';

const file = process.argv[2];
if (file === undefined) {
  process.stderr.write('usage: validate-only.mts FILE\n');
  process.exit(2);
}
const started = performance.now();
let records = 0;
let publications = 0;
let invalid = 0;
for await (const line of createInterface({ input: createReadStream(file, 'utf8') })) {
  if (line.trim() === '') continue;
  const parsed = importRecord.safeParse(JSON.parse(line));
  records++;
  if (!parsed.success) invalid++;
  else if (parsed.data.kind === 'publication') publications++;
}
const seconds = (performance.now() - started) / 1000;
process.stdout.write(`${JSON.stringify({ records, publications, invalid, seconds })}\n`);
