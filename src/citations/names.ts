import type { CslName } from './csl-record.ts';

/** How a style lists authors at the head of an entry. */
export interface NameListRule {
  /** From this many authors on, the list is cut short with "et al.". */
  etAlFrom: number;
  /** How many names stand before "et al.". */
  keep: number;
  /** "Martin Luther King, Jr." (MLA) rather than "Martin Luther King Jr." (Chicago). */
  commaBeforeSuffix: boolean;
}

/** "Family, Given" (and ", Suffix"): the first author of an entry, filed under the family name. */
function invertedName(name: CslName): string {
  if (name.literal !== undefined) return name.literal;
  const inverted = `${name.family ?? ''}, ${name.given ?? ''}`;
  return name.suffix ? `${inverted}, ${name.suffix}` : inverted;
}

/** "Given Family": every author after the first. */
function directName(name: CslName, commaBeforeSuffix: boolean): string {
  if (name.literal !== undefined) return name.literal;
  const direct = `${name.given ?? ''} ${name.family ?? ''}`;
  if (!name.suffix) return direct;
  return commaBeforeSuffix ? `${direct}, ${name.suffix}` : `${direct} ${name.suffix}`;
}

/**
 * The authors as Chicago and MLA both write them: the first inverted, the others in
 * normal order, a comma before "and" even with two names ("Archer, Alice, and Chen
 * Cho"), and past the style's limit only the first names, then ", et al.".
 */
export function nameList(names: CslName[], rule: NameListRule): string {
  const [first, ...others] = names;
  if (!first) return '';
  const head = invertedName(first);
  const rest = others.map((name) => directName(name, rule.commaBeforeSuffix));
  if (names.length >= rule.etAlFrom) {
    return [head, ...rest.slice(0, rule.keep - 1), 'et al.'].join(', ');
  }
  const last = rest.pop();
  if (last === undefined) return head;
  return `${[head, ...rest].join(', ')}, and ${last}`;
}
