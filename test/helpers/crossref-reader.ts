import { create } from 'xmlbuilder2';

/*
 * Reads a deposit back through xmlbuilder2's XML parser (a DOM), so tests compare the
 * text a consumer would see, entities and all, rather than the serialised markup.
 * (xmlbuilder2 4.0.3's reader decodes twice: `&amp;#39;` comes back as `'`, not `&#39;`.
 * Writing `&amp;` as the equivalent `&#38;` first sidesteps that; xmllint, which the
 * tests also run, reads the file as written.)
 */

const CROSSREF = 'http://www.crossref.org/schema/5.3.1';
const JATS = 'http://www.ncbi.nlm.nih.gov/JATS1';
const AI = 'http://www.crossref.org/AccessIndicators.xsd';

interface DomElement {
  textContent: string | null;
  getAttribute(name: string): string | null;
  getElementsByTagNameNS(
    ns: string,
    name: string,
  ): { length: number; item(i: number): DomElement | null };
}

function all(parent: DomElement, ns: string, name: string): DomElement[] {
  const list = parent.getElementsByTagNameNS(ns, name);
  return Array.from({ length: list.length }, (_, i) => list.item(i) as DomElement);
}

function text(parent: DomElement, name: string, ns = CROSSREF): string | undefined {
  return all(parent, ns, name)[0]?.textContent ?? undefined;
}

export interface DepositedWork {
  title: string | undefined;
  language: string | null;
  abstract: string[];
  contributors: {
    sequence: string | null;
    given: string | undefined;
    surname: string | undefined;
    orcid: string | undefined;
    affiliation: string | undefined;
  }[];
  date: string;
  publisher: string | undefined;
  institution: string | undefined;
  place: string | undefined;
  itemNumber: string | undefined;
  reportNumberIdentifier: string | undefined;
  licence: string | undefined;
  doi: string | undefined;
  resource: string | undefined;
}

export function readDeposit(xml: string): {
  head: Record<string, string | undefined>;
  works: DepositedWork[];
} {
  const doc = create(xml.replace(/&amp;/g, '&#38;')).node as unknown as DomElement;
  const head = all(doc, CROSSREF, 'head')[0] as DomElement;
  return {
    head: {
      batchId: text(head, 'doi_batch_id'),
      timestamp: text(head, 'timestamp'),
      depositorName: text(head, 'depositor_name'),
      email: text(head, 'email_address'),
      registrant: text(head, 'registrant'),
    },
    works: all(doc, CROSSREF, 'report-paper_metadata').map((work) => {
      const date = all(work, CROSSREF, 'publication_date')[0] as DomElement;
      // Affiliations nest institutions inside contributors; the work's own comes last.
      const institution = all(work, CROSSREF, 'institution').at(-1);
      return {
        title: text(work, 'title'),
        language: work.getAttribute('language'),
        abstract: all(work, JATS, 'p').map((p) => p.textContent ?? ''),
        contributors: all(work, CROSSREF, 'person_name').map((person) => ({
          sequence: person.getAttribute('sequence'),
          given: text(person, 'given_name'),
          surname: text(person, 'surname'),
          orcid: text(person, 'ORCID'),
          affiliation: text(person, 'institution_name'),
        })),
        date: `${text(date, 'year')}-${text(date, 'month')}-${text(date, 'day')}`,
        publisher: text(work, 'publisher_name'),
        institution: institution ? text(institution, 'institution_name') : undefined,
        place: institution ? text(institution, 'institution_place') : undefined,
        itemNumber: text(work, 'item_number'),
        reportNumberIdentifier: text(work, 'identifier'),
        licence: text(work, 'license_ref', AI),
        doi: text(work, 'doi'),
        resource: text(work, 'resource'),
      };
    }),
  };
}
