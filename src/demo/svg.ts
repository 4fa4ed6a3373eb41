/*
 * The two SVG primitives every demo drawing shares: XML escaping and a root element
 * with explicit size, viewBox and <title> (so each file is accessible as an <img>).
 */

/** Escapes text for XML content and attribute values. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** Wraps drawing content in an SVG root with a title and explicit size. */
export function svgDocument(width: number, height: number, title: string, content: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img">\n` +
    `<title>${escapeXml(title)}</title>\n${content}\n</svg>\n`
  );
}
