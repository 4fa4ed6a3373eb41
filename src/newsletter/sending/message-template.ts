import { randomBytes } from 'node:crypto';
import { encode as qpEncode, wrap as qpWrap } from 'nodemailer/lib/qp';
import type { DigestLinks } from '../digests/digest-email.tsx';
import { escapeAttribute, type RenderedDigest } from '../digests/render-digest.ts';
import { composeMessage } from './compose-message.ts';
import type { Sender } from './sender-identity.ts';

/*
 * One message per subscriber, built from one MIME message per batch.
 *
 * Building a 40–70 KB digest message with nodemailer costs a few milliseconds (mostly
 * quoted-printable encoding in JavaScript): at 100,000 subscribers, minutes of CPU for
 * bytes that are the same in every copy. So nodemailer builds the message once, from the
 * same structured fields, with stand-ins for what differs per subscriber (To, Message-ID,
 * the List-Unsubscribe links, and both body parts as short markers), and each copy
 * replaces them:
 *
 * - the header stand-ins become values we made or checked ourselves: the address passed
 *   checkEmailAddress (a dot-atom, nothing to encode), the Message-ID and the links are
 *   ours; each must be printable ASCII without spaces, or the copy is refused;
 * - each body part is the digest's text split at its link placeholders: the static pieces
 *   are quoted-printable encoded once, each ending in a soft line break, so the links
 *   (encoded per copy, a hundred bytes) sit on lines of their own. A decoder joins soft
 *   line breaks, so the part decodes to exactly the personalised text.
 *
 * The result is the message nodemailer would have built for that subscriber, give or
 * take where lines are wrapped, in tens of microseconds.
 */

export interface RecipientFields {
  to: string;
  messageId: string;
  links: DigestLinks;
  unsubscribeMailto: string;
}

export interface MessageTemplate {
  forRecipient(fields: RecipientFields): Buffer;
}

type Slot = 'to' | 'messageId' | 'unsubscribe' | 'mailto' | 'html' | 'text';
type BodySlot = keyof DigestLinks;

/** A header value we put in ourselves: printable ASCII, no spaces, nothing to fold or encode. */
const HEADER_SAFE = /^[\x21-\x7e]{1,900}$/;

export async function buildMessageTemplate(input: {
  sender: Sender;
  subject: string;
  date: Date;
  listId: { id: string; name: string };
  digest: RenderedDigest;
}): Promise<MessageTemplate> {
  const nonce = randomBytes(9).toString('hex');
  const stand: Record<Slot, string> = {
    to: `dossier-to-${nonce}@placeholder.invalid`,
    messageId: `<dossier-id-${nonce}@placeholder.invalid>`,
    unsubscribe: `https://placeholder.invalid/${nonce}/unsubscribe`,
    mailto: `mailto:dossier-${nonce}@placeholder.invalid`,
    html: `DOSSIERHTML${nonce}`,
    text: `DOSSIERTEXT${nonce}`,
  };
  const raw = await composeMessage({
    sender: input.sender,
    to: stand.to,
    subject: input.subject,
    date: input.date,
    messageId: stand.messageId,
    listId: input.listId,
    unsubscribeUrl: stand.unsubscribe,
    unsubscribeMailto: stand.mailto,
    html: stand.html,
    text: stand.text,
    encoding: 'quoted-printable',
  });
  const pieces = splitAtStandIns(raw.toString('latin1'), stand).map((piece) =>
    typeof piece === 'string' ? Buffer.from(piece, 'latin1') : piece.slot,
  );
  const { placeholders } = input.digest;
  const html = encodedSegments(input.digest.html, placeholders);
  const text = encodedSegments(input.digest.text.replace(/\r?\n/g, '\r\n'), placeholders);

  return {
    forRecipient(fields) {
      const { to, messageId, links, unsubscribeMailto } = fields;
      for (const value of [to, messageId, links.unsubscribe, unsubscribeMailto])
        if (!HEADER_SAFE.test(value)) throw new Error('A header value is not plain ASCII.');
      const bodies = {
        html: body(html, {
          unsubscribe: encodedPiece(escapeAttribute(links.unsubscribe)),
          preferences: encodedPiece(escapeAttribute(links.preferences)),
        }),
        text: body(text, {
          unsubscribe: encodedPiece(links.unsubscribe),
          preferences: encodedPiece(links.preferences),
        }),
      };
      const headers: Record<Exclude<Slot, 'html' | 'text'>, string> = {
        to,
        messageId,
        unsubscribe: links.unsubscribe,
        mailto: unsubscribeMailto,
      };
      const out: Buffer[] = [];
      for (const piece of pieces) {
        if (Buffer.isBuffer(piece)) out.push(piece);
        else if (piece === 'html' || piece === 'text') out.push(...bodies[piece]);
        else out.push(Buffer.from(headers[piece], 'latin1'));
      }
      return Buffer.concat(out);
    },
  };
}

/** The built message as literal text and the slots where each stand-in was. */
function splitAtStandIns(raw: string, stand: Record<Slot, string>): (string | { slot: Slot })[] {
  const slots = Object.keys(stand) as Slot[];
  const pattern = new RegExp(slots.map((s) => escapeRegExp(stand[s])).join('|'), 'g');
  const pieces: (string | { slot: Slot })[] = [];
  const seen = new Set<Slot>();
  let last = 0;
  for (const match of raw.matchAll(pattern)) {
    const slot = slots.find((s) => stand[s] === match[0]) as Slot;
    seen.add(slot);
    pieces.push(raw.slice(last, match.index), { slot });
    last = match.index + match[0].length;
  }
  pieces.push(raw.slice(last));
  if (seen.size !== slots.length)
    throw new Error(`The message template lost a stand-in (${slots.filter((s) => !seen.has(s))}).`);
  return pieces;
}

/** A part's text split at the link placeholders, its static pieces encoded once. */
function encodedSegments(content: string, placeholders: DigestLinks): (Buffer | BodySlot)[] {
  const names = Object.keys(placeholders) as BodySlot[];
  const pattern = new RegExp(names.map((n) => escapeRegExp(placeholders[n])).join('|'), 'g');
  const out: (Buffer | BodySlot)[] = [];
  let last = 0;
  for (const match of content.matchAll(pattern)) {
    out.push(encodedPiece(content.slice(last, match.index)));
    out.push(names.find((n) => placeholders[n] === match[0]) as BodySlot);
    last = match.index + match[0].length;
  }
  out.push(encodedPiece(content.slice(last)));
  return out;
}

/**
 * Quoted-printable, wrapped at 76, ending in a soft line break (unless on a hard one), so
 * that what follows starts a line of its own. A soft break at the very end of a part is
 * legal and decodes to nothing.
 */
function encodedPiece(piece: string): Buffer {
  if (piece === '') return Buffer.alloc(0);
  const wrapped = qpWrap(qpEncode(piece), 76);
  return Buffer.from(wrapped.endsWith('\r\n') ? wrapped : `${wrapped}=\r\n`, 'latin1');
}

function body(segments: (Buffer | BodySlot)[], links: Record<BodySlot, Buffer>): Buffer[] {
  return segments.map((segment) => (Buffer.isBuffer(segment) ? segment : links[segment]));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
