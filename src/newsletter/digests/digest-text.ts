import { formatDate } from '../../lib/dates.ts';
import type { DigestModel } from './digest-content.ts';
import { type DigestLinks, postalAddress } from './digest-email.tsx';

/**
 * The digest's plain-text part: what a text-only client shows and what spam filters
 * compare with the HTML. The intro is the editor's Markdown as written, which reads as
 * text; every link is written out in full.
 */
export function renderDigestText(model: DigestModel, links: DigestLinks): string {
  const { center, list, issue } = model;
  const lines: string[] = [
    `${list.name} · ${formatDate(issue.coversUntil, center.locale, center.timeZone)}`,
    center.name,
    model.homeUrl,
    '',
  ];
  if (model.introMarkdown.trim() !== '') lines.push(model.introMarkdown.trim(), '');
  model.items.forEach((item, i) => {
    lines.push(`${i + 1}. ${item.title}`);
    const byline = [item.typeName, item.authors.join(', ')].filter(Boolean).join(' · ');
    if (byline) lines.push(`   ${byline}`);
    if (item.dek) lines.push(`   ${item.dek}`);
    lines.push(`   ${item.url}`, '');
  });
  const address = postalAddress(model);
  lines.push(
    '--',
    `You receive ${list.name} because you subscribed to it from ${center.name}.`,
    `Manage your subscriptions: ${links.preferences}`,
    `Unsubscribe from ${list.name}: ${links.unsubscribe}`,
    '',
    [center.name, address, center.phone].filter(Boolean).join(' · '),
  );
  if (center.disclaimer) lines.push('', center.disclaimer);
  return `${lines.join('\n')}\n`;
}
