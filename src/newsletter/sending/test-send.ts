import type { Config } from '../../config/schema.ts';
import { ValidationError } from '../../errors.ts';
import type { DigestModel } from '../digests/digest-content.ts';
import type { DigestLinks } from '../digests/digest-email.tsx';
import { personalize, renderDigest } from '../digests/render-digest.ts';
import { checkEmailAddress } from '../email-address.ts';
import { composeMessage, newMessageId } from './compose-message.ts';
import { defaultDelivery } from './default-delivery.ts';
import type { Delivery } from './delivery.ts';
import { linkOrigin, senderOf } from './sender-identity.ts';

/** Links for previews and test messages: they lead to the pages, signed for nobody. */
export function previewLinks(origin: string): DigestLinks {
  return {
    unsubscribe: `${origin}/newsletters/unsubscribe`,
    preferences: `${origin}/newsletters/preferences`,
  };
}

/**
 * Sends an issue as it stands to one address, outside the outbox: an editor's proof.
 * The subject says "[Test]"; the links are unsigned previews. Nothing is recorded.
 */
export async function sendTestMessage(
  model: DigestModel,
  to: string,
  options: { config: Config; now: Date; delivery?: Delivery },
): Promise<string> {
  const address = checkEmailAddress(to);
  if (!address.ok)
    throw new ValidationError({
      code: 'EMAIL_INVALID',
      field: 'to',
      message: `The address ${address.reason}.`,
    });
  const { origin } = linkOrigin(options.config);
  const sender = senderOf(model.list, options.config);
  const digest = renderDigest(model);
  const links = previewLinks(origin);
  const { html, text } = personalize(digest, links);
  const message = await composeMessage({
    sender,
    to: address.address,
    subject: `[Test] ${digest.subject}`,
    date: options.now,
    messageId: newMessageId(model.issue.id, 0, sender.address),
    listId: { id: `${model.list.slug}.${new URL(origin).hostname}`, name: model.list.name },
    unsubscribeUrl: links.unsubscribe,
    unsubscribeMailto: `mailto:${sender.address}?subject=unsubscribe`,
    html,
    text,
  });
  const delivery = options.delivery ?? defaultDelivery(options.config);
  try {
    const outcome = await delivery.deliver(
      { from: sender.address, to: address.address },
      message,
      { folder: 'tests', name: `issue-${model.issue.id}-${options.now.getTime()}` },
      { prepare: async () => {}, handOver: () => {} },
    );
    if (outcome.kind === 'delivered') return outcome.response;
    throw new ValidationError({
      code: 'EMAIL_REFUSED',
      field: 'to',
      message: `The test message was not sent: ${
        outcome.kind === 'refused' ? `${outcome.code} ${outcome.response}` : outcome.error
      }`,
    });
  } finally {
    await delivery.close();
  }
}
