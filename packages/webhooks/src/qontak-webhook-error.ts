/** Every code a {@link QontakWebhookError} can carry. */
export const QontakWebhookErrorCode = {
  /** Bad or missing options (a short secret, a URL that is not HTTPS, ...). Thrown at creation. */
  ConfigError: 'config_error',
  /** Qontak refused a webhook registration (`registerQontakWebhooks`); `status` is its HTTP status. */
  RegistrationFailed: 'registration_failed',
} as const;

/** One of the values of {@link QontakWebhookErrorCode}. */
export type QontakWebhookErrorCode = (typeof QontakWebhookErrorCode)[keyof typeof QontakWebhookErrorCode];

/**
 * The error of `@qontak/webhooks`. Its message says what is wrong and what to do, and never holds the
 * webhook secret nor a URL that carries it; `toJSON()` gives the same safe fields.
 */
export class QontakWebhookError extends Error {
  override readonly name = 'QontakWebhookError';
  /** What went wrong, from {@link QontakWebhookErrorCode}. */
  readonly code: QontakWebhookErrorCode;
  /** The HTTP status Qontak answered, for `registration_failed`. */
  readonly status: number | undefined;

  constructor(code: QontakWebhookErrorCode, message: string, options: { status?: number } = {}) {
    super(message);
    this.code = code;
    this.status = options.status;
  }

  /** The error's safe fields, for structured logs. */
  toJSON(): Record<string, unknown> {
    return { name: this.name, code: this.code, message: this.message, status: this.status };
  }
}

/**
 * Whether `value` is a {@link QontakWebhookError}. Also true for one made by another copy of this package
 * (the ESM and the CommonJS build, or a duplicated install), by checking `name` and `code`.
 */
export function isQontakWebhookError(value: unknown): value is QontakWebhookError {
  if (value instanceof QontakWebhookError) return true;
  return (
    value instanceof Error &&
    value.name === 'QontakWebhookError' &&
    typeof (value as { code?: unknown }).code === 'string'
  );
}

/** A `config_error` with `message`. */
export function configError(message: string): QontakWebhookError {
  return new QontakWebhookError(QontakWebhookErrorCode.ConfigError, `@qontak/webhooks: ${message}`);
}
