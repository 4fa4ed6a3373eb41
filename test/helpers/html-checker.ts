import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';

export interface HtmlProblem {
  line: number;
  column: number;
  message: string;
  /** The offending source text, when the checker gives it. */
  extract?: string;
}

interface VnuMessage {
  type: 'error' | 'info' | 'non-document-error';
  subType?: string;
  url?: string;
  firstLine?: number;
  lastLine?: number;
  firstColumn?: number;
  lastColumn?: number;
  message: string;
  extract?: string;
}

// The package's main export is the absolute path of its bundled vnu.jar (a String object).
const vnuJar = String(createRequire(import.meta.url)('vnu-jar'));
const run = promisify(execFile);
// A short-lived JVM: the quick C1 compiler and serial GC start faster and, for a batch of a
// few hundred pages on 2 cores, finish sooner. A deep stack is what vnu's own docs advise.
const JVM_FLAGS = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-Xss4m'];

/**
 * Validates documents with the W3C Nu HTML checker, all in one Java process (the JVM takes
 * about a second to start; the per-document cost is small): call it once per suite with
 * every page, not once per page. Returns every document's name mapped to its errors, an empty
 * list when valid. Warnings ('info' messages) are left out.
 */
export async function checkHtml(
  documents: readonly { name: string; html: string }[],
): Promise<Map<string, HtmlProblem[]>> {
  const problems = new Map<string, HtmlProblem[]>(documents.map((d) => [d.name, []]));
  if (problems.size !== documents.length)
    throw new Error('checkHtml: document names must be unique');
  if (documents.length === 0) return problems;

  const folder = await mkdtemp(join(tmpdir(), 'dossier-vnu-'));
  try {
    // Numbered files, so any name (slashes, spaces, unicode) works.
    const byFile = new Map<string, string>();
    await Promise.all(
      documents.map(async (document, index) => {
        const file = `${String(index).padStart(5, '0')}.html`;
        byFile.set(file, document.name);
        await writeFile(join(folder, file), document.html, 'utf8');
      }),
    );
    const { stdout } = await run(
      process.env.JAVA ?? 'java',
      // The folder rather than each file: no command-line length limit on big batches.
      [
        ...JVM_FLAGS,
        '-jar',
        vnuJar,
        '--format',
        'json',
        '--stdout',
        '--exit-zero-always',
        '--skip-non-html',
        folder,
      ],
      { maxBuffer: 256 * 1024 * 1024 },
    );
    const { messages } = JSON.parse(stdout) as { messages: VnuMessage[] };
    for (const message of messages) {
      if (message.type === 'info') continue;
      const name = message.url === undefined ? undefined : byFile.get(basename(message.url));
      if (name === undefined) {
        throw new Error(`Nu HTML checker: ${message.type}: ${message.message}`);
      }
      problems.get(name)?.push({
        line: message.lastLine ?? message.firstLine ?? 0,
        column: message.firstColumn ?? message.lastColumn ?? 0,
        message: message.message,
        ...(message.extract === undefined ? {} : { extract: message.extract }),
      });
    }
    return problems;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** The documents that have problems, one line per problem: readable as an assertion message. */
export function formatHtmlProblems(problems: ReadonlyMap<string, readonly HtmlProblem[]>): string {
  const lines: string[] = [];
  for (const [name, list] of problems) {
    for (const p of list) lines.push(`${name}:${p.line}:${p.column}: ${p.message}`);
  }
  return lines.length === 0 ? 'no HTML errors' : lines.join('\n');
}

/** Only the documents that have problems: `expect(withHtmlProblems(result)).toEqual({})`. */
export function withHtmlProblems(
  problems: ReadonlyMap<string, readonly HtmlProblem[]>,
): Record<string, HtmlProblem[]> {
  const failing: Record<string, HtmlProblem[]> = {};
  for (const [name, list] of problems) if (list.length > 0) failing[name] = [...list];
  return failing;
}
