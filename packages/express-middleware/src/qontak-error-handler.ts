import {
  isQontakApiError,
  isQontakAuthError,
  qontakErrorResponse,
  type QontakErrorResponse,
} from '@qontak/auth-core';
import { safeLogger } from '@qontak/auth-core/adapter';
import type { ErrorRequestHandler, Request } from 'express';
import { exposesDetailsByDefault } from './expose-details';

/**
 * What {@link qontakErrorHandler} logs for each error it answers. No secret is ever in it.
 * (A type, not an interface, so it fits loggers that take a `Record<string, unknown>`.)
 */
export type QontakErrorLogContext = {
  /** The error's code, e.g. `invalid_grant`, `network_error`, or `qontak_api_error` for a `QontakApiError`. */
  code: QontakErrorResponse['code'];
  /** The status answered (502 / 503 / 500). */
  status: number;
  /** The error's message: what happened and what to do (it may name the token endpoint's host and port). */
  message: string;
  /** The request's method. */
  method: string;
  /** The request's path, without its query string. */
  path: string;
};

/** Where {@link qontakErrorHandler} reports the detail of each error it answers. `console` fits. */
export interface QontakErrorLogger {
  /** Called once per answered error. A throw (or a rejected promise) is ignored. */
  error(message: string, context: QontakErrorLogContext): void;
}

/** Options of {@link qontakErrorHandler}. */
export interface QontakErrorHandlerOptions {
  /**
   * Whether the body tells the caller the error's code and message (`{ "error": "invalid_grant",
   * "message": "Qontak rejected the grant: check the username and password ..." }`) instead of a
   * generic `{ "error": "bad_gateway" | "service_unavailable" | "internal_server_error", "message" }`.
   * Turn it on only where the callers are the developers of this service. Only `true` turns it on: any
   * other value (`false`, or a string such as `'false'` read from an environment variable) is generic.
   *
   * Default (`undefined`): decided per request, `true` only when the app's env (`app.get('env')`) is
   * `'development'` or `'test'` and `NODE_ENV` is set. Express falls back to `'development'` when
   * `NODE_ENV` is unset; that fallback gets the generic body.
   */
  exposeDetails?: boolean | undefined;
  /**
   * Gets every answered error's code, status, message, and the request's method and path (never a
   * secret, never the query string). Default: `console`. A logger that throws or rejects is ignored.
   * For pino: `{ error: (message, context) => logger.error(context, message) }`.
   */
  logger?: QontakErrorLogger | undefined;
}

/** The request's path without its query string (which may hold anything the caller sent). */
function requestPath(req: Request): string {
  const url = req.originalUrl || req.url || '';
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

/**
 * Optional Express error middleware (mount it after your routes) that answers a `QontakAuthError` (no
 * credentials could be had) and a `QontakApiError` of `@qontak/client` (Qontak answered a call with an
 * error status; recognized by its `name`, without loading the client) with `qontakErrorResponse` from
 * `@qontak/auth-core`, the mapping every adapter shares (502, 503 with `Retry-After` when Qontak said
 * how long to wait, 500 for `config_error`; never Qontak's own 4xx), as JSON with
 * `Cache-Control: no-store`. The body carries the code and message only under
 * {@link QontakErrorHandlerOptions.exposeDetails}; each answer is logged to
 * {@link QontakErrorHandlerOptions.logger}.
 *
 * Other errors, and errors after headers were sent, go on to `next(err)`. Never throws.
 */
export function qontakErrorHandler(options: QontakErrorHandlerOptions = {}): ErrorRequestHandler {
  const logger = safeLogger(options?.logger ?? console);
  const exposeDetails = options?.exposeDetails;
  return (err: unknown, req, res, next) => {
    if (!(isQontakAuthError(err) || isQontakApiError(err)) || res.headersSent) {
      next(err);
      return;
    }
    const detailed =
      exposeDetails === undefined
        ? exposesDetailsByDefault(req.app?.get('env'), process.env['NODE_ENV'])
        : exposeDetails === true;
    const { status, code, body, retryAfterSeconds } = qontakErrorResponse(err, { exposeDetails: detailed });
    const context: QontakErrorLogContext = {
      code,
      status,
      message: err.message,
      method: req.method,
      path: requestPath(req),
    };
    logger.error(
      `qontakErrorHandler: ${context.method} ${context.path} answered ${status} (${code}): ${err.message}`,
      context,
    );
    res.status(status).set('cache-control', 'no-store');
    if (retryAfterSeconds !== undefined) res.set('retry-after', String(retryAfterSeconds));
    res.json(body);
  };
}
