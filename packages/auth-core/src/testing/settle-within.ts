import { setTimeout as delay } from 'node:timers/promises';

/** How a promise stood after a wait: settled one way or the other, or still pending. */
type Settlement<T> =
  | { readonly state: 'resolved'; readonly value: T }
  | { readonly state: 'rejected'; readonly error: unknown }
  | { readonly state: 'pending' };

/** How `promise` stands after at most `ms` (sooner when it settles). Never rejects. */
export async function settleWithin<T>(ms: number, promise: Promise<T>): Promise<Settlement<T>> {
  const stop = new AbortController();
  try {
    return await Promise.race([
      promise.then(
        (value): Settlement<T> => ({ state: 'resolved', value }),
        (error: unknown): Settlement<T> => ({ state: 'rejected', error }),
      ),
      delay(ms, { state: 'pending' } as const, { signal: stop.signal }).catch(
        () => ({ state: 'pending' }) as const,
      ),
    ]);
  } finally {
    stop.abort();
  }
}
