/*
 * The parts of citation-js 0.8 that Dossier calls. The packages ship no types; these say
 * only what we rely on, and the pinned version keeps them true.
 */

declare module '@citation-js/core' {
  /** A CSL-JSON item as citation-js reads and writes it. */
  type CslItem = Record<string, unknown>;

  interface BibliographyOptions {
    template: string;
    format: 'text' | 'html';
    lang?: string;
  }

  export class Cite {
    /** Parses any input citation-js has a plugin for (CSL-JSON, BibTeX, RIS text…). */
    constructor(data: unknown);
    data: CslItem[];
    /** Needs @citation-js/plugin-csl, which only the APA oracle test loads. */
    format(format: 'bibliography', options: BibliographyOptions): string;
    /** With `{ format: 'object' }`: the tags of each entry before they are written out. */
    format(format: 'ris', options: { format: 'object' }): Record<string, string | string[]>[];
    format(format: 'data' | 'bibtex' | 'ris', options?: { format?: 'text' }): string;
  }
}

declare module '@citation-js/plugin-bibtex/lib/mapping/index.js' {
  /** An entry mapped from CSL, its values still raw (not yet escaped for BibTeX). */
  interface MappedEntry {
    type: string;
    label: string;
    properties: Record<string, unknown>;
  }

  const mapping: {
    /** CSL items to BibTeX entries: the mapping behind citation-js's `bibtex` output. */
    formatBibtex(items: object[]): MappedEntry[];
  };
  export default mapping;
}
