/**
 * Where the core reports what it does. Messages and context never hold a password, client secret or
 * token, and every string in them is on one line (control characters escaped). `context` is passed
 * only when there are fields. Every method is optional; `console` fits.
 */
export interface QontakLogger {
  debug?(message: string, context?: Record<string, unknown>): void;
  info?(message: string, context?: Record<string, unknown>): void;
  warn?(message: string, context?: Record<string, unknown>): void;
  error?(message: string, context?: Record<string, unknown>): void;
}
