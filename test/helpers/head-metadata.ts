/*
 * Reads back what the pages put in <head> for machines. The markup comes from our own
 * renderer (preact-render-to-string), whose attribute escaping is exactly &amp; &lt; &gt;
 * &quot;, so a small reader is enough and needs no HTML parser dependency.
 */

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeAttribute(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, code: string) => {
    if (code.startsWith('#x') || code.startsWith('#X'))
      return String.fromCodePoint(Number.parseInt(code.slice(2), 16));
    if (code.startsWith('#')) return String.fromCodePoint(Number(code.slice(1)));
    return ENTITIES[code] ?? whole;
  });
}

/** Every <meta name|property content> in document order, as [key, content] pairs. */
export function metaTags(html: string): [string, string][] {
  const head = html.slice(0, html.indexOf('</head>'));
  return [...head.matchAll(/<meta (name|property)="([^"]*)" content="([^"]*)"\/?>/g)].map((m) => [
    decodeAttribute(m[2] ?? ''),
    decodeAttribute(m[3] ?? ''),
  ]);
}

/** The contents of every tag with this key, in order. */
export function metaValues(html: string, key: string): string[] {
  return metaTags(html)
    .filter(([k]) => k === key)
    .map(([, v]) => v);
}

/** The page's JSON-LD document, parsed (the page carries exactly one). */
export function jsonLdOf(html: string): {
  '@context': string;
  '@graph': Record<string, unknown>[];
} {
  const blocks = [
    ...html.matchAll(/<script id="structured-data" type="application\/ld\+json">(.*?)<\/script>/gs),
  ];
  if (blocks.length !== 1) throw new Error(`expected one JSON-LD block, found ${blocks.length}`);
  return JSON.parse(blocks[0]?.[1] ?? '');
}

/**
 * The document with every `{ "@id": … }` reference replaced by the node written in full
 * elsewhere in it (pages write a repeated organisation once), so tests can read each
 * property where a consumer would find it. Unknown references are left as they are.
 */
export function withReferencesInlined<T extends { '@graph': Record<string, unknown>[] }>(
  doc: T,
): T {
  const full = new Map<string, Record<string, unknown>>();
  const collect = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === 'object') {
      const node = value as Record<string, unknown>;
      if (typeof node['@id'] === 'string' && Object.keys(node).length > 1)
        full.set(node['@id'], node);
      Object.values(node).forEach(collect);
    }
  };
  collect(doc['@graph']);
  // A node may refer to one it sits inside (a page's breadcrumb names the work): such a
  // reference stays a reference, or inlining would never end.
  const inline = (value: unknown, within: ReadonlySet<string>): unknown => {
    if (Array.isArray(value)) return value.map((v) => inline(v, within));
    if (!value || typeof value !== 'object') return value;
    const node = value as Record<string, unknown>;
    const id = typeof node['@id'] === 'string' ? node['@id'] : undefined;
    const keys = Object.keys(node);
    if (id && keys.length === 1) {
      const target = full.get(id);
      return target && !within.has(id) ? inline(target, within) : node;
    }
    const inner = id ? new Set([...within, id]) : within;
    return Object.fromEntries(keys.map((k) => [k, inline(node[k], inner)]));
  };
  return {
    ...doc,
    '@graph': doc['@graph'].map((n) => inline(n, new Set())) as Record<string, unknown>[],
  };
}
