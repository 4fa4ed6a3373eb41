import type { VNode } from 'preact';
import { jsxAttr, jsxEscape, jsxTemplate } from 'preact/jsx-runtime';

/*
 * Markup written as a string, for the few pieces a page repeats once per author or per
 * tag (a 24-author paper has 90 <meta> tags and two dozen profiles). preact renders a
 * string template (the form its own JSX precompiler emits) as it stands, without the
 * walk over one element object per tag and attribute; on the 24-author page that walk
 * was a third of the render (bench/pages). Escaping is preact's own: every text goes
 * through `text`, every attribute through `attr`, as JSX would escape them.
 */

/** A fragment of markup whose texts and attributes were escaped with `text` and `attr`. */
export function markup(html: string): VNode {
  return jsxTemplate([html]);
}

/** ` name="value"`, escaped; nothing for null, undefined or false, the name alone for true. */
export function attr(name: string, value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined || value === false) return '';
  return ` ${jsxAttr(name, value)}`;
}

/** Text for element content, escaped. */
export function text(value: string): string {
  return jsxEscape(value) as string;
}
