import { Readable, type Writable } from 'node:stream';

/**
 * A message as a stream that runs `commit` after its last byte and before it ends.
 *
 * This is where a newsletter message becomes "sent", and why no subscriber gets a copy
 * twice. The SMTP client writes the terminating `<CRLF>.<CRLF>` of DATA only once the
 * message stream has ended, and a server discards a DATA that never got its "." (the
 * connection closed first). So the stream holds its end back until the outbox row is
 * committed as sent:
 *
 * - killed before the commit: the server never accepted the message, the row is still
 *   `sending`, and a restart sends it again: one copy;
 * - killed after the commit: the row says sent, and the "." is already on its way.
 *
 * The window between the two is made as small as we can make it. The body is handed to
 * the socket before the commit starts (no read-ahead: `read` is called again only when
 * the consumer has taken the whole body and, through the pipe's backpressure, the
 * socket has accepted it). After the commit we end the consumer (nodemailer's DATA
 * encoder) directly rather than ending this stream, which would take several event-loop
 * ticks to reach it: its flush writes the "." to the socket synchronously, inside the
 * same call. What is left is a promise resolution and a few function calls: microseconds.
 *
 * The opposite order (send, wait for the 250, then mark) would leave the whole round
 * trip to the server as a window for a duplicate. If `commit` fails (or reports the row
 * was taken over by another worker) the stream errors instead of ending; the caller
 * must then close the connection, which abandons the DATA.
 */
export function commitBeforeEnd(message: Buffer, commit: () => Promise<void>): Readable {
  let stage: 'body' | 'commit' | 'done' = 'body';
  let consumer: Writable | undefined;
  const stream = new Readable({
    highWaterMark: 0,
    read() {
      if (stage === 'body') {
        stage = 'commit';
        this.push(message);
        return;
      }
      if (stage !== 'commit') return;
      stage = 'done';
      commit().then(
        () => {
          if (consumer) {
            stream.unpipe(consumer);
            consumer.end();
          } else stream.push(null);
        },
        (error: unknown) =>
          stream.destroy(error instanceof Error ? error : new Error(String(error))),
      );
    },
  });
  const pipe = stream.pipe.bind(stream);
  stream.pipe = <T extends NodeJS.WritableStream>(destination: T, options?: { end?: boolean }) => {
    consumer = destination as unknown as Writable;
    return pipe(destination, options);
  };
  return stream;
}
