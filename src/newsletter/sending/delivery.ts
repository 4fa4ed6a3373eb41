import type { EndOfData } from './commit-before-end.ts';

/*
 * How a built message leaves the process: through an SMTP server (smtp-delivery.ts) or,
 * without one, into an .eml file in the data folder (eml-delivery.ts). Both make the same
 * promise: `end.handOver` runs once, at the one moment after which the message counts as
 * handed over, and a message whose handOver did not run was not handed over.
 */

export interface Envelope {
  /** The bounce address (MAIL FROM). */
  from: string;
  /** The one recipient, already checked by checkEmailAddress. */
  to: string;
}

/** Names the message's .eml file: `newsletters/<folder>/<name>.eml`. */
export interface MessageKey {
  /** The issue id. */
  folder: string;
  /** The outbox row id: one file per row, whatever happens. */
  name: string;
}

export type DeliveryOutcome =
  /** Handed over, and the server said 250 (or the file is in place). */
  | { kind: 'delivered'; response: string }
  /**
   * The server refused it with a reply code. `committed` is true when the refusal came
   * after the end of DATA (the message was already recorded as handed over).
   */
  | {
      kind: 'refused';
      stage: 'sender' | 'recipient' | 'data';
      code: number;
      response: string;
      committed: boolean;
    }
  /** Handed over, but the connection broke before the reply: counted as sent, never resent. */
  | { kind: 'unconfirmed'; error: string }
  /** Not handed over (no connection, or `prepare` refused: the row was taken over). */
  | { kind: 'not-sent'; error: string };

export interface Delivery {
  deliver(
    envelope: Envelope,
    message: Buffer,
    key: MessageKey,
    end: EndOfData,
  ): Promise<DeliveryOutcome>;
  close(): Promise<void>;
}
