import { Readable, type Writable } from 'node:stream';

/** What happens between the last byte of a message and its end. */
export interface EndOfData {
  /** Runs once the body has left the process; may refuse (the stream then errors). */
  prepare(): Promise<void>;
  /** The moment of handing over: synchronous, immediately followed by the end of DATA. */
  handOver(): void;
}

/**
 * A message as a stream that holds back its end until the message is recorded as sent.
 *
 * This is where a newsletter message becomes "sent", and why no subscriber gets a copy
 * twice. The SMTP client writes the terminating `<CRLF>.<CRLF>` of DATA only once the
 * message stream has ended, and a server discards a DATA that never got its "." (the
 * connection closed first). So:
 *
 * 1. the body goes out first, and `prepare` waits until it has left the process (no
 *    read-ahead: `read` is called again only when the consumer has taken the whole body;
 *    then nothing may be queued in the consumer or, by `isFlushed`, the socket), then
 *    checks that this worker still holds the message (see send-worker.ts);
 * 2. `handOver` records the message as sent (a synchronous journal write,
 *    sent-journal.ts) and, in the same synchronous call, we end the consumer (nodemailer's
 *    DATA encoder) directly, whose flush writes the "." to the socket. Ending this stream
 *    instead would take several event-loop ticks to reach it.
 *
 * Killed before `handOver`: the server has no message, and a restart sends it again.
 * Killed after: the "." is already with the kernel, which delivers it. Between the two
 * there are a few function calls and no I/O: microseconds.
 *
 * The opposite order (send, wait for the 250, then record) would leave the whole round
 * trip to the server as a window for a duplicate. If `prepare` fails the stream errors
 * instead of ending; the caller must then close the connection, which abandons the DATA.
 */
export function commitBeforeEnd(
  message: Buffer,
  end: EndOfData,
  /** True once everything written so far has left the process (the socket's buffer is empty). */
  isFlushed: () => boolean = () => true,
): Readable {
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
      whenFlushed(consumer, isFlushed)
        .then(() => end.prepare())
        .then(
          () => {
            end.handOver();
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

/**
 * Waits (a few event-loop turns at most, unless the server is slow to read) until the
 * body has left the process: nothing buffered in the consumer, nothing queued in the
 * socket. Bytes still queued in the process when it dies are lost with it, while bytes
 * the kernel holds are delivered.
 */
async function whenFlushed(consumer: Writable | undefined, isFlushed: () => boolean) {
  const pending = () =>
    (consumer !== undefined &&
      (consumer.writableLength > 0 || (consumer as unknown as Readable).readableLength > 0)) ||
    !isFlushed();
  while (pending()) await new Promise((resolve) => setImmediate(resolve));
}
