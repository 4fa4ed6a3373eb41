/*
 * SVG drawings for the demo: the network lettermark, one logo per center, portrait
 * placeholders for people and (via lead-images.ts) the lead images. Pure functions from
 * data to SVG text; scripts/build-demo.ts writes them to demo/media/. Every drawing has
 * explicit width, height and viewBox and a <title>, so it is accessible as an <img>.
 */
import type { CenterSpec } from './network.ts';
import { seedFrom } from './random.ts';
import { escapeXml, svgDocument } from './svg.ts';

export { drawLeadImage } from './lead-images.ts';

const FONT = 'system-ui, -apple-system, &quot;Segoe UI&quot;, Roboto, sans-serif';

/** The network's "A" glyph on a 64×64 grid; the counter is cut out with evenodd. */
const A_GLYPH = 'M32 12L50 52H42L38.4 43H25.6L22 52H14ZM28.2 36H35.8L32 26.5Z';

export function drawLettermark(networkName: string, color: string): string {
  const content = `<rect width="64" height="64" rx="12" fill="${color}"/>\n<path d="${A_GLYPH}" fill="#ffffff" fill-rule="evenodd"/>`;
  return svgDocument(64, 64, `${networkName} lettermark`, content);
}

/** A different frame around the glyph per center, so the logos are told apart at a glance. */
const FRAMES: readonly string[] = [
  '<rect width="64" height="64" rx="12" fill="{c}"/>',
  '<circle cx="32" cy="32" r="32" fill="{c}"/>',
  '<path d="M32 0L60 16V48L32 64L4 48V16Z" fill="{c}"/>',
  '<path d="M4 64V30C4 14 16 0 32 0C48 0 60 14 60 30V64Z" fill="{c}"/>',
  '<path d="M4 4H60V34C60 50 46 60 32 64C18 60 4 50 4 34Z" fill="{c}"/>',
  '<path d="M19 0H45L64 19V45L45 64H19L0 45V19Z" fill="{c}"/>',
];

/** A center logo: framed glyph, then the short name split over two lines. */
export function drawCenterLogo(center: CenterSpec, position: number): string {
  const frame = (FRAMES[position % FRAMES.length] as string).replace('{c}', center.accentColor);
  const [first = center.shortName, ...rest] = center.shortName.split(' ');
  const secondLine = rest.join(' ');
  const text =
    `<text x="76" y="${secondLine ? 28 : 40}" font-family="${FONT}" font-size="22" font-weight="700" fill="${center.accentColor}">${escapeXml(first)}</text>` +
    (secondLine
      ? `\n<text x="76" y="52" font-family="${FONT}" font-size="16" fill="${center.accentColor}">${escapeXml(secondLine)}</text>`
      : '');
  const glyph = `<path d="${A_GLYPH}" fill="#ffffff" fill-rule="evenodd"/>`;
  return svgDocument(240, 64, `${center.name} logo`, `${frame}\n${glyph}\n${text}`);
}

/** Dark enough that white initials pass WCAG AA on every one of them. */
const PORTRAIT_COLORS = [
  '#1d3557',
  '#5b2a6e',
  '#0b5351',
  '#7c2d12',
  '#2d5016',
  '#6b3a00',
  '#3d405b',
  '#7b2c4f',
  '#1f4e5f',
  '#4a3f8c',
];

export function initials(name: string): string {
  const words = name.split(/\s+/).filter((w) => w.length > 0);
  const first = words[0]?.charAt(0) ?? '';
  const last = words.length > 1 ? (words[words.length - 1]?.charAt(0) ?? '') : '';
  return (first + last).toUpperCase();
}

/** A portrait placeholder: the person's initials on a colored disc. */
export function drawPortrait(slug: string, name: string, size = 240): string {
  const color = PORTRAIT_COLORS[seedFrom(slug) % PORTRAIT_COLORS.length] as string;
  const half = size / 2;
  const content =
    `<rect width="${size}" height="${size}" fill="#eef0f3"/>\n` +
    `<circle cx="${half}" cy="${half}" r="${half - 8}" fill="${color}"/>\n` +
    `<text x="${half}" y="${half}" dy="0.35em" text-anchor="middle" font-family="${FONT}" font-size="${Math.round(size * 0.36)}" font-weight="600" fill="#ffffff">${escapeXml(initials(name))}</text>`;
  return svgDocument(size, size, name, content);
}
