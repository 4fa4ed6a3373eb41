/**
 * Characters XML 1.0 cannot carry at all, not even as a character reference: most C0
 * controls, lone surrogate halves, U+FFFE and U+FFFF. Stored text may hold them (pasted
 * from anywhere); one of them would make a whole feed or sitemap unreadable.
 */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** The text without characters XML cannot carry. */
export function stripNonXml(text: string): string {
  return text.replace(NOT_XML, '');
}

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  // A parser reads a raw CR as a line feed; a reference keeps it.
  '\r': '&#13;',
};

/** Text made safe for XML element content and quoted attributes, every character kept. */
export function escapeXml(text: string): string {
  return stripNonXml(text).replace(/[&<>"'\r]/g, (c) => XML_ESCAPES[c] ?? c);
}

/** Text made safe to show as text inside HTML (an RSS description is HTML). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c);
}
