/*
 * Slugs for demo records. The import schema accepts only lowercase ASCII letters,
 * digits and single hyphens, while the demo names people and places with diacritics.
 */

// Letters that Unicode decomposition does not reduce to ASCII.
const SPECIAL_LETTERS: Record<string, string> = {
  ı: 'i',
  ł: 'l',
  ø: 'o',
  đ: 'd',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  þ: 'th',
};

export function slugify(text: string, maxLength = 80): string {
  const lower = text.toLowerCase();
  // Most titles are plain ASCII; skip Unicode decomposition for them (it is the slow step).
  const ascii = /^[ -~]*$/.test(lower)
    ? lower
    : lower
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/[ıłøđßæœþ]/g, (c) => SPECIAL_LETTERS[c] ?? '');
  const slug = ascii.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  if (slug.length <= maxLength) return slug;
  // Cut at a word boundary so long titles keep readable slugs.
  const cut = slug.slice(0, maxLength);
  const lastHyphen = cut.lastIndexOf('-');
  return (lastHyphen > maxLength / 2 ? cut.slice(0, lastHyphen) : cut).replace(/-+$/, '');
}

/**
 * Hands out unique slugs: the first use of a base keeps it, later uses get `-2`, `-3`…
 * Holds one entry per slug, which stays small even for a 100k corpus, and remembers the
 * next suffix per base so popular titles do not rescan their earlier numbers.
 */
export function createSlugRegistry(): (base: string) => string {
  const used = new Set<string>();
  const nextSuffix = new Map<string, number>();
  return (base) => {
    let candidate = base;
    let n = nextSuffix.get(base) ?? 2;
    while (used.has(candidate)) candidate = `${base}-${n++}`;
    nextSuffix.set(base, n);
    used.add(candidate);
    return candidate;
  };
}
