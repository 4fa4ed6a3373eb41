/*
 * The catalogue of generated lead images: what each one looks like (for its alt text),
 * who is credited, and how images.ts draws it. Publications point at these files, so the
 * catalogue is shared by the record generator and the build script.
 */
import type { ImageInput } from './record-types.ts';

export type LeadStyle =
  | 'dots'
  | 'network'
  | 'waves'
  | 'bars'
  | 'rings'
  | 'mosaic'
  | 'contours'
  | 'areas';

export interface LeadImageSpec {
  name: string;
  style: LeadStyle;
  /** Background first, then foreground colours. */
  palette: readonly [string, string, string, string];
  alt: string;
  /** Shown after "Source: " by the site, so it never includes that prefix. */
  credit: string;
}

export const LEAD_WIDTH = 1200;
export const LEAD_HEIGHT = 675;

// biome-ignore format: one entry per line reads as a table
export const LEAD_IMAGES: readonly LeadImageSpec[] = [
  { name: 'harbor-lights', style: 'dots', palette: ['#14213d', '#fca311', '#e5e5e5', '#f77f00'], alt: 'Abstract map of amber dots on a dark blue field, clustered like lights along a coastline', credit: 'Tidewater Imaging Cooperative' },
  { name: 'grain-routes', style: 'network', palette: ['#1b4332', '#d4a373', '#95d5b2', '#fefae0'], alt: 'Network of gold lines linking scattered nodes on a deep green background, suggesting trade routes', credit: 'Graticule Studio' },
  { name: 'tidal-record', style: 'waves', palette: ['#023e58', '#48cae4', '#e9d8a6', '#0a9396'], alt: 'Layered teal and sand-colored wave lines flowing across a dark sea-blue frame', credit: 'Northwind Visual Desk' },
  { name: 'ledger-columns', style: 'bars', palette: ['#5c1a1b', '#f4e1c1', '#e76f51', '#f4a261'], alt: 'Rows of cream and coral vertical bars of varying heights on a maroon background, like a bar chart', credit: 'Lumen Field Agency' },
  { name: 'signal-rings', style: 'rings', palette: ['#3c1642', '#c8b6ff', '#ffffff', '#e0aaff'], alt: 'Concentric dashed rings in lilac and white radiating from a point off center on a purple field', credit: 'Kittiwake Press Photo' },
  { name: 'civic-mosaic', style: 'mosaic', palette: ['#22333b', '#5e81ac', '#d08c60', '#eae0d5'], alt: 'Grid of small squares in shades of slate blue and ochre forming an abstract mosaic', credit: 'Open Harbor Picture Service' },
  { name: 'river-basin', style: 'contours', palette: ['#0b2545', '#8da9c4', '#6a994e', '#eef4ed'], alt: 'Nested contour lines in blue and green resembling a topographic map of a river basin', credit: 'Graticule Studio' },
  { name: 'market-curve', style: 'areas', palette: ['#212529', '#f8961e', '#adb5bd', '#f94144'], alt: 'Stacked area shapes in orange, red and grey rising from left to right like a chart of growth', credit: 'Lumen Field Agency' },
  { name: 'night-cities', style: 'dots', palette: ['#0d1b2a', '#e0fbfc', '#3a86ff', '#98c1d9'], alt: 'Scattered white and blue dots on a near-black background, resembling a night-time map of cities', credit: 'Tidewater Imaging Cooperative' },
  { name: 'corridor-links', style: 'network', palette: ['#1d3557', '#e63946', '#f1faee', '#a8dadc'], alt: 'Thin red lines connecting pale dots across a navy field, like a map of transport corridors', credit: 'Northwind Visual Desk' },
  { name: 'sea-lanes', style: 'waves', palette: ['#03045e', '#90e0ef', '#caf0f8', '#0077b6'], alt: 'Bands of pale blue wave lines crossing a deep blue background, evoking shipping lanes', credit: 'Open Harbor Picture Service' },
  { name: 'harvest-bars', style: 'bars', palette: ['#3a5a40', '#ffd166', '#dad7cd', '#a3b18a'], alt: 'Yellow and pale green bars of uneven height on an olive background, like a chart of harvest yields', credit: 'Kittiwake Press Photo' },
];

export function leadImagePath(spec: LeadImageSpec): string {
  return `media/lead/${spec.name}.svg`;
}

/** The `leadImage` value a publication record carries for one catalogue entry. */
export function leadImageRecord(spec: LeadImageSpec): ImageInput {
  return {
    src: leadImagePath(spec),
    alt: spec.alt,
    credit: spec.credit,
    width: LEAD_WIDTH,
    height: LEAD_HEIGHT,
  };
}

/** The record for a catalogue entry by name; the hand-written pieces pick their images this way. */
export function leadImageNamed(name: string): ImageInput {
  const spec = LEAD_IMAGES.find((i) => i.name === name);
  if (!spec) throw new Error(`unknown demo lead image ${name}`);
  return leadImageRecord(spec);
}
