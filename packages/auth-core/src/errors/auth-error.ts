import { escapeControlCharacters } from '../logging/control-characters';
import { boundedRetryAfter } from '../password/retry-policy';

/**
 * Every code a {@link QontakAuthError} can carry. The first four are Doorkeeper's own OAuth 2.0 error
 * codes, passed through from the token endpoint; the rest are the client's.
 */
export const QontakAuthErrorCode = {
  /** Wrong username or password, or a refresh token that is invalid, expired, revoked or used up. HTTP 400. */
  InvalidGrant: 'invalid_grant',
  /** Unknown client id or wrong client secret. HTTP 401. */
  InvalidClient: 'invalid_client',
  /** The token request was missing a field or malformed. HTTP 400. */
  InvalidRequest: 'invalid_request',
  /** The server does not accept this grant type. HTTP 400. */
  UnsupportedGrantType: 'unsupported_grant_type',
  /** HTTP 429: the server asked to slow down and the retry budget could not wait for it. */
  RateLimited: 'rate_limited',
  /** HTTP 5xx (or an unexpected status) from the token endpoint, after retries. */
  ServerError: 'server_error',
  /** The connection failed (refused, reset, DNS), after retries. */
  NetworkError: 'network_error',
  /** No answer within `timeoutMs`, after retries. */
  Timeout: 'timeout',
  /** The server answered 200 with a body that is not a usable token (not JSON, no `access_token`, not Bearer, bad `expires_in`). */
  InvalidResponse: 'invalid_response',
  /** Bad or missing options (thrown by the constructor), or a call on a closed instance (its promise rejects). */
  ConfigError: 'config_error',
} as const;

/** One of the values of {@link QontakAuthErrorCode}. */
export type QontakAuthErrorCode = (typeof QontakAuthErrorCode)[keyof typeof QontakAuthErrorCode];

/** Options of the {@link QontakAuthError} constructor. */
export interface QontakAuthErrorOptions {
  /** HTTP status the server answered, when there was an answer. */
  status?: number;
  /** Whether trying again later can succeed. Defaults from the code: true for rate_limited, server_error, network_error, timeout. */
  retryable?: boolean;
  /** The server's `error_description`, when it sent one (its control characters are escaped). */
  description?: string;
  /** How long the server asked to wait before trying again (its `Retry-After`), in ms, when it said; kept within 0 to one day. */
  retryAfterMs?: number;
  /** The underlying error (never one whose message could hold a secret). */
  cause?: unknown;
}

const RETRYABLE_CODES: ReadonlySet<QontakAuthErrorCode> = new Set<QontakAuthErrorCode>([
  QontakAuthErrorCode.RateLimited,
  QontakAuthErrorCode.ServerError,
  QontakAuthErrorCode.NetworkError,
  QontakAuthErrorCode.Timeout,
]);

/**
 * The one error type of the toolkit. Its message says what happened and what to do, and never holds a
 * password, client secret or token; `toJSON()` gives the same safe fields. The message and the
 * description are on one line: their control characters (CR, LF, ESC, ...) are escaped (`\n`,
 * `\u001b`, ...), so text a server sent cannot forge a log line.
 */
export class QontakAuthError extends Error {
  override readonly name = 'QontakAuthError';
  /** What went wrong, from {@link QontakAuthErrorCode}. */
  readonly code: QontakAuthErrorCode;
  /** HTTP status of the answer that caused it, if any. */
  readonly status: number | undefined;
  /** Whether the same call can succeed later without a configuration change. */
  readonly retryable: boolean;
  /** The server's `error_description`, if it sent one. */
  readonly description: string | undefined;
  /**
   * How long the server asked to wait before trying again (`Retry-After`), in ms, if it said; at most one
   * day (86,400,000), however long it asked for.
   */
  readonly retryAfterMs: number | undefined;

  constructor(code: QontakAuthErrorCode, message: string, options: QontakAuthErrorOptions = {}) {
    super(
      escapeControlCharacters(message),
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.code = code;
    this.status = options.status;
    this.retryable = options.retryable ?? RETRYABLE_CODES.has(code);
    this.description =
      options.description === undefined ? undefined : escapeControlCharacters(options.description);
    this.retryAfterMs = boundedRetryAfter(options.retryAfterMs);
  }

  /**
   * A new error with `error`'s code, message, description, `retryable` and `retryAfterMs`, and `error` as its
   * `cause`; `status` replaces the HTTP status when given (e.g. the status an adapter answers its
   * own client with). The core hands one error object to every caller of a failed shared grant, so
   * adapters derive a copy instead of changing it.
   */
  static from(error: QontakAuthError, overrides: { status?: number } = {}): QontakAuthError {
    return new QontakAuthError(error.code, error.message, {
      status: 'status' in overrides ? overrides.status : error.status,
      retryable: error.retryable,
      description: error.description,
      ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }),
      cause: error,
    });
  }

  /** The error's safe fields, for structured logs. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      status: this.status,
      retryable: this.retryable,
      description: this.description,
      retryAfterMs: this.retryAfterMs,
    };
  }
}

/**
 * Whether `value` is a {@link QontakAuthError}. Also true for one made by another copy of this package
 * (another realm or a duplicated install), by checking `name` and `code`.
 */
export function isQontakAuthError(value: unknown): value is QontakAuthError {
  if (value instanceof QontakAuthError) return true;
  return (
    value instanceof Error &&
    value.name === 'QontakAuthError' &&
    typeof (value as { code?: unknown }).code === 'string'
  );
}
