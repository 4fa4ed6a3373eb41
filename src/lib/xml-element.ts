import { escapeXml } from './xml-text.ts';

/** Serialized XML: inserted as is, where a plain string would be escaped. */
export class XmlMarkup {
  readonly markup: string;
  constructor(markup: string) {
    this.markup = markup;
  }
}

type Child = XmlMarkup | string | null | undefined | false;

/**
 * One XML element as text: attribute values and string children are escaped (and
 * stripped of characters XML cannot carry), nested elements are inserted as they are;
 * null, undefined and false children are left out. Escaping is the default, as in our
 * JSX: a document builder we tried (xmlbuilder2) leaves `&lt;` in a title unescaped
 * because it looks like an entity, which turns stored text into markup.
 */
export function xmlElement(
  name: string,
  attributes: Record<string, string | undefined>,
  ...children: Child[]
): XmlMarkup {
  const attrs = Object.entries(attributes)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    // A parser turns raw tabs and line breaks in an attribute into spaces: keep them.
    .map(([key, value]) => ` ${key}="${escapeXml(value).replace(/[\t\n\r]/g, charRef)}"`)
    .join('');
  // Elements holding only elements go one per line, for people reading the source.
  const isNested =
    children.some((c) => c instanceof XmlMarkup) &&
    !children.some((c) => typeof c === 'string' && c !== '');
  const inner = children
    .map((child) => (child instanceof XmlMarkup ? child.markup : child ? escapeXml(child) : ''))
    .filter((markup) => markup !== '')
    .join(isNested ? '\n' : '');
  if (inner === '') return new XmlMarkup(`<${name}${attrs}/>`);
  const [open, close] = isNested ? ['\n', '\n'] : ['', ''];
  return new XmlMarkup(`<${name}${attrs}>${open}${inner}${close}</${name}>`);
}

const charRef = (c: string) => `&#${c.charCodeAt(0)};`;

/** A whole document: the declaration, then the root element. */
export function xmlDocument(root: XmlMarkup): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${root.markup}\n`;
}
