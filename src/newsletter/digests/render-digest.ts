import { randomBytes } from 'node:crypto';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { DigestModel } from './digest-content.ts';
import { DigestEmail, type DigestLinks } from './digest-email.tsx';
import { renderDigestText } from './digest-text.ts';

/**
 * A digest rendered once per issue, with a placeholder where each subscriber's own
 * links go. Rendering is the costly part (Preact, Markdown, dates); a message for one
 * subscriber is then two string substitutions. The placeholders carry a random nonce, so
 * nothing an editor writes (an intro, a title) can contain one and be replaced.
 */
export interface RenderedDigest {
  subject: string;
  html: string;
  text: string;
  placeholders: DigestLinks;
}

export function renderDigest(model: DigestModel): RenderedDigest {
  const nonce = randomBytes(12).toString('hex');
  const placeholders: DigestLinks = {
    unsubscribe: `https://dossier.invalid/${nonce}/unsubscribe`,
    preferences: `https://dossier.invalid/${nonce}/preferences`,
  };
  return {
    subject: model.issue.subject,
    html: `<!doctype html>${renderToString(h(DigestEmail, { model, links: placeholders }))}`,
    text: renderDigestText(model, placeholders),
    placeholders,
  };
}

/** One subscriber's HTML and text: the placeholders replaced by their signed links. */
export function personalize(
  digest: RenderedDigest,
  links: DigestLinks,
): { html: string; text: string } {
  const { unsubscribe, preferences } = digest.placeholders;
  return {
    html: digest.html
      .replaceAll(unsubscribe, escapeAttribute(links.unsubscribe))
      .replaceAll(preferences, escapeAttribute(links.preferences)),
    text: digest.text
      .replaceAll(unsubscribe, links.unsubscribe)
      .replaceAll(preferences, links.preferences),
  };
}

/** The placeholders stand in attribute values only: escape as Preact would have. */
export function escapeAttribute(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('"', '&quot;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;');
}
