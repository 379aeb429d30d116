/**
 * What the toolkit reads of a `QontakApiError` of `@qontak/client` (Qontak answered an Open API call
 * with an error status, e.g. a page of `paginate`, or its answer was too large or too slow), so that
 * `qontakErrorResponse` and the adapters answer it without depending on the client.
 */
export interface QontakApiErrorLike {
  readonly name: 'QontakApiError';
  readonly message: string;
  /** What went wrong: `http_error` (an error status), `response_too_large`, `timeout`; absent from older clients. */
  readonly code?: string | undefined;
  /** The HTTP status Qontak answered; `undefined` when none arrived (a `timeout`). */
  readonly status: number | undefined;
  /** How long Qontak asked to wait (its `Retry-After`), in ms, when the error carries it. */
  readonly retryAfterMs?: number | undefined;
}

/**
 * Whether `value` is a `QontakApiError` of `@qontak/client`, judged by its `name` and a numeric `status`
 * or a string `code`: also one made by another copy of the client or in another realm (`vm`), where
 * `instanceof` fails.
 */
export function isQontakApiError(value: unknown): value is QontakApiErrorLike {
  if (typeof value !== 'object' || value === null) return false;
  const { name, status, code, message } = value as Partial<Record<keyof QontakApiErrorLike, unknown>>;
  return (
    name === 'QontakApiError' &&
    (typeof status === 'number' || typeof code === 'string') &&
    typeof message === 'string' &&
    Object.prototype.toString.call(value) === '[object Error]'
  );
}
