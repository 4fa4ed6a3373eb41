/*
 * How a built message leaves the process: through an SMTP server (smtp-delivery.ts) or,
 * without one, into an .eml file in the data folder (eml-delivery.ts). Both make the same
 * promise: `commit` (which marks the outbox row sent) runs once, at the one moment after
 * which the message counts as handed over, and a message whose commit did not run was
 * not handed over.
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
  /** Committed, and the server said 250 (or the file is in place). */
  | { kind: 'delivered'; response: string }
  /**
   * The server refused it with a reply code. `committed` is true when the refusal came
   * after the end of DATA (the row was already marked sent and must be corrected).
   */
  | {
      kind: 'refused';
      stage: 'sender' | 'recipient' | 'data';
      code: number;
      response: string;
      committed: boolean;
    }
  /** Committed, but the connection broke before the reply: counted as sent, never resent. */
  | { kind: 'unconfirmed'; error: string }
  /** Not handed over (no connection, the commit failed or the row was taken over). */
  | { kind: 'not-sent'; error: string };

export interface Delivery {
  deliver(
    envelope: Envelope,
    message: Buffer,
    key: MessageKey,
    commit: () => Promise<void>,
  ): Promise<DeliveryOutcome>;
  close(): Promise<void>;
}
