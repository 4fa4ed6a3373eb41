// A WordPress export of any size, for the import bench and the crash test: the shape
// WordPress 6's exporter writes (the fixture in ../shared/fixtures/wordpress has it), with
// our own made-up content, so neither needs the fixture. Authors; categories nested to
// three levels under Centers, Programs, Regions and Reports, written twice as the exporter
// does (wp:category and wp:term); tags, some non-ASCII; a featured image (an attachment
// with alt text, a credit caption and its file in uploads/) on every sixth post; Gutenberg
// blocks with headings, lists, a quote, an image and a [caption] shortcode, some classic
// posts; co-authors in post meta; report numbers; old slugs; non-ASCII titles with
// percent-encoded slugs; drafts, scheduled, private and password-protected posts; three
// pages, the child before its parent. Deterministic: the same options give the same bytes.
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface WxrCorpus {
  /** The export, `site.xml`. */
  file: string;
  /** The files its attachments name, laid out as wp-content/uploads. */
  uploads: string;
  /** A `--map` file placing the categories, the co-author meta and report numbers. */
  map: string;
  posts: number;
  attachments: number;
  pages: number;
}

const SITE = 'https://policy.example.net';
const AUTHORS = 90;
/** Co-authors who wrote no post alone, so the exporter does not list them. */
const UNLISTED_COAUTHORS = [901, 902];
const FIRST = [
  'Aino',
  'Bruno',
  'Chiara',
  'Dmitri',
  'Efua',
  'Farid',
  'Grete',
  'Hiroshi',
  'Ines',
  'Jonas',
  'Kofi',
  'Lucía',
  'Malik',
  'Noor',
  'Oskar',
];
const LAST = ['Achterberg', 'Bianchi', 'Castellanos', 'Dlamini', 'Eklund', 'Fontaine'];

/** Categories as a tree: [slug, name, children]. */
type Category = [slug: string, name: string, children?: Category[]];
const CATEGORIES: Category[] = [
  [
    'centers',
    'Centers',
    [
      ['harbour-center', 'Harbour Center'],
      ['upland-center', 'Upland Center'],
      ['delta-center', 'Delta Center'],
    ],
  ],
  [
    'programs',
    'Programs',
    [
      ['water-systems', 'Water Systems', [['irrigation-finance', 'Irrigation Finance']]],
      ['public-health', 'Public Health'],
      ['digital-states', 'Digital States'],
    ],
  ],
  [
    'regions',
    'Regions',
    [
      ['northern-rim', 'Northern Rim', [['fjord-coast', 'Fjord Coast']]],
      ['southern-plateau', 'Southern Plateau'],
      ['island-states', 'Island States'],
    ],
  ],
  ['reports', 'Reports'],
];
const TAGS: [string, string][] = [
  ['ports', 'Ports'],
  ['tariffs', 'Tariffs'],
  ['elections', 'Elections'],
  ['drought', 'Drought'],
  ['vaccines', 'Vaccines'],
  ['subsidies', 'Subsidies'],
  ['cables', 'Undersea Cables'],
  ['census', 'Census'],
  ['economie-maritime', 'Économie maritime'],
  ['tsifrovaia-politika', 'Цифровая политика'],
  ['%e6%b0%b4%e8%b5%84%e6%ba%90', '水资源'],
  ['%d8%a7%d9%84%d8%b7%d8%a7%d9%82%d8%a9', 'الطاقة'],
];
const NOUNS = [
  'harbour',
  'levy',
  'cable',
  'aquifer',
  'ledger',
  'corridor',
  'tender',
  'census',
  'quota',
  'clinic',
  'ferry',
  'grid',
];
const VERBS = ['reshapes', 'outlasts', 'strains', 'finances', 'connects', 'divides'];
const PLACES = [
  'the northern rim',
  'island states',
  'the plateau',
  'delta towns',
  'coastal cities',
];
/** Titles in other languages and scripts: [title, its WordPress slug before encoding]. */
const FOREIGN_TITLES = [
  ['Ports francs et dette « verte » en 2030', 'ports-francs-et-dette-verte-en-2030'],
  ['Wasserpreise über Grenzen hinweg', 'wasserpreise-uber-grenzen-hinweg'],
  ['Кабели на дне моря', 'кабели-на-дне-моря'],
  ['الموانئ والديون في الجزر', 'الموانئ-والديون-في-الجزر'],
  ['港口与债务：海岛国家', '港口与债务海岛国家'],
  ['Tariffs & “quiet” subsidies 🚢', 'tariffs-quiet-subsidies'],
];

/** Term slug → name, for the <category> elements of items. */
const TERM_NAMES = new Map<string, string>([...CATEGORIES.flatMap(flatten), ...TAGS]);

const cdata = (text: string) => `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
const tag = (name: string, text: string) => `<${name}>${cdata(text)}</${name}>`;
const meta = (key: string, value: string) =>
  `\t\t<wp:postmeta>\n\t\t${tag('wp:meta_key', key)}\n\t\t${tag('wp:meta_value', value)}\n\t\t</wp:postmeta>\n`;
const pick = <T,>(list: readonly T[], n: number): T => list[n % list.length] as T;

/** Writes `folder/site.xml`, `folder/uploads/` and `folder/map.json` for `posts` posts. */
export function writeWxrCorpus(folder: string, options: { posts: number }): WxrCorpus {
  mkdirSync(join(folder, 'uploads'), { recursive: true });
  const file = join(folder, 'site.xml');
  const fd = openSync(file, 'w');
  let attachments = 0;
  try {
    writeSync(fd, header());
    for (let i = 0; i < options.posts; i++) {
      const post = postOf(i);
      if (post.attachmentId) {
        writeSync(fd, attachmentItem(post));
        const upload = join(folder, 'uploads', post.file);
        mkdirSync(dirname(upload), { recursive: true });
        writeFileSync(upload, PNG);
        attachments++;
      }
      writeSync(fd, postItem(post));
    }
    writeSync(fd, pageItems());
    writeSync(fd, '</channel>\n</rss>\n');
  } finally {
    closeSync(fd);
  }
  const map = join(folder, 'map.json');
  writeFileSync(map, `${JSON.stringify(MAP, null, 2)}\n`);
  return {
    file,
    uploads: join(folder, 'uploads'),
    map,
    posts: options.posts,
    attachments,
    pages: 3,
  };
}

const MAP = {
  timeZone: 'UTC',
  postTypes: { post: { type: 'analysis', name: 'Analysis', pluralName: 'Analyses' } },
  taxonomies: {
    category: {
      under: { centers: 'center', programs: 'program', regions: 'region', reports: 'collection' },
      other: 'topic',
    },
    post_tag: 'topic',
  },
  coauthors: { metaKey: 'peer_coauthors' },
  meta: { report_number: 'reportNumber' },
  users: { '901': { name: 'Tove Lindqvist', slug: 'tove-lindqvist' } },
};

/** A 1×1 transparent PNG: the importer copies files, it does not decode them. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

function authorOf(id: number) {
  const first = pick(FIRST, id);
  const last = pick(LAST, Math.floor(id / FIRST.length));
  return {
    id,
    first,
    last,
    login: `${first}-${last}-${id}`
      .toLowerCase()
      .normalize('NFD')
      .replace(/[^a-z0-9-]/g, ''),
  };
}

function header(): string {
  const authors = Array.from({ length: AUTHORS }, (_, i) => {
    const a = authorOf(i + 2);
    return `\t<wp:author><wp:author_id>${a.id}</wp:author_id>${tag('wp:author_login', a.login)}${tag('wp:author_email', `${a.login}@example.net`)}${tag('wp:author_display_name', `${a.first} ${a.last}`)}${tag('wp:author_first_name', a.first)}${tag('wp:author_last_name', a.last)}</wp:author>\n`;
  });
  const categories: string[] = [];
  const terms: string[] = [];
  let termId = 2;
  const addCategory = (slug: string, name: string, parent: string) => {
    const id = termId++;
    categories.push(
      `\t<wp:category>\n\t\t<wp:term_id>${id}</wp:term_id>\n\t\t${tag('wp:category_nicename', slug)}\n\t\t${tag('wp:category_parent', parent)}\n\t\t${tag('wp:cat_name', name)}\n\t</wp:category>\n`,
    );
    terms.push(termXml(id, 'category', slug, parent, name));
  };
  const addTree = ([slug, name, children = []]: Category, parent: string) => {
    addCategory(slug, name, parent);
    for (const child of children) addTree(child, slug);
  };
  for (const category of CATEGORIES) addTree(category, '');
  addCategory('uncategorized', 'Uncategorized', '');
  const tags = TAGS.map(([slug, name]) => {
    const id = termId++;
    terms.push(termXml(id, 'post_tag', slug, '', name));
    return `\t<wp:tag>\n\t\t<wp:term_id>${id}</wp:term_id>\n\t\t${tag('wp:tag_slug', slug)}\n\t\t${tag('wp:tag_name', name)}\n\t</wp:tag>\n`;
  });
  return `<?xml version="1.0" encoding="UTF-8" ?>
<!-- generator="WordPress/6.1.9" created="2026-01-01 00:00" -->
<rss version="2.0"
\txmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
\txmlns:content="http://purl.org/rss/1.0/modules/content/"
\txmlns:wfw="http://wellformedweb.org/CommentAPI/"
\txmlns:dc="http://purl.org/dc/elements/1.1/"
\txmlns:wp="http://wordpress.org/export/1.2/"
>
<channel>
\t<title>Harbourline Institute</title>
\t<link>${SITE}</link>
\t<description>Invented research for a benchmark</description>
\t<language>en-US</language>
\t<wp:wxr_version>1.2</wp:wxr_version>
\t<wp:base_site_url>${SITE}</wp:base_site_url>
\t<wp:base_blog_url>${SITE}</wp:base_blog_url>
${authors.join('')}${categories.join('')}${tags.join('')}${terms.join('')}\t<generator>https://wordpress.org/?v=6.1.9</generator>
`;
}

function termXml(id: number, taxonomy: string, slug: string, parent: string, name: string) {
  return `\t<wp:term>\n\t\t<wp:term_id>${id}</wp:term_id>\n\t\t${tag('wp:term_taxonomy', taxonomy)}\n\t\t${tag('wp:term_slug', slug)}\n\t\t${tag('wp:term_parent', parent)}\n\t\t${tag('wp:term_name', name)}\n\t</wp:term>\n`;
}

interface Post {
  i: number;
  id: number;
  title: string;
  slug: string;
  date: string;
  status: string;
  author: ReturnType<typeof authorOf>;
  attachmentId?: number;
  file: string;
}

function postOf(i: number): Post {
  const id = 1000 + i;
  const day = new Date(Date.UTC(2012, 0, 1) + i * 11 * 3_600_000);
  const foreign = i % 40 === 7 ? pick(FOREIGN_TITLES, Math.floor(i / 40)) : undefined;
  const title =
    foreign?.[0] ??
    `How the ${pick(NOUNS, i)} ${pick(VERBS, i >> 1)} ${pick(PLACES, i >> 2)} (${i + 1})`;
  const slug = foreign
    ? encodeURIComponent(`${foreign[1]}-${i}`).toLowerCase()
    : title
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '');
  const status =
    i % 97 === 5
      ? 'future'
      : i % 50 === 3
        ? 'draft'
        : i % 200 === 11
          ? 'private'
          : i % 333 === 9
            ? 'pending'
            : 'publish';
  const date = status === 'future' ? new Date(Date.UTC(2027, 3, 1) + i * 60_000) : day;
  const month = `${day.getUTCFullYear()}/${String(day.getUTCMonth() + 1).padStart(2, '0')}`;
  return {
    i,
    id,
    title,
    slug,
    date: date.toISOString().slice(0, 19).replace('T', ' '),
    status,
    author: authorOf((i % AUTHORS) + 2),
    ...(i % 6 === 0 ? { attachmentId: 500_000 + i } : {}),
    file: `${month}/figure-${i}.png`,
  };
}

function attachmentItem(post: Post): string {
  const url = `${SITE}/wp-content/uploads/${post.file}`;
  const name = `figure-${post.i}`;
  const metadata = `a:4:{s:5:"width";i:800;s:6:"height";i:500;s:4:"file";s:${post.file.length}:"${post.file}";s:5:"sizes";a:0:{}}`;
  return `\t<item>
\t\t<title>${cdata(`Figure ${post.i}: ${pick(NOUNS, post.i)} flows`)}</title>
\t\t<link>${SITE}/?attachment_id=${post.attachmentId}</link>
\t\t<dc:creator>${cdata(post.author.login)}</dc:creator>
\t\t<guid isPermaLink="false">${url}</guid>
\t\t<description></description>
\t\t<content:encoded>${cdata(`A made-up chart of ${pick(NOUNS, post.i + 3)} volumes.`)}</content:encoded>
\t\t<excerpt:encoded>${cdata(post.i % 12 === 0 ? 'Source: Invented Statistics Office' : 'Photo: A. Placeholder / Example Agency')}</excerpt:encoded>
\t\t<wp:post_id>${post.attachmentId}</wp:post_id>
\t\t${tag('wp:post_date', post.date)}
\t\t${tag('wp:post_date_gmt', post.date)}
\t\t${tag('wp:post_name', name)}
\t\t${tag('wp:status', 'inherit')}
\t\t<wp:post_parent>${post.id}</wp:post_parent>
\t\t<wp:menu_order>0</wp:menu_order>
\t\t${tag('wp:post_type', 'attachment')}
\t\t${tag('wp:post_password', '')}
\t\t<wp:is_sticky>0</wp:is_sticky>
\t\t${tag('wp:attachment_url', url)}
${meta('_wp_attached_file', post.file)}${meta('_wp_attachment_metadata', metadata)}${meta('_wp_attachment_image_alt', `Bar chart of invented ${pick(NOUNS, post.i + 3)} volumes, figure ${post.i}`)}\t</item>
`;
}

function postItem(post: Post): string {
  const { i } = post;
  const categories = [
    ['category', pick(['harbour-center', 'upland-center', 'delta-center'], i)],
    [
      'category',
      pick(['water-systems', 'irrigation-finance', 'public-health', 'digital-states'], i >> 1),
    ],
    [
      'category',
      pick(['northern-rim', 'fjord-coast', 'southern-plateau', 'island-states'], i >> 2),
    ],
    ...(i % 20 === 0 ? [['category', 'reports']] : []),
    ['post_tag', pick(TAGS, i)[0]],
    ['post_tag', pick(TAGS, i + 5)[0]],
  ];
  const coauthors =
    i % 5 === 0
      ? []
      : [((i * 7) % AUTHORS) + 2, ...(i % 9 === 0 ? [pick(UNLISTED_COAUTHORS, i)] : [])];
  const month = post.date.slice(0, 7).replace('-', '/');
  const link =
    post.status === 'future' ? `${SITE}/?p=${post.id}` : `${SITE}/${month}/${post.slug}/`;
  return `\t<item>
\t\t<title>${cdata(post.title)}</title>
\t\t<link>${link}</link>
\t\t<dc:creator>${cdata(post.author.login)}</dc:creator>
\t\t<guid isPermaLink="false">${SITE}/?p=${post.id}</guid>
\t\t<description></description>
\t\t<content:encoded>${cdata(i % 25 === 4 ? classicBody(post) : blockBody(post))}</content:encoded>
\t\t<excerpt:encoded>${cdata(i % 10 === 0 ? `What the ${pick(NOUNS, i)} means for “${pick(PLACES, i)}” &amp; why.` : '')}</excerpt:encoded>
\t\t<wp:post_id>${post.id}</wp:post_id>
\t\t${tag('wp:post_date', post.date)}
\t\t${tag('wp:post_date_gmt', post.status === 'draft' && i % 100 === 3 ? '0000-00-00 00:00:00' : post.date)}
\t\t${tag('wp:post_name', post.status === 'draft' && i % 100 === 3 ? '' : post.slug)}
\t\t${tag('wp:status', post.status)}
\t\t<wp:post_parent>0</wp:post_parent>
\t\t<wp:menu_order>0</wp:menu_order>
\t\t${tag('wp:post_type', 'post')}
\t\t${tag('wp:post_password', i % 400 === 13 ? 'hunter2' : '')}
\t\t<wp:is_sticky>${i === 1 ? 1 : 0}</wp:is_sticky>
${categories.map(([domain, slug]) => `\t\t<category domain="${domain}" nicename="${slug}">${cdata(TERM_NAMES.get(slug as string) ?? '')}</category>\n`).join('')}${meta('_edit_last', '1')}${post.attachmentId ? meta('_thumbnail_id', String(post.attachmentId)) : ''}${coauthors.length > 0 ? meta('peer_coauthors', coauthors.join(',')) : ''}${i % 20 === 0 ? meta('report_number', `HR ${20 + (i % 7)}-${i / 20 + 1}`) : ''}${i % 30 === 2 ? meta('_wp_old_slug', `draft-title-${post.id}`) : ''}\t</item>
`;
}

function flatten([slug, name, children = []]: Category): [string, string][] {
  return [[slug, name], ...children.flatMap(flatten)];
}

function blockBody(post: Post): string {
  const { i } = post;
  const paragraph = (n: number) =>
    `<!-- wp:paragraph -->\n<p>${sentence(i + n)} ${sentence(i + n + 1)} ${sentence(i + n + 2)}</p>\n<!-- /wp:paragraph -->`;
  const blocks = [paragraph(0), paragraph(3)];
  blocks.push(
    `<!-- wp:heading {"level":3} -->\n<h3>Why the ${pick(NOUNS, i + 1)} matters</h3>\n<!-- /wp:heading -->`,
  );
  if (post.attachmentId) {
    blocks.push(
      `<!-- wp:image {"id":${post.attachmentId},"sizeSlug":"large"} -->\n<figure class="wp-block-image size-large"><img src="${SITE}/wp-content/uploads/${post.file}" alt="Figure ${i}" class="wp-image-${post.attachmentId}"/><figcaption>Figure ${i}.</figcaption></figure>\n<!-- /wp:image -->`,
    );
  }
  blocks.push(
    `<!-- wp:list -->\n<ul><!-- wp:list-item -->\n<li>${sentence(i + 7)}</li>\n<!-- /wp:list-item --><!-- wp:list-item -->\n<li>See <a href="${SITE}/?p=${1000 + Math.max(0, i - 3)}">an earlier piece</a> and <a href="https://data.example.org/series/${i}">the data</a>.</li>\n<!-- /wp:list-item --></ul>\n<!-- /wp:list -->`,
  );
  blocks.push(
    `<!-- wp:quote -->\n<blockquote class="wp-block-quote"><p>${sentence(i + 9)}</p><cite>An invented minister</cite></blockquote>\n<!-- /wp:quote -->`,
  );
  if (i % 10 === 1) {
    blocks.push(
      `<!-- wp:shortcode -->\n[caption id="attachment_${i}" align="alignnone" width="300"]<img src="${SITE}/wp-content/uploads/missing-${i}.png" alt="Port cranes" width="300" height="188" /> Cranes at an invented port[/caption]\n<!-- /wp:shortcode -->`,
    );
  }
  blocks.push(
    paragraph(11),
    '<!-- wp:separator -->\n<hr class="wp-block-separator"/>\n<!-- /wp:separator -->',
    paragraph(14),
  );
  return blocks.join('\n\n');
}

function classicBody(post: Post): string {
  const { i } = post;
  return `${sentence(i)} ${sentence(i + 1)}\n\n${sentence(i + 2)} &amp; ${sentence(i + 3)}\n\n[caption id="attachment_${i}" align="alignright" width="150"]<img src="${SITE}/wp-content/uploads/missing-${i}.png" alt="A ferry" width="150" height="150" /> A ferry, 2019[/caption]\n\n<h2>Costs</h2>\n\n${sentence(i + 4)} <!--more--> ${sentence(i + 5)}`;
}

function sentence(n: number): string {
  const noun = pick(NOUNS, n * 7);
  return `The ${noun} ${pick(VERBS, n * 3)} ${pick(PLACES, n * 5)} more than the ${pick(NOUNS, n * 11)} budget of ${1990 + (n % 35)} suggested, at ${(n % 90) + 10}% of its ${pick(NOUNS, n * 13)} cost.`;
}

function pageItems(): string {
  // The grandchild first: WordPress exports in id order, and it was created first.
  const pages = [
    { id: 90_003, parent: 90_002, slug: 'visiting-scholars', title: 'Visiting Scholars' },
    { id: 90_001, parent: 0, slug: 'about', title: 'About the Institute' },
    { id: 90_002, parent: 90_001, slug: 'staff', title: 'Research Staff' },
  ];
  return pages
    .map(
      (p) => `\t<item>
\t\t<title>${cdata(p.title)}</title>
\t\t<link>${SITE}/${p.slug}/</link>
\t\t<dc:creator>${cdata(authorOf(2).login)}</dc:creator>
\t\t<guid isPermaLink="false">${SITE}/?page_id=${p.id}</guid>
\t\t<description></description>
\t\t<content:encoded>${cdata(`<!-- wp:paragraph -->\n<p>${sentence(p.id)}</p>\n<!-- /wp:paragraph -->`)}</content:encoded>
\t\t<excerpt:encoded>${cdata('')}</excerpt:encoded>
\t\t<wp:post_id>${p.id}</wp:post_id>
\t\t${tag('wp:post_date', '2015-06-01 09:00:00')}
\t\t${tag('wp:post_date_gmt', '2015-06-01 09:00:00')}
\t\t${tag('wp:post_name', p.slug)}
\t\t${tag('wp:status', 'publish')}
\t\t<wp:post_parent>${p.parent}</wp:post_parent>
\t\t<wp:menu_order>${p.id - 90_000}</wp:menu_order>
\t\t${tag('wp:post_type', 'page')}
\t\t${tag('wp:post_password', '')}
\t\t<wp:is_sticky>0</wp:is_sticky>
${p.parent === 0 ? meta('_wp_page_template', 'default') : ''}\t</item>
`,
    )
    .join('');
}
