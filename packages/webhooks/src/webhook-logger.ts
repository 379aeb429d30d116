/**
 * Where the handler reports what it refused and what failed. Every method is optional; `console` fits,
 * and so does the `QontakLogger` of `@qontak/auth-core` (pino and Nest's `Logger` through it). Messages
 * and context never hold the secret, a request URL, or a payload's values.
 */
export interface QontakWebhookLogger {
  debug?(message: string, context?: Record<string, unknown>): void;
  info?(message: string, context?: Record<string, unknown>): void;
  warn?(message: string, context?: Record<string, unknown>): void;
  error?(message: string, context?: Record<string, unknown>): void;
}

/** A logger whose every method exists and never throws nor rejects: a failing logger never fails a delivery. */
export function safeLogger(logger: QontakWebhookLogger | undefined): Required<QontakWebhookLogger> {
  const level =
    (name: keyof QontakWebhookLogger) =>
    (message: string, context?: Record<string, unknown>): void => {
      try {
        const result: unknown = logger?.[name]?.(message, context);
        if (typeof (result as PromiseLike<unknown> | undefined)?.then === 'function') {
          (result as PromiseLike<unknown>).then(undefined, () => undefined);
        }
      } catch {
        // The logger itself failed: there is nowhere left to report it.
      }
    };
  return { debug: level('debug'), info: level('info'), warn: level('warn'), error: level('error') };
}
