import { isQontakAuthError, QontakAuthError } from '@qontak/auth-core';
import type { InternalAxiosRequestConfig } from 'axios';

/**
 * What an axios call rejects with when no credentials could be had: a {@link QontakAuthError} (the
 * core's own `code`, `status`, `retryable`, `description` and message, the core's error as `cause`)
 * that also carries the request's `config`, as a non-enumerable property (kept out of logs and JSON).
 */
export type QontakAxiosAuthError = QontakAuthError & { readonly config: InternalAxiosRequestConfig };

/**
 * Whether `value` is a {@link QontakAxiosAuthError}: a `QontakAuthError` thrown for an axios request,
 * with its `config`.
 */
export function isQontakAxiosAuthError(value: unknown): value is QontakAxiosAuthError {
  return isQontakAuthError(value) && Object.prototype.hasOwnProperty.call(value, 'config');
}

/**
 * A copy of the core's `error` for one request, with that request's `config`. The core hands the
 * same error object to every caller of a failed shared grant (and during a credential cooldown),
 * so it is never changed itself: each request gets its own copy, `cause` pointing at the original.
 */
export function withRequestConfig(
  error: QontakAuthError,
  config: InternalAxiosRequestConfig,
): QontakAxiosAuthError {
  const copy = QontakAuthError.from(error);
  Object.defineProperty(copy, 'config', {
    value: config,
    enumerable: false,
    writable: false,
    configurable: true,
  });
  return copy as QontakAxiosAuthError;
}
