/*
 * Markdown bodies in the shape of the reference page: an introduction, "Main Argument"
 * prose, "Policy Implications" bullets, and, some of the time, a background section, a
 * table, a blockquote, a conclusion and footnotes (markdown-it-footnote syntax).
 */
import {
  ARGUMENT,
  CONCLUSIONS,
  COUNTERPOINTS,
  EVIDENCE,
  FOOTNOTES,
  IMPLICATION_LEADS,
  IMPLICATIONS,
  QUOTE_SOURCES,
  QUOTES,
  TABLE_INDICATORS,
} from './body-phrases.ts';
import { INTRO_OPENERS, INTRO_STAKES, THESES } from './phrases.ts';
import type { Random } from './random.ts';
import { capitalize, fill, type ProseContext, sentences } from './text.ts';

export interface BodyOptions {
  /** Papers, reports and books get a background section and more argument. */
  isLong: boolean;
}

/** Numbers footnotes in order of first reference, as markdown-it-footnote expects. */
interface Footnotes {
  /** Replaces each `{fn}` in a sentence with the next `[^n]` marker. */
  mark(sentence: string): string;
  definitions(): string[];
}

function createFootnotes(random: Random, ctx: ProseContext): Footnotes {
  const notes: string[] = [];
  return {
    mark: (sentence) =>
      sentence.replace(/\{fn\}/g, () => {
        notes.push(fill(random.pick(FOOTNOTES), ctx, random));
        return `[^${notes.length}]`;
      }),
    definitions: () => notes.map((note, i) => `[^${i + 1}]: ${note}`),
  };
}

function paragraph(parts: readonly string[]): string {
  return parts.join(' ');
}

function introduction(random: Random, ctx: ProseContext): string {
  return paragraph([
    ...sentences(random, ctx, INTRO_OPENERS, 1),
    ...sentences(random, ctx, INTRO_STAKES, random.int(1, 2)),
    ...sentences(random, ctx, THESES, 1),
  ]);
}

/** Argument paragraphs; sentences are drawn once so none repeats within a piece. */
function argumentParagraphs(
  random: Random,
  ctx: ProseContext,
  notes: Footnotes,
  count: number,
): string[] {
  const sizes = Array.from({ length: count }, () => random.int(2, 3));
  const withEvidence = sizes.map(() => random.chance(0.6));
  const pool = sentences(
    random,
    ctx,
    ARGUMENT,
    sizes.reduce((a, b) => a + b, 0),
  );
  const evidence = sentences(random, ctx, EVIDENCE, withEvidence.filter(Boolean).length);
  const paragraphs: string[] = [];
  for (let i = 0; i < count; i++) {
    const parts = pool.splice(0, sizes[i] ?? 2);
    const fact = withEvidence[i] ? evidence.shift() : undefined;
    if (fact) parts.splice(1, 0, notes.mark(fact));
    if (i === count - 1 && random.chance(0.35))
      parts.push(...sentences(random, ctx, COUNTERPOINTS, 1));
    paragraphs.push(paragraph(parts));
  }
  return paragraphs;
}

function blockquote(random: Random, ctx: ProseContext): string {
  const source = fill(random.pick(QUOTE_SOURCES), ctx, random);
  return `> \u201c${random.pick(QUOTES)}\u201d\n>\n> \u2014 ${capitalize(source)}`;
}

function table(random: Random, ctx: ProseContext, notes: Footnotes): string {
  const later = ctx.year - 1;
  const earlier = later - random.int(3, 6);
  const rows = random.sample(TABLE_INDICATORS, random.int(3, 5)).map((label) => {
    const before = random.int(5, 90);
    // Percentages stay percentages; other indicators may grow freely.
    const after = Math.min(
      label.includes('%') ? 100 : 999,
      Math.max(1, before + random.int(-20, 40)),
    );
    return `| ${label} | ${before} | ${after} |`;
  });
  const caption = notes.mark(
    fill(`Table 1 summarizes selected indicators for {region}.{fn}`, ctx, random),
  );
  return [
    caption,
    '',
    `| Indicator | ${earlier} | ${later} |`,
    '| --- | ---: | ---: |',
    ...rows,
  ].join('\n');
}

function implications(random: Random, ctx: ProseContext): string {
  const lead = sentences(random, ctx, IMPLICATION_LEADS, 1).join('');
  const bullets = sentences(random, ctx, IMPLICATIONS, random.int(3, 5)).map((b) => `- ${b}`);
  return [lead, '', ...bullets].join('\n');
}

export function composeBody(random: Random, ctx: ProseContext, options: BodyOptions): string {
  const notes = createFootnotes(random, ctx);
  const blocks: string[] = [introduction(random, ctx)];
  // One draw for all argument prose, so the background never repeats the main argument.
  const count = options.isLong ? random.int(4, 5) : random.int(2, 3);
  const [first = '', ...rest] = argumentParagraphs(random, ctx, notes, count);
  if (options.isLong) blocks.push('## Background', first, '## Main Argument', ...rest);
  else blocks.push('## Main Argument', first, ...rest);
  if (random.chance(0.35)) blocks.splice(blocks.length - 1, 0, blockquote(random, ctx));
  if (random.chance(options.isLong ? 0.6 : 0.15)) blocks.push(table(random, ctx, notes));
  blocks.push('## Policy Implications', implications(random, ctx));
  if (random.chance(0.4)) {
    blocks.push(random.pick(['## Conclusion', '## Looking Ahead', '## What Comes Next']));
    blocks.push(paragraph(sentences(random, ctx, CONCLUSIONS, 2)));
  }
  const footnotes = notes.definitions();
  if (footnotes.length > 0) blocks.push(footnotes.join('\n\n'));
  return `${blocks.join('\n\n')}\n`;
}
