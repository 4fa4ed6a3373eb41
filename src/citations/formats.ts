import { formatApa } from './apa.ts';
import { formatChicago } from './chicago.ts';
import { toCslJson } from './csl-json.ts';
import type { CslRecord } from './csl-record.ts';
import { formatMla } from './mla.ts';
import type { StyledText } from './styled-text.ts';

/** A citation style shown in the "Cite this" block. */
export interface CitationStyle {
  id: 'chicago' | 'apa' | 'mla';
  label: string;
  format(record: CslRecord): StyledText;
}

/** In the order the block shows them. */
export const CITATION_STYLES: readonly CitationStyle[] = [
  { id: 'chicago', label: 'Chicago (author-date)', format: formatChicago },
  { id: 'apa', label: 'APA (7th edition)', format: formatApa },
  { id: 'mla', label: 'MLA (9th edition)', format: formatMla },
];

/** A file a citation manager imports. */
export interface CitationDownload {
  /** The file extension, which is also the last part of its URL: `cite.bib`. */
  extension: 'bib' | 'ris' | 'json';
  label: string;
  /** The media types citation managers and browsers recognise for each. */
  contentType: string;
  write(record: CslRecord): Promise<string>;
}

/*
 * The BibTeX and RIS writers lean on citation-js, whose modules cost the server tens of
 * megabytes when loaded: they load with the first download, not with every page.
 */
const toBibtex = async (record: CslRecord) => (await import('./bibtex.ts')).toBibtex(record);
const toRis = async (record: CslRecord) => (await import('./ris.ts')).toRis(record);

export const CITATION_DOWNLOADS: readonly CitationDownload[] = [
  {
    extension: 'bib',
    label: 'BibTeX',
    contentType: 'application/x-bibtex; charset=utf-8',
    write: toBibtex,
  },
  {
    extension: 'ris',
    label: 'RIS',
    contentType: 'application/x-research-info-systems; charset=utf-8',
    write: toRis,
  },
  {
    extension: 'json',
    label: 'CSL-JSON',
    // The type DOI content negotiation (doi.org, Crossref) answers CSL-JSON with.
    contentType: 'application/vnd.citationstyles.csl+json; charset=utf-8',
    write: async (record) => toCslJson(record),
  },
];
