/** Thrown by {@link withDeadline} when the work takes longer than allowed. */
export class DeadlineExceededError extends Error {
  override name = 'DeadlineExceededError';
}

/**
 * `work`, or a rejection with {@link DeadlineExceededError} after `ms` milliseconds: every wait of
 * the benchmarks is bounded, so one stuck scenario cannot hang the run.
 * @throws {DeadlineExceededError} when `work` has not settled after `ms`.
 */
export async function withDeadline<T>(work: Promise<T>, ms: number, label: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineExceededError(`${label}: no result after ${ms} ms`)), ms);
    timer.unref();
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Polls `condition` every `intervalMs` until it is true or `ms` have passed.
 * @returns whether the condition became true in time.
 */
export async function waitUntil(condition: () => boolean, ms: number, intervalMs = 5): Promise<boolean> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() >= end) return false;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  return true;
}
