import type { QontakLogger } from '@qontak/auth-core';

/** A {@link QontakLogger} that keeps every message and context, one string per call (context as JSON). */
export class RecordingLogger implements QontakLogger {
  readonly lines: string[] = [];
  readonly debug = (message: string, context?: Record<string, unknown>): void =>
    this.#record('debug', message, context);
  readonly info = (message: string, context?: Record<string, unknown>): void =>
    this.#record('info', message, context);
  readonly warn = (message: string, context?: Record<string, unknown>): void =>
    this.#record('warn', message, context);
  readonly error = (message: string, context?: Record<string, unknown>): void =>
    this.#record('error', message, context);

  #record(level: string, message: string, context?: Record<string, unknown>): void {
    this.lines.push(`${level} ${message} ${JSON.stringify(context ?? {})}`);
  }
}
