import {
  QontakAuthError,
  isQontakAuthError,
  qontakErrorResponse,
  type RequestAuthorizer,
} from '@qontak/auth-core';
import { configError } from '@qontak/auth-core/adapter';
import type { NextFunction, RequestHandler } from 'express';
import type { QontakRequestAuthorize } from './express-request';
import { setHiddenProperty } from './set-hidden-property';

/** Options of {@link qontakAuth}. */
export interface QontakAuthMiddlewareOptions {
  /**
   * The credentials: any `RequestAuthorizer` (`authFromEnv()`, a `QontakAuth`, a
   * `QontakAccessTokenAuth`, a `MekariHmacAuth`). Required; share one per credential.
   */
  auth: RequestAuthorizer;
}

/**
 * Hands `error` to `next`: a `QontakAuthError` as a copy (`QontakAuthError.from`) whose `status` is
 * what this service answers with, never the core's own error (during a credential cooldown one
 * instance is shared by every caller); any other error unchanged.
 */
function fail(next: NextFunction, error: unknown): void {
  next(
    isQontakAuthError(error)
      ? QontakAuthError.from(error, { status: qontakErrorResponse(error).status })
      : error,
  );
}

/**
 * Express middleware (Express 4 and 5) that makes a route's calls to Qontak ready under whichever scheme
 * `auth` is. Before the next handler runs it awaits `auth.getAccessToken()` (for the password grant: the
 * cached token, after one grant shared by every request; for a dashboard access token or Mekari HMAC: at
 * once) and sets:
 * - `req.qontakToken`: that token, for `Authorization: Bearer <token>`; `undefined` under Mekari HMAC,
 *   which has no token;
 * - `req.qontakAuthorize({ method, url, signal? })`: the headers one outgoing request needs under any
 *   scheme (`auth.authorizeRequest`), the HMAC signature included.
 * It holds no grant or cache logic of its own and never asks which scheme it has.
 *
 * Both are own properties that are NOT enumerable: `Object.keys(req)`, `{ ...req }`, `JSON.stringify`
 * and `util.inspect(req)` (what request loggers dump) never show them.
 *
 * When `auth.getAccessToken()` rejects with a `QontakAuthError` the route does not run: `next(err)` gets a
 * copy whose `status` is the one `qontakErrorResponse` of `@qontak/auth-core` maps it to (502, 503 or
 * 500) and whose `cause` is the core's error. Pair it with {@link qontakErrorHandler} for a JSON answer.
 * Other errors are passed on unchanged.
 *
 * @throws {QontakAuthError} `config_error` at mount time when `auth` is missing or is not a `RequestAuthorizer` (no `getAccessToken` or `authorizeRequest`).
 * @example
 * const auth = authFromEnv();
 * app.get('/health', qontakAuth({ auth }), async (req, res) => {
 *   const headers = await req.qontakAuthorize!({ method: 'GET', url: auth.healthUrl });
 *   res.sendStatus((await fetch(auth.healthUrl, { headers })).status);
 * });
 */
export function qontakAuth(options: QontakAuthMiddlewareOptions): RequestHandler {
  const auth: RequestAuthorizer | undefined | null = options?.auth;
  if (
    typeof auth !== 'object' ||
    auth === null ||
    typeof auth.getAccessToken !== 'function' ||
    typeof auth.authorizeRequest !== 'function'
  ) {
    throw configError(
      'qontakAuth',
      'pass { auth }, a RequestAuthorizer such as authFromEnv() from @qontak/auth-core.',
    );
  }
  const authorize: QontakRequestAuthorize = (request) => auth.authorizeRequest(request);
  return (req, _res, next) => {
    setHiddenProperty(req, 'qontakAuthorize', authorize);
    let token: Promise<string | undefined>;
    try {
      token = auth.getAccessToken();
    } catch (error) {
      fail(next, error);
      return;
    }
    token.then(
      (value) => {
        setHiddenProperty(req, 'qontakToken', value);
        next();
      },
      (error: unknown) => fail(next, error),
    );
  };
}
