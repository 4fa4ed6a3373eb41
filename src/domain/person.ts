import type { MediaRef, TermRef } from './publication.ts';

export interface PersonLink {
  label: string;
  url: string;
}

export interface Person {
  id: number;
  slug: string;
  name: string;
  sortName: string;
  role: string;
  program: TermRef | null;
  centerId: number | null;
  /** For external authors: the organisation they write from. */
  affiliation: string;
  bio: string;
  photo: MediaRef | null;
  orcid: string | null;
  languages: string[];
  links: PersonLink[];
  expertise: TermRef[];
  isExpert: boolean;
  isExternal: boolean;
}
