/*
 * Abstract lead images (1200×675): dot maps, networks, waves, bars, rings, mosaics,
 * contours and stacked areas, each drawn from its own seeded stream so the files are
 * reproducible. Coordinates are rounded and shapes batched into few elements to keep
 * every file well under 20 KB.
 */
import { LEAD_HEIGHT as H, type LeadImageSpec, type LeadStyle, LEAD_WIDTH as W } from './media.ts';
import { createRandom, type Random, seedFrom } from './random.ts';
import { svgDocument } from './svg.ts';

type Palette = LeadImageSpec['palette'];
type Drawer = (random: Random, palette: Palette) => string;

const r = Math.round;

/** Many round dots as one path: "M x y h0" with round caps draws a dot per move. */
function dotPath(
  points: readonly (readonly [number, number])[],
  color: string,
  size: number,
  opacity = 1,
): string {
  if (points.length === 0) return '';
  const d = points.map(([x, y]) => `M${r(x)} ${r(y)}h0`).join('');
  return `<path d="${d}" stroke="${color}" stroke-width="${size}" stroke-linecap="round" opacity="${opacity}"/>`;
}

const dots: Drawer = (random, [, main, soft, accent]) => {
  const blobs = Array.from({ length: random.int(4, 6) }, () => ({
    cx: random.int(150, W - 150),
    cy: random.int(120, H - 120),
    rx: random.int(110, 260),
    ry: random.int(70, 170),
  }));
  const inside: [number, number][] = [];
  const outside: [number, number][] = [];
  for (let y = 20; y < H; y += 22) {
    for (let x = 20; x < W; x += 22) {
      const isLand = blobs.some(
        (b) => ((x - b.cx) / b.rx) ** 2 + ((y - b.cy) / b.ry) ** 2 < 1 - random.next() * 0.15,
      );
      if (isLand) inside.push([x, y]);
      else if (random.chance(0.05)) outside.push([x, y]);
    }
  }
  const cities = random.sample(inside, 14);
  return [
    dotPath(outside, soft, 4, 0.35),
    dotPath(inside, main, 8, 0.85),
    dotPath(cities, accent, 18),
  ].join('\n');
};

const network: Drawer = (random, [, line, node, hub]) => {
  const nodes = Array.from(
    { length: 42 },
    () => [random.int(40, W - 40), random.int(40, H - 40)] as const,
  );
  const edges: string[] = [];
  nodes.forEach(([x, y], i) => {
    const nearest = nodes
      .map(([nx, ny], j) => ({ j, d: (nx - x) ** 2 + (ny - y) ** 2 }))
      .filter((n) => n.j !== i)
      .sort((a, b) => a.d - b.d)
      .slice(0, 2);
    for (const { j } of nearest) {
      const [nx, ny] = nodes[j] as readonly [number, number];
      edges.push(`M${x} ${y}L${nx} ${ny}`);
    }
  });
  const hubs = random.sample(nodes, 6);
  return [
    `<path d="${edges.join('')}" stroke="${line}" stroke-width="2" opacity="0.8"/>`,
    dotPath(nodes, node, 9),
    dotPath(hubs, hub, 22, 0.9),
  ].join('\n');
};

const waves: Drawer = (random, [, a, b, c]) => {
  const lines: string[] = [];
  const colors = [a, b, c];
  for (let i = 0; i < 16; i++) {
    const base = 60 + i * 38;
    const amp = random.int(10, 40);
    const freq = random.int(2, 5) / W;
    const phase = random.next() * Math.PI * 2;
    const pts: string[] = [];
    for (let x = 0; x <= W; x += 30)
      pts.push(`${x} ${r(base + amp * Math.sin(x * freq * Math.PI * 2 + phase))}`);
    lines.push(
      `<path d="M${pts.join('L')}" fill="none" stroke="${colors[i % 3]}" stroke-width="${random.int(2, 6)}" opacity="0.85"/>`,
    );
  }
  return lines.join('\n');
};

const bars: Drawer = (random, [bg, a, b, c]) => {
  const count = 40;
  const width = (W - 120) / count;
  let height = random.int(120, 300);
  const groups: Record<string, string[]> = { [a]: [], [b]: [] };
  for (let i = 0; i < count; i++) {
    height = Math.min(H - 140, Math.max(40, height + random.int(-60, 70)));
    const color = random.chance(0.75) ? a : b;
    groups[color]?.push(
      `<rect x="${r(60 + i * width)}" y="${H - 70 - height}" width="${r(width - 6)}" height="${height}"/>`,
    );
  }
  const shapes = Object.entries(groups).map(
    ([color, rects]) => `<g fill="${color}">${rects.join('')}</g>`,
  );
  return [
    ...shapes,
    `<rect x="50" y="${H - 70}" width="${W - 100}" height="4" fill="${c}"/>`,
    `<rect x="0" y="${H - 66}" width="${W}" height="66" fill="${bg}" opacity="0.4"/>`,
  ].join('\n');
};

const rings: Drawer = (random, [, a, b, c]) => {
  const cx = random.int(300, 900);
  const cy = random.int(200, 475);
  const circles: string[] = [];
  for (let i = 1; i <= 16; i++) {
    const dash = `${random.int(4, 60)} ${random.int(6, 30)}`;
    const color = [a, b, c][i % 3];
    circles.push(
      `<circle cx="${cx}" cy="${cy}" r="${i * 42}" fill="none" stroke="${color}" stroke-width="${random.int(2, 10)}" stroke-dasharray="${dash}" opacity="0.9"/>`,
    );
  }
  return circles.join('\n');
};

const mosaic: Drawer = (random, [, a, b, c]) => {
  const cols = 20;
  const rows = 12;
  const cw = W / cols;
  const ch = H / rows;
  const groups = new Map<string, string[]>([
    [a, []],
    [b, []],
    [c, []],
  ]);
  for (let y = 0; y < rows; y++) {
    for (let x = 0; x < cols; x++) {
      if (random.chance(0.2)) continue;
      const color = random.weighted([
        [a, 5],
        [b, 3],
        [c, 1],
      ] as const);
      groups
        .get(color)
        ?.push(
          `<rect x="${r(x * cw + 3)}" y="${r(y * ch + 3)}" width="${r(cw - 6)}" height="${r(ch - 6)}"/>`,
        );
    }
  }
  return [...groups].map(([color, rects]) => `<g fill="${color}">${rects.join('')}</g>`).join('\n');
};

const contours: Drawer = (random, [, a, b, c]) => {
  const rings: string[] = [];
  for (let center = 0; center < 3; center++) {
    const cx = random.int(200, W - 200);
    const cy = random.int(150, H - 150);
    const wobble = Array.from({ length: 5 }, () => random.next() * Math.PI * 2);
    for (let k = 1; k <= 8; k++) {
      const pts: string[] = [];
      for (let s = 0; s < 36; s++) {
        const t = (s / 36) * Math.PI * 2;
        const rad = k * 26 * (1 + 0.18 * Math.sin(3 * t + (wobble[k % 5] ?? 0)));
        pts.push(`${r(cx + rad * Math.cos(t))} ${r(cy + rad * 0.7 * Math.sin(t))}`);
      }
      rings.push(
        `<path d="M${pts.join('L')}Z" fill="none" stroke="${[a, b, c][k % 3]}" stroke-width="2.5" opacity="0.9"/>`,
      );
    }
  }
  return rings.join('\n');
};

const areas: Drawer = (random, [, a, b, c]) => {
  const steps = 30;
  const dx = W / steps;
  let floor = Array.from({ length: steps + 1 }, () => H);
  const layers: string[] = [];
  for (const color of [b, a, c]) {
    let level = random.int(30, 80);
    const top = floor.map((f) => {
      level = Math.max(10, level + random.int(-12, 22));
      return Math.max(40, f - level);
    });
    const upper = top.map((y, i) => `${r(i * dx)} ${y}`).join('L');
    const lower = floor
      .map((y, i) => `${r(i * dx)} ${y}`)
      .reverse()
      .join('L');
    layers.push(`<path d="M${upper}L${lower}Z" fill="${color}" opacity="0.9"/>`);
    floor = top;
  }
  return layers.join('\n');
};

const DRAWERS: Record<LeadStyle, Drawer> = {
  dots,
  network,
  waves,
  bars,
  rings,
  mosaic,
  contours,
  areas,
};

/** The SVG text of one lead image; the same spec always draws the same picture. */
export function drawLeadImage(spec: LeadImageSpec): string {
  const random = createRandom(seedFrom(`lead:${spec.name}`));
  const body = DRAWERS[spec.style](random, spec.palette);
  return svgDocument(
    W,
    H,
    spec.alt,
    `<rect width="${W}" height="${H}" fill="${spec.palette[0]}"/>\n${body}`,
  );
}
