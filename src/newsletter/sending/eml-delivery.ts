import { access, mkdir, open, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { Delivery } from './delivery.ts';

/**
 * Without an SMTP server (the embedded default), each message becomes a file:
 * `<data dir>/outbox/newsletters/<issue id>/<outbox row id>.eml`, which any mail client
 * opens. The same exactly-once reasoning as over SMTP, with the rename as the moment of
 * handing over: the message is written to `<row>.eml.partial`, flushed, and renamed into
 * place, then the row is marked sent. A crash before the rename leaves no .eml (the
 * partial file is overwritten on the next try); a crash between the rename and the
 * database leaves the file, which the next try finds and only marks. The file name comes
 * from the row, so there is never a second file for one message.
 */
export function createEmlDelivery(outboxDir: string): Delivery {
  return {
    async deliver(_envelope, message, key, end) {
      const folder = join(outboxDir, 'newsletters', key.folder);
      const file = join(folder, `${key.name}.eml`);
      try {
        await end.prepare();
        if (!(await exists(file))) {
          await mkdir(folder, { recursive: true });
          const partial = `${file}.partial`;
          const handle = await open(partial, 'w');
          try {
            await handle.writeFile(message);
            await handle.sync();
          } finally {
            await handle.close();
          }
          await rename(partial, file);
        }
        end.handOver();
      } catch (error) {
        return { kind: 'not-sent', error: (error as Error).message.slice(0, 300) };
      }
      return { kind: 'delivered', response: file };
    },
    async close() {},
  };
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
