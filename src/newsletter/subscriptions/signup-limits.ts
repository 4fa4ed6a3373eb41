/*
 * In-process limits that keep the sign-up form from being used to mail-bomb someone: a
 * few sign-ups per IP address in a window, and at most one message per address and list
 * in a shorter one. In memory on purpose (nothing to clean up, nothing to leak); with
 * several app processes each keeps its own, which multiplies the bound by their number.
 */

export interface WindowLimit {
  /** Whether one more event for `key` fits now; if so it is counted. */
  take(key: string, now: number): boolean;
  /** Uncounts an event taken at `at` (its action failed and may be retried at once). */
  release(key: string, at: number): void;
}

/** At most `max` events per key in any `windowMs`. */
export function createWindowLimit(max: number, windowMs: number): WindowLimit {
  const events = new Map<string, number[]>();
  const recent = (key: string, now: number) =>
    (events.get(key) ?? []).filter((at) => at > now - windowMs);
  return {
    release(key, at) {
      const times = events.get(key) ?? [];
      const index = times.lastIndexOf(at);
      if (index >= 0) times.splice(index, 1);
    },
    take(key, now) {
      const kept = recent(key, now);
      if (kept.length >= max) return false;
      kept.push(now);
      events.set(key, kept);
      // A flood of distinct keys must not grow the map for ever.
      if (events.size > 50_000) prune(events, now - windowMs);
      return true;
    },
  };
}

function prune(events: Map<string, number[]>, before: number): void {
  for (const [key, times] of events) if ((times.at(-1) ?? 0) <= before) events.delete(key);
}

/** Sign-ups per IP address: 10 in 10 minutes is plenty for an office behind one address. */
export const SIGNUPS_PER_IP = { max: 10, windowMs: 10 * 60_000 };
/** Messages per address and list: one in 5 minutes. */
export const MAILS_PER_ADDRESS = { max: 1, windowMs: 5 * 60_000 };
