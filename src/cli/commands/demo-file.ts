import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The demo folder shipped with Dossier: the committed demo file and its images. */
export const DEMO_DIR = fileURLToPath(new URL('../../../demo/', import.meta.url));
export const DEMO_FILE = join(DEMO_DIR, 'dossier-demo.jsonl');
