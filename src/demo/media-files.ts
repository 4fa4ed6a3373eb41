/*
 * Every image file the demo ships, as paths relative to the demo folder plus SVG text.
 * The build script writes them; the tests compare them with what is committed.
 */
import { drawCenterLogo, drawLeadImage, drawLettermark, drawPortrait } from './images.ts';
import { LEAD_IMAGES, leadImagePath } from './media.ts';
import { CENTERS, HEADQUARTERS, NETWORK } from './network.ts';
import { personRecords } from './people.ts';

export interface DemoFile {
  /** Relative to the demo folder, as import records reference it. */
  path: string;
  content: string;
}

export function* demoMediaFiles(): Generator<DemoFile> {
  yield {
    path: NETWORK.lettermark,
    content: drawLettermark(NETWORK.name, HEADQUARTERS.accentColor),
  };
  for (const [position, center] of CENTERS.entries()) {
    yield { path: `media/logos/${center.slug}.svg`, content: drawCenterLogo(center, position) };
  }
  for (const spec of LEAD_IMAGES) yield { path: leadImagePath(spec), content: drawLeadImage(spec) };
  for (const person of personRecords()) {
    if (person.photo)
      yield {
        path: person.photo.src,
        content: drawPortrait(person.slug, person.name, person.photo.width),
      };
  }
}
