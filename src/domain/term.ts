import type { Taxonomy } from './publication.ts';

export interface Term {
  id: number;
  taxonomy: Taxonomy;
  slug: string;
  name: string;
  description: string;
  parent: { id: number; slug: string; name: string } | null;
  children: { id: number; slug: string; name: string }[];
}
