import {
  QontakAuthError,
  QontakAuthErrorCode,
  isQontakAuthError,
  type GetTokenOptions,
  type RequestAuthorizer,
} from '@qontak/auth-core';
import type { RequestHandler } from 'express';
import { qontakErrorStatus } from './error-status';
import type { QontakRequestAuthorize } from './express-request';
import { setHiddenProperty } from './set-hidden-property';

/** What the middleware needs from the core: a `QontakAuth` (or anything that hands out access tokens). */
export interface QontakAccessTokenSource {
  /** A valid access token (cached, or from one shared grant). Rejects with a `QontakAuthError`. */
  getAccessToken(options?: GetTokenOptions): Promise<string>;
}

/**
 * What `qontakAuth` accepts: a `QontakAuth` (bearer tokens: both members), a `MekariHmacAuth` (the
 * Mekari gateway's per-request signatures: a `RequestAuthorizer` without access tokens), or anything
 * with either member.
 */
export type QontakAuthSource =
  | QontakAccessTokenSource
  | Pick<RequestAuthorizer, 'authorizeRequest'>
  | (QontakAccessTokenSource & Pick<RequestAuthorizer, 'authorizeRequest'>);

/** Options of {@link qontakAuth}. */
export interface QontakAuthMiddlewareOptions {
  /**
   * The `QontakAuth` (or `MekariHmacAuth`) that obtains, caches and refreshes credentials. Required;
   * share one per account.
   */
  auth: QontakAuthSource;
}

/**
 * The `QontakAuthError` handed to `next(err)`: a NEW error with the core error's `code`, message,
 * `description` and `retryable`, the status to answer this service's client with, and the core error
 * as `cause`. The core's error is never changed: during a credential cooldown one instance is shared
 * by every caller.
 */
function toResponseError(error: QontakAuthError): QontakAuthError {
  return QontakAuthError.from(error, { status: qontakErrorStatus(error) });
}

/**
 * Express middleware (Express 4 and 5) that awaits a Qontak access token from `auth` and sets
 * `req.qontakToken` before the next handler runs. When `auth` is a `RequestAuthorizer` it also sets
 * `req.qontakAuthorize({ method, url })`, which returns the headers an outgoing request needs under
 * the auth scheme in use: with a `MekariHmacAuth` (no access tokens) that is all it sets, and the
 * route signs each request it sends to the gateway with it. It holds no grant or cache logic: one cached token
 * and one grant in flight are shared by every request through the core.
 *
 * Both properties are own properties that are NOT enumerable: `req.qontakToken` reads and assigns as
 * usual, but `Object.keys(req)`, `{ ...req }`, `JSON.stringify` and `util.inspect(req)` (what request
 * loggers dump) never show the token.
 *
 * When no token can be had the route does not run: `next(err)` gets a `QontakAuthError` whose
 * `status` is 502 (Qontak refused the credentials or the request), 503 (Qontak unreachable, timeout,
 * 5xx, rate-limited, unusable answer) or 500 (`config_error`, e.g. a closed `QontakAuth`), whose
 * `cause` is the core's error. Pair it with {@link qontakErrorHandler} for a JSON answer.
 * Errors that are not `QontakAuthError`s (e.g. from a custom token store) are passed on unchanged.
 *
 * @example
 * app.use('/qontak', qontakAuth({ auth }));
 * app.get('/qontak/me', (req, res) => res.json({ hasToken: req.qontakToken !== undefined }));
 */
export function qontakAuth(options: QontakAuthMiddlewareOptions): RequestHandler {
  const auth = options?.auth as Partial<QontakAccessTokenSource & RequestAuthorizer> | undefined | null;
  const hasTokens = typeof auth?.getAccessToken === 'function';
  const authorizes = typeof auth?.authorizeRequest === 'function';
  if (auth === undefined || auth === null || (!hasTokens && !authorizes)) {
    throw new QontakAuthError(
      QontakAuthErrorCode.ConfigError,
      'qontakAuth: pass { auth }, a QontakAuth (or MekariHmacAuth) instance.',
    );
  }
  const authorize: QontakRequestAuthorize | undefined = authorizes
    ? (request) => auth.authorizeRequest!(request)
    : undefined;
  if (!hasTokens) {
    return (req, _res, next) => {
      setHiddenProperty(req, 'qontakAuthorize', authorize);
      next();
    };
  }
  const source = auth as QontakAccessTokenSource;
  return (req, _res, next) => {
    setHiddenProperty(req, 'qontakAuthorize', authorize);
    source.getAccessToken().then(
      (token) => {
        setHiddenProperty(req, 'qontakToken', token);
        next();
      },
      (error: unknown) => {
        next(isQontakAuthError(error) ? toResponseError(error) : error);
      },
    );
  };
}
