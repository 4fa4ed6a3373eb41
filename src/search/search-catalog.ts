import type { Taxonomy } from '../domain/publication.ts';

/*
 * The names behind the numbers: people, terms, centers, types and partners, small enough
 * to hold whole (a network has thousands of people and terms, not millions). The index
 * stores ids; names and slugs are looked up here when a page is answered, so a rename
 * needs no change to the postings of the words themselves.
 */

export interface NamedRow {
  id: number;
  slug: string;
  name: string;
}

export interface TermRow extends NamedRow {
  taxonomy: Taxonomy;
  parentId: number | null;
}

export interface CatalogRows {
  people: NamedRow[];
  terms: TermRow[];
  centers: NamedRow[];
  types: NamedRow[];
  partners: NamedRow[];
}

export class SearchCatalog {
  readonly people = new Map<number, NamedRow>();
  readonly terms = new Map<number, TermRow>();
  readonly centers = new Map<number, NamedRow>();
  readonly types = new Map<number, NamedRow>();
  readonly partners = new Map<number, NamedRow>();
  readonly #bySlug = new Map<string, number>();

  constructor(rows: CatalogRows) {
    const index = (kind: string, list: NamedRow[], into: Map<number, NamedRow>) => {
      for (const row of list) {
        into.set(row.id, row);
        this.#bySlug.set(`${kind}:${row.slug}`, row.id);
      }
    };
    index('person', rows.people, this.people);
    index('center', rows.centers, this.centers);
    index('type', rows.types, this.types);
    index('partner', rows.partners, this.partners);
    for (const term of rows.terms) {
      this.terms.set(term.id, term);
      this.#bySlug.set(`${term.taxonomy}:${term.slug}`, term.id);
    }
  }

  /** The id behind a slug of a kind (`person`, `center`, `type`, or a taxonomy). */
  idOf(kind: string, slug: string): number | undefined {
    return this.#bySlug.get(`${kind}:${slug}`);
  }

  /** A term and every term above it, nearest first; a loop in bad data stops the walk. */
  withAncestors(termId: number): number[] {
    const chain: number[] = [];
    let current: number | null = termId;
    while (current !== null && !chain.includes(current) && chain.length < 32) {
      chain.push(current);
      current = this.terms.get(current)?.parentId ?? null;
    }
    return chain;
  }

  /** A term and every term below it (for "which documents does a change to it touch"). */
  withDescendants(termId: number): number[] {
    const children = new Map<number, number[]>();
    for (const term of this.terms.values()) {
      if (term.parentId === null) continue;
      const list = children.get(term.parentId) ?? [];
      list.push(term.id);
      children.set(term.parentId, list);
    }
    const out: number[] = [];
    const stack = [termId];
    while (stack.length > 0) {
      const id = stack.pop() as number;
      if (out.includes(id)) continue;
      out.push(id);
      stack.push(...(children.get(id) ?? []));
    }
    return out;
  }
}
