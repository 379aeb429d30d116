/** Thrown by {@link within} when a promise did not settle in time: the call hung. */
export class HangError extends Error {
  override readonly name = 'HangError';
}

/**
 * `promise`, or a rejection with {@link HangError} when it has not settled after `ms` milliseconds.
 * The timer is cleared as soon as the promise settles.
 */
export async function within<T>(ms: number, promise: Promise<T>, label: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new HangError(`${label} did not settle within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Resolves after `ms` milliseconds of real time. */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
