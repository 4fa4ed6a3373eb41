/*
 * The demo corpus as a stream of import records, in dependency order: every slug a
 * record references was defined by an earlier record. The fixed part (network, centers,
 * vocabularies, people, hand-written pieces) is the same for every seed; the seed only
 * drives the generated publications.
 */
import type { ImportRecordInput } from '../import/records.ts';
import { flagshipPiece, flagshipTranslation, manyAuthorsPiece } from './flagship.ts';
import { CENTERS, centerRecord, networkRecord, newsletterRecords } from './network.ts';
import { pageRecords } from './pages.ts';
import { demoPeople, personRecords } from './people.ts';
import { createPublicationFactory } from './publications.ts';
import { createRandom } from './random.ts';
import type { PublicationInput } from './record-types.ts';
import { regionRecords } from './regions.ts';
import { createSlugRegistry } from './slug.ts';
import {
  collectionRecords,
  partnerRecords,
  programRecords,
  projectRecords,
  typeRecords,
} from './taxonomy.ts';
import { topicRecords } from './topics.ts';
import { unpublishedPieces } from './unpublished.ts';

/** The corpus committed as demo/dossier-demo.jsonl. */
export const COMMITTED_DEMO_OPTIONS = { publications: 300, seed: 1 } as const;

export interface DemoOptions {
  /** Total publications, hand-written pieces included (they come first). */
  publications: number;
  seed: number;
}

/** Everything that is not a publication, in the order the importer needs it. */
function* fixedRecords(): Generator<ImportRecordInput> {
  yield networkRecord();
  yield* CENTERS.map(centerRecord);
  for (const center of CENTERS) yield* newsletterRecords(center);
  for (const center of CENTERS) yield* pageRecords(center);
  yield* typeRecords();
  yield* programRecords();
  yield* projectRecords();
  yield* regionRecords();
  yield* topicRecords();
  yield* collectionRecords();
  yield* partnerRecords();
  yield* personRecords();
}

/** The hand-written pieces: flagship first, so even a tiny corpus contains it. */
function handWrittenPieces(): PublicationInput[] {
  return [
    flagshipPiece(),
    flagshipTranslation(),
    manyAuthorsPiece(demoPeople()),
    ...unpublishedPieces(),
  ];
}

/**
 * Streams the demo corpus. Publications are built one at a time, so any corpus size runs
 * in constant memory apart from the set of slugs already used.
 */
export function* generateDemoRecords(options: DemoOptions): Generator<ImportRecordInput> {
  yield* fixedRecords();
  const claimSlug = createSlugRegistry();
  const handWritten = handWrittenPieces().slice(0, Math.max(0, options.publications));
  for (const piece of handWritten) {
    claimSlug(piece.slug);
    yield piece;
  }
  const makePublication = createPublicationFactory({
    random: createRandom(options.seed),
    people: demoPeople(),
    claimSlug,
  });
  for (let i = 0; i < options.publications - handWritten.length; i++) yield makePublication(i);
}
