// Writes the import bench's input files (bench/import/run.mjs runs this through tsx):
//
//   npx tsx bench/import/write-corpus.mts jsonl --publications N --seed S --out FILE
//   npx tsx bench/import/write-corpus.mts wxr --posts N --out DIR
//
// Prints what it wrote as one line of JSON on stdout.
import { parseArgs } from 'node:util';
import { writeJsonLinesCorpus } from './jsonl-corpus.mts';
import { writeWxrCorpus } from './wxr-corpus.mts';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    publications: { type: 'string' },
    posts: { type: 'string' },
    seed: { type: 'string', default: '1' },
    out: { type: 'string' },
  },
});
const [format] = positionals;
const out = values.out;
if (out === undefined || (format !== 'jsonl' && format !== 'wxr')) {
  process.stderr.write('usage: write-corpus.mts jsonl|wxr --publications N|--posts N --out PATH\n');
  process.exit(2);
}
const started = performance.now();
const written =
  format === 'jsonl'
    ? writeJsonLinesCorpus(out, {
        publications: Number(values.publications ?? 100_000),
        seed: Number(values.seed),
      })
    : writeWxrCorpus(out, { posts: Number(values.posts ?? 10_000) });
const seconds = (performance.now() - started) / 1000;
process.stdout.write(`${JSON.stringify({ ...written, seconds })}\n`);
