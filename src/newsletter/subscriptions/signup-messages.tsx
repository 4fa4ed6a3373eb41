import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { OutgoingMail } from '../../email/mailer.ts';
import type { NewsletterList } from '../list-repository.ts';

/*
 * The two messages a sign-up can send. Both go to the address typed into the form, so
 * both say plainly what happened and that doing nothing is safe: whoever typed the
 * address may not be its owner.
 */

export function confirmationMessage(
  list: NewsletterList,
  confirmUrl: string,
  hours: number,
): Omit<OutgoingMail, 'to' | 'from'> {
  const intro = `Someone, we hope you, asked to receive ${list.name} from ${list.centerName} at this address.`;
  const validity = `The link works once, for ${hours} hours. If you did not ask for this, ignore this email: you will not be subscribed and will hear nothing more from us.`;
  return {
    subject: oneLine(`Confirm your subscription to ${list.name}`),
    text: `${intro}\n\nTo confirm, open this link and press the button on the page:\n${confirmUrl}\n\n${validity}\n`,
    html: page(
      <>
        <p>{intro}</p>
        <p>
          <a href={confirmUrl}>Confirm my subscription to {list.name}</a>
        </p>
        <p>{validity}</p>
      </>,
    ),
  };
}

export function alreadySubscribedMessage(
  list: NewsletterList,
  preferencesUrl: string,
): Omit<OutgoingMail, 'to' | 'from'> {
  const intro = `Someone asked to subscribe this address to ${list.name} from ${list.centerName}. You already receive it, so nothing has changed.`;
  const after =
    'If that was not you, you can ignore this email. To choose your newsletters or unsubscribe:';
  return {
    subject: oneLine(`You already receive ${list.name}`),
    text: `${intro}\n\n${after}\n${preferencesUrl}\n`,
    html: page(
      <>
        <p>{intro}</p>
        <p>
          {after} <a href={preferencesUrl}>your newsletter preferences</a>.
        </p>
      </>,
    ),
  };
}

function page(body: ComponentChildren): string {
  return `<!doctype html>${renderToString(
    <html lang="en">
      <head>
        <meta charset="utf-8" />
      </head>
      <body>{body}</body>
    </html>,
  )}`;
}

/** List names come from editors; a subject is one header line whatever they typed. */
function oneLine(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: line breaks would end the header
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();
}
