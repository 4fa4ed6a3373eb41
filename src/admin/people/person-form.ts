import { ValidationError } from '../../errors.ts';
import { personRecord } from '../../import/records.ts';
import { type LinkRow, linkRowsOf, linksOf, readLinkRows } from './link-rows.ts';
import type { PersonRecord } from './person-editor.ts';

/*
 * The person form's fields as typed, so a refused save shows them again unchanged, and
 * their translation into the fields of the import format's person record (empty means
 * absent; languages are one line of codes; links are rows, see link-rows.ts).
 */

export interface PersonForm {
  /** Only a new person's: an address is fixed once made. Empty: made from the name. */
  slug: string;
  name: string;
  role: string;
  affiliation: string;
  bio: string;
  program: string;
  center: string;
  orcid: string;
  email: string;
  expertise: string[];
  expert: boolean;
  external: boolean;
  /** Language codes as typed: "en, fr, pt-BR". */
  languages: string;
  links: LinkRow[];
}

/** The import format's own check of one language code. */
const languageCode = personRecord.shape.languages.unwrap().element;
const MAX_LANGUAGES = 20;

export function blankPersonForm(): PersonForm {
  return personFormOf({});
}

export function personFormOf(record: Partial<PersonRecord>): PersonForm {
  return {
    slug: record.slug ?? '',
    name: record.name ?? '',
    role: record.role ?? '',
    affiliation: record.affiliation ?? '',
    bio: record.bio ?? '',
    program: record.program ?? '',
    center: record.center ?? '',
    orcid: record.orcid ?? '',
    email: record.email ?? '',
    expertise: record.expertise ?? [],
    expert: record.expert ?? false,
    external: record.external ?? false,
    languages: (record.languages ?? []).join(', '),
    links: linkRowsOf(record.links ?? []),
  };
}

export function readPersonForm(body: Record<string, unknown>): PersonForm {
  const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
  const many = body.expertise;
  return {
    slug: text('slug').trim(),
    name: text('name').trim(),
    role: text('role').trim(),
    affiliation: text('affiliation').trim(),
    bio: text('bio'),
    program: text('program').trim(),
    center: text('center').trim(),
    orcid: text('orcid').trim(),
    email: text('email').trim(),
    expertise: (Array.isArray(many) ? many : typeof many === 'string' ? [many] : []).map(String),
    expert: body.expert === 'yes',
    external: body.external === 'yes',
    languages: text('languages').trim(),
    links: readLinkRows(body),
  };
}

/**
 * The record's fields the form sets (everything but the address, the photo and the
 * previous addresses). Throws a ValidationError naming the field for a bad link row or
 * language code; the rest is checked by the import format when the record is saved.
 */
export function changesOf(form: PersonForm): Partial<PersonRecord> {
  const optional = (value: string) => value || undefined;
  return {
    name: form.name,
    role: form.role,
    affiliation: form.affiliation,
    bio: form.bio,
    program: optional(form.program),
    center: optional(form.center),
    orcid: optional(form.orcid),
    email: optional(form.email),
    expertise: form.expertise,
    expert: form.expert,
    external: form.external,
    languages: languagesOf(form.languages),
    links: linksOf(form.links),
  };
}

/** "en, fr pt-BR" → ["en", "fr", "pt-BR"], each as the importer takes it; repeats dropped. */
function languagesOf(typed: string): string[] {
  const codes = [...new Set(typed.split(/[\s,;]+/).filter(Boolean))];
  const problem = (message: string) =>
    new ValidationError({ code: 'BAD_REQUEST', field: 'languages', message });
  const bad = codes.find((code) => !languageCode.safeParse(code).success);
  if (bad !== undefined)
    throw problem(
      `The languages: “${bad.slice(0, 40)}” is not a language code. Write codes such as en, fr or pt-BR, separated by commas.`,
    );
  if (codes.length > MAX_LANGUAGES)
    throw problem(`The languages may be at most ${MAX_LANGUAGES} codes.`);
  return codes;
}
