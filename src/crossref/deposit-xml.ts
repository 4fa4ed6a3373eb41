import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import { orcidUrl } from '../domain/orcid.ts';
import { stripNonXml } from '../lib/xml-text.ts';
import type { DepositRecord } from './deposit-record.ts';

/*
 * Writes a Crossref deposit (schema 5.3.1): one <report-paper> per record, elements in the
 * order the schema's sequences demand. Every text value goes through `literal` first.
 */

const CROSSREF = 'http://www.crossref.org/schema/5.3.1';
const SCHEMA_LOCATION = `${CROSSREF} https://www.crossref.org/schemas/crossref5.3.1.xsd`;
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const JATS = 'http://www.ncbi.nlm.nih.gov/JATS1';
const ACCESS_INDICATORS = 'http://www.crossref.org/AccessIndicators.xsd';
/**
 * xmlbuilder2 escapes `&`, `<` and `>`, except an `&` that already looks like a reference
 * (`&amp;`, `&#14;`, `&D;`): it passes those through as markup. Stored text is not markup,
 * so "R&D;" or a pasted "&#14;" would become an undefined entity or a forbidden character
 * and break the whole batch. Escaping exactly those ampersands first makes it write text.
 */
const REFERENCE_LOOKALIKE = /&(?=[A-Za-z]+;|#\d+;)/g;

function literal(text: string): string {
  return stripNonXml(text).replace(REFERENCE_LOOKALIKE, '&amp;');
}

/** Longer report numbers go in a report-number identifier (255) instead of item_number. */
const MAX_ITEM_NUMBER = 32;

export interface DepositHead {
  /** Unique per batch; Crossref's reply quotes it. */
  batchId: string;
  /** Digits only, increasing from one deposit of a DOI to the next (Crossref keeps the newest). */
  timestamp: string;
  depositorName: string;
  depositorEmail: string;
  registrant: string;
}

/** The deposit file for a batch of at least one record. */
export function depositXml(head: DepositHead, records: DepositRecord[]): string {
  const root = create({ version: '1.0', encoding: 'UTF-8' })
    .ele(CROSSREF, 'doi_batch', { version: '5.3.1' })
    .att(XSI, 'xsi:schemaLocation', SCHEMA_LOCATION);
  const headElement = root.ele('head');
  headElement.ele('doi_batch_id').txt(literal(head.batchId));
  headElement.ele('timestamp').txt(literal(head.timestamp));
  const depositor = headElement.ele('depositor');
  depositor.ele('depositor_name').txt(literal(head.depositorName));
  depositor.ele('email_address').txt(literal(head.depositorEmail));
  headElement.ele('registrant').txt(literal(head.registrant));
  const body = root.ele('body');
  for (const record of records) writeRecord(body.ele('report-paper'), record);
  return root.end({ prettyPrint: true });
}

function writeRecord(parent: XMLBuilder, record: DepositRecord): void {
  const metadata = parent.ele(
    'report-paper_metadata',
    record.language ? { language: record.language } : {},
  );
  if (record.contributors.length > 0) {
    const contributors = metadata.ele('contributors');
    record.contributors.forEach((person, i) => {
      const element = contributors.ele('person_name', {
        sequence: i === 0 ? 'first' : 'additional',
        contributor_role: 'author',
      });
      if (person.given) element.ele('given_name').txt(literal(person.given));
      element.ele('surname').txt(literal(person.surname));
      if (person.affiliation) {
        element
          .ele('affiliations')
          .ele('institution')
          .ele('institution_name')
          .txt(literal(person.affiliation));
      }
      if (person.orcid) element.ele('ORCID').txt(literal(orcidUrl(person.orcid)));
    });
  }
  metadata.ele('titles').ele('title').txt(literal(record.title));
  if (record.abstract) {
    const abstract = metadata.ele(JATS, 'jats:abstract');
    for (const paragraph of record.abstract.split(/\n\s*\n/)) {
      abstract.ele(JATS, 'jats:p').txt(literal(paragraph.trim()));
    }
  }
  const date = metadata.ele('publication_date', { media_type: 'online' });
  date.ele('month').txt(literal(record.published.month));
  date.ele('day').txt(literal(record.published.day));
  date.ele('year').txt(literal(record.published.year));
  metadata.ele('publisher').ele('publisher_name').txt(literal(record.publisherName));
  const institution = metadata.ele('institution');
  institution.ele('institution_name').txt(literal(record.institution.name));
  if (record.institution.place)
    institution.ele('institution_place').txt(literal(record.institution.place));
  if (record.reportNumber) writeReportNumber(metadata, record.reportNumber);
  if (record.licenceUrl) {
    metadata
      .ele(ACCESS_INDICATORS, 'ai:program', { name: 'AccessIndicators' })
      .ele(ACCESS_INDICATORS, 'ai:license_ref', {
        applies_to: 'vor',
        start_date: `${record.published.year}-${record.published.month}-${record.published.day}`,
      })
      .txt(literal(record.licenceUrl));
  }
  const doiData = metadata.ele('doi_data');
  doiData.ele('doi').txt(literal(record.doi));
  doiData.ele('resource').txt(literal(record.landingUrl));
}

function writeReportNumber(metadata: XMLBuilder, reportNumber: string): void {
  const item = metadata.ele('publisher_item');
  if ([...reportNumber].length <= MAX_ITEM_NUMBER) {
    item.ele('item_number', { item_number_type: 'report-number' }).txt(literal(reportNumber));
  } else {
    item.ele('identifier', { id_type: 'report-number' }).txt(literal(reportNumber));
  }
}
