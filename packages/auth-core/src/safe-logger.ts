import type { QontakLogger } from './qontak-logger';

type Level = keyof QontakLogger;

/** Swallows a promise's rejection, if `value` is one. */
function ignoreRejection(value: unknown): void {
  if (typeof (value as { then?: unknown } | null | undefined)?.then === 'function') {
    (value as PromiseLike<unknown>).then(undefined, () => undefined);
  }
}

/**
 * A logger whose every method exists and never throws (nor rejects): a failing user logger must not
 * fail a grant or become an unhandled rejection.
 */
export function safeLogger(logger: QontakLogger | undefined): Required<QontakLogger> {
  const level =
    (name: Level) =>
    (message: string, context?: Record<string, unknown>): void => {
      try {
        ignoreRejection(logger?.[name]?.(message, context));
      } catch {
        // The logger itself failed: there is nowhere left to report it.
      }
    };
  return { debug: level('debug'), info: level('info'), warn: level('warn'), error: level('error') };
}

/** Calls a user hook, turning a throw or a rejection into `onError`, never into a failure of the caller. */
export function callHook<T>(hook: ((value: T) => unknown) | undefined, value: T, onError: () => void): void {
  if (hook === undefined) return;
  try {
    const result = hook(value);
    if (typeof (result as { then?: unknown } | null | undefined)?.then === 'function') {
      (result as PromiseLike<unknown>).then(undefined, onError);
    }
  } catch {
    onError();
  }
}
