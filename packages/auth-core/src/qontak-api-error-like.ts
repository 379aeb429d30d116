/**
 * What the toolkit reads of a `QontakApiError` of `@qontak/client` (Qontak answered an Open API call
 * with an error status, e.g. a page of `paginate`), so that `qontakErrorResponse` and the adapters
 * answer it without depending on the client.
 */
export interface QontakApiErrorLike {
  readonly name: 'QontakApiError';
  readonly message: string;
  /** The HTTP status Qontak answered. */
  readonly status: number;
  /** How long Qontak asked to wait (its `Retry-After`), in ms, when the error carries it. */
  readonly retryAfterMs?: number | undefined;
}

/**
 * Whether `value` is a `QontakApiError` of `@qontak/client`, judged by its `name` and numeric `status`:
 * also one made by another copy of the client or in another realm (`vm`), where `instanceof` fails.
 */
export function isQontakApiError(value: unknown): value is QontakApiErrorLike {
  if (typeof value !== 'object' || value === null) return false;
  const { name, status, message } = value as Partial<Record<keyof QontakApiErrorLike, unknown>>;
  return (
    name === 'QontakApiError' &&
    typeof status === 'number' &&
    typeof message === 'string' &&
    Object.prototype.toString.call(value) === '[object Error]'
  );
}
