/** What every secret is shown as in logs, `util.inspect`, `JSON.stringify` and error messages. */
export const REDACTED = '[redacted]';

/** The symbol `node:util` looks up for a custom `inspect`; read through `Symbol.for` so the core imports nothing. */
export const inspectSymbol: unique symbol = Symbol.for('nodejs.util.inspect.custom') as never;
