import { performance } from 'node:perf_hooks';

/** The outcome of a batch of requests. */
export interface LoadResult {
  /** Calls that resolved. */
  ok: number;
  /** Calls that rejected. */
  failed: number;
  /** Wall time of the whole batch, in ms. */
  elapsedMs: number;
  /** The first rejection, for the report (never includes a token: axios errors are reduced to their code). */
  firstError: string | undefined;
}

/** One timed call of {@link runForDuration}. */
export interface LatencySample {
  /** When it started, `performance.now()` ms. */
  start: number;
  /** How long it took, in ms. */
  latency: number;
  /** Whether it resolved. */
  ok: boolean;
}

/** A short description of a rejection, without request headers or bodies. */
export function describeError(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const e = error as { name?: unknown; code?: unknown; message?: unknown; response?: { status?: unknown } };
    const status = e.response?.status;
    const parts = [String(e.name ?? 'Error')];
    if (e.code !== undefined) parts.push(String(e.code));
    if (status !== undefined) parts.push(`HTTP ${String(status)}`);
    return parts.join(' ');
  }
  return String(error);
}

/**
 * Runs `total` calls of `call`, at most `concurrency` at a time (a closed loop: each worker starts its
 * next call when the last one settles), and counts outcomes.
 */
export async function runClosedLoop(
  total: number,
  concurrency: number,
  call: (index: number) => Promise<unknown>,
): Promise<LoadResult> {
  let next = 0;
  let ok = 0;
  let failed = 0;
  let firstError: string | undefined;
  const worker = async (): Promise<void> => {
    while (next < total) {
      const index = next++;
      try {
        await call(index);
        ok++;
      } catch (error) {
        failed++;
        firstError ??= describeError(error);
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  return { ok, failed, elapsedMs: performance.now() - started, firstError };
}

/**
 * Starts all `total` calls at once and counts outcomes: a burst, as when a service starts or
 * a cache empties.
 */
export async function runBurst(
  total: number,
  call: (index: number) => Promise<unknown>,
): Promise<LoadResult> {
  let ok = 0;
  let failed = 0;
  let firstError: string | undefined;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: total }, (_, index) =>
      call(index).then(
        () => {
          ok++;
        },
        (error: unknown) => {
          failed++;
          firstError ??= describeError(error);
        },
      ),
    ),
  );
  return { ok, failed, elapsedMs: performance.now() - started, firstError };
}

/**
 * Keeps `concurrency` calls of `call` in flight for `durationMs` (no new call starts after it) and
 * times each one.
 */
export async function runForDuration(
  durationMs: number,
  concurrency: number,
  call: () => Promise<unknown>,
): Promise<LatencySample[]> {
  const samples: LatencySample[] = [];
  const end = performance.now() + durationMs;
  const worker = async (): Promise<void> => {
    while (performance.now() < end) {
      const start = performance.now();
      let ok = true;
      try {
        await call();
      } catch {
        ok = false;
      }
      samples.push({ start, latency: performance.now() - start, ok });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return samples;
}

/**
 * An open loop: starts calls at a fixed rate for `durationMs`, whether or not earlier ones have
 * finished (as independent callers do), and times each from its scheduled start, so that a stall
 * shows in every call that arrives during it (no coordinated omission). At most `maxInFlight`
 * calls are kept in flight; a call that would exceed it is counted as failed.
 */
export async function runAtRate(
  durationMs: number,
  ratePerSecond: number,
  call: () => Promise<unknown>,
  maxInFlight = 5_000,
): Promise<LatencySample[]> {
  const samples: LatencySample[] = [];
  const pending = new Set<Promise<void>>();
  const begin = performance.now();
  const total = Math.floor((durationMs / 1000) * ratePerSecond);
  let launched = 0;
  const launch = (scheduled: number): void => {
    if (pending.size >= maxInFlight) {
      samples.push({ start: scheduled, latency: performance.now() - scheduled, ok: false });
      return;
    }
    const done: Promise<void> = call().then(
      () => {
        samples.push({ start: scheduled, latency: performance.now() - scheduled, ok: true });
      },
      () => {
        samples.push({ start: scheduled, latency: performance.now() - scheduled, ok: false });
      },
    );
    pending.add(done);
    void done.finally(() => pending.delete(done));
  };
  while (launched < total) {
    const now = performance.now();
    const due = Math.min(total, Math.floor(((now - begin) / 1000) * ratePerSecond) + 1);
    while (launched < due) {
      launch(begin + (launched * 1000) / ratePerSecond);
      launched++;
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.all(pending);
  return samples;
}
