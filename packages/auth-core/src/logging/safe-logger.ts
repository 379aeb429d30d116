import { escapeControlCharacters } from './control-characters';
import type { QontakLogger } from './logger';

type Level = keyof QontakLogger;

/** How deep {@link escapeFields} looks into nested objects and arrays of a log context. */
const MAX_DEPTH = 4;

/** Swallows a promise's rejection, if `value` is one. */
function ignoreRejection(value: unknown): void {
  if (typeof (value as { then?: unknown } | null | undefined)?.then === 'function') {
    (value as PromiseLike<unknown>).then(undefined, () => undefined);
  }
}

/** `value` with the control characters of every string in it escaped (plain objects and arrays are copied). */
function escapeFields(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return escapeControlCharacters(value);
  if (depth >= MAX_DEPTH || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => escapeFields(item, depth + 1));
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) copy[key] = escapeFields(field, depth + 1);
  return copy;
}

/**
 * A logger whose every method exists and never throws (nor rejects): a failing user logger must not
 * fail a grant or become an unhandled rejection. Every string it passes on is on one line (control
 * characters escaped, see {@link escapeControlCharacters}), so text a server or a store sent cannot
 * forge a log line; a call without fields passes the message alone (`console` prints no `undefined`).
 */
export function safeLogger(logger: QontakLogger | undefined): Required<QontakLogger> {
  const level =
    (name: Level) =>
    (message: string, context?: Record<string, unknown>): void => {
      const method = logger?.[name];
      if (typeof method !== 'function') return;
      try {
        const line = escapeControlCharacters(String(message));
        const fields = context === undefined || Object.keys(context).length === 0 ? undefined : context;
        ignoreRejection(
          fields === undefined
            ? method.call(logger, line)
            : method.call(logger, line, escapeFields(fields, 0) as Record<string, unknown>),
        );
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
