/*
 * WordPress slugs → Dossier slugs. WordPress keeps non-ASCII slugs percent-encoded
 * (`%d0%bc%d0%b8…`); Dossier's are ASCII letters, digits and hyphens, so Latin letters
 * lose their accents, Cyrillic and Greek are transliterated, and a slug in a script with
 * no simple Latin spelling (Arabic, Chinese…) falls back to a name built from the item's
 * id. The old URL keeps working either way: it becomes a redirect.
 */

const LETTERS: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'iu',
  я: 'ia',
  і: 'i',
  ї: 'i',
  є: 'ie',
  ґ: 'g',
  ў: 'u',
  α: 'a',
  β: 'v',
  γ: 'g',
  δ: 'd',
  ε: 'e',
  ζ: 'z',
  η: 'i',
  θ: 'th',
  ι: 'i',
  κ: 'k',
  λ: 'l',
  μ: 'm',
  ν: 'n',
  ξ: 'x',
  ο: 'o',
  π: 'p',
  ρ: 'r',
  σ: 's',
  ς: 's',
  τ: 't',
  υ: 'y',
  φ: 'f',
  χ: 'ch',
  ψ: 'ps',
  ω: 'o',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};

const MAX_SLUG = 200;

/** A WordPress slug (or any name) as a Dossier slug; '' when nothing of it is spellable. */
export function toDossierSlug(value: string): string {
  let text = value;
  try {
    text = decodeURIComponent(value);
  } catch {
    // A stray % is just a character here.
  }
  const spelled = [...text.normalize('NFKD').toLowerCase()]
    .map((c) => LETTERS[c] ?? c)
    .join('')
    .replace(/\p{M}+/gu, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (spelled.length <= MAX_SLUG) return spelled;
  return spelled.slice(0, MAX_SLUG).replace(/-[^-]*$/, '') || spelled.slice(0, MAX_SLUG);
}

/**
 * Hands out slugs unique within one namespace (publications, pages of a center…):
 * the first comer keeps its slug, a later twin gets `-2`, `-3`….
 */
/** The slugs handed out: a Map, or a scratch table on disk where there is one per post. */
export interface TakenSlugs {
  has(slug: string): boolean;
  set(slug: string, value: true): unknown;
}

export class SlugAllocator {
  private readonly taken: TakenSlugs;

  constructor(taken: TakenSlugs = new Map<string, true>()) {
    this.taken = taken;
  }

  allocate(wanted: string, fallback: string): string {
    const base = wanted || fallback;
    let slug = base;
    for (let n = 2; this.taken.has(slug); n++) slug = `${base.slice(0, MAX_SLUG - 8)}-${n}`;
    this.taken.set(slug, true);
    return slug;
  }
}
