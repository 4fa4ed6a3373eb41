import { setTimeout as sleep } from 'node:timers/promises';

export interface RateLimiter {
  /** Resolves when one more message may go out. */
  take(): Promise<void>;
}

/**
 * A token bucket shared by a process's workers: `perSecond` messages a second on
 * average, with bursts of at most a tenth of a second's worth (at least one), so a
 * server's own rate limit (usually per minute or per second) is never overrun.
 */
export function createRateLimiter(
  perSecond: number,
  now: () => number = performance.now.bind(performance),
): RateLimiter {
  const capacity = Math.max(1, perSecond / 10);
  let tokens = 1;
  let updated = now();
  return {
    async take() {
      for (;;) {
        const at = now();
        tokens = Math.min(capacity, tokens + ((at - updated) * perSecond) / 1000);
        updated = at;
        if (tokens >= 1) {
          tokens -= 1;
          return;
        }
        await sleep(Math.max(1, ((1 - tokens) * 1000) / perSecond));
      }
    },
  };
}
