import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ScratchDatabase } from '../../src/import/wordpress/scratch-tables.ts';
import { buildIndex } from '../../src/import/wordpress/wxr-index.ts';
import { readWxr, type WxrEvent } from '../../src/import/wordpress/wxr-reader.ts';
import { sampleItem, sampleWxr } from './wxr-sample.ts';

async function events(xml: string): Promise<WxrEvent[]> {
  const all: WxrEvent[] = [];
  for await (const event of readWxr(Readable.from([xml]), 'test.xml')) all.push(event);
  return all;
}

describe('the WXR reader', () => {
  it('reads a `]]>` that the exporter split across two CDATA sections', async () => {
    const xml = sampleWxr({ items: [{ id: 5, content: '<script>/* ]]> */</script>' }] });
    const item = (await events(xml)).find((e) => e.kind === 'item');
    expect(item?.kind === 'item' && item.item.content).toBe('<script>/* ]]> */</script>');
  });

  it('reads the same fields whatever prefix a namespace has', async () => {
    const xml = sampleWxr({ items: [{ id: 6, title: 'Prefixed' }] })
      .replaceAll('<wp:', '<wordpress:')
      .replaceAll('</wp:', '</wordpress:')
      .replace('xmlns:wp=', 'xmlns:wordpress=');
    const item = (await events(xml)).find((e) => e.kind === 'item');
    expect(item?.kind === 'item' && [item.item.id, item.item.postType]).toEqual(['6', 'post']);
  });

  it('keeps memory flat however many items the file holds', async () => {
    const head = sampleWxr({}).split('</channel>')[0] ?? '';
    const body = sampleItem({ id: 1, content: `<p>${'Words of a long post. '.repeat(400)}</p>` });
    const count = 6_000; // about 60 MB of XML
    function* chunks() {
      yield head;
      for (let i = 1; i <= count; i++) yield body.replace('<wp:post_id>1<', `<wp:post_id>${i}<`);
      yield '</channel></rss>';
    }
    let peak = 0;
    let seen = 0;
    const start = process.memoryUsage().heapUsed;
    const scratch = new ScratchDatabase();
    const index = await buildIndex(
      (async function* () {
        for await (const event of readWxr(Readable.from(chunks()), 'big.xml')) {
          if (event.kind === 'item' && ++seen % 500 === 0)
            peak = Math.max(peak, process.memoryUsage().heapUsed - start);
          yield event;
        }
      })(),
      { coauthorMetaKey: undefined, coAuthorsPlus: true },
      scratch,
    );
    expect(index.items).toBe(count);
    // Every item is indexed, on disk rather than in memory.
    expect(index.posts.get(count)?.id).toBe(count);
    expect(index.posts.get(count + 1)).toBeUndefined();
    scratch.close();
    // The file is ~60 MB (120 MB as JS strings); what stays is a small index per item.
    expect(peak).toBeLessThan(64 * 1024 * 1024);
  }, 60_000);
});
