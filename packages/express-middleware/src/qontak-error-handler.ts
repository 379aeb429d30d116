import { isQontakAuthError } from '@qontak/auth-core';
import type { ErrorRequestHandler } from 'express';
import { qontakErrorStatus } from './error-status';

/** The JSON body {@link qontakErrorHandler} answers with. */
export interface QontakErrorResponseBody {
  /** The error's code, e.g. `invalid_grant`, `network_error`. */
  error: string;
  /** The error's message: what happened and what to do; never a password, client secret or token. */
  message: string;
}

/**
 * Optional Express error middleware (mount it after your routes) that answers a `QontakAuthError`
 * with JSON `{ "error": code, "message": message }`, `Cache-Control: no-store`, and the status the
 * error was given by {@link qontakAuth} (502 / 503 / 500). A `QontakAuthError` from elsewhere (e.g. a
 * route that called the core itself, carrying Qontak's own status) gets the same mapping, never
 * Qontak's 4xx. Other errors, and errors after headers were sent, go on to `next(err)`.
 */
export function qontakErrorHandler(): ErrorRequestHandler {
  return (err: unknown, _req, res, next) => {
    if (!isQontakAuthError(err) || res.headersSent) {
      next(err);
      return;
    }
    const body: QontakErrorResponseBody = { error: err.code, message: err.message };
    res.status(qontakErrorStatus(err)).set('cache-control', 'no-store').json(body);
  };
}
