import type { AuthorizationHeaders, AuthorizeRequestInput } from '@qontak/auth-core';

/**
 * Adds `qontakToken` and `qontakAuthorize` to Express's `Request`, the way `@types/passport` adds `user`:
 * every `req` in an app that imports `@qontak/express-middleware` is typed with them.
 */
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Express's Request is only extensible through this global namespace.
  namespace Express {
    interface Request {
      /**
       * The access token this request may send to Qontak as `Authorization: Bearer <token>`, under a
       * scheme that has one: the password grant (the cached token, renewed before it expires) or a
       * dashboard access token. `undefined` under Mekari HMAC, which has no token (the gateway takes a
       * signature per request: use {@link qontakAuthorize}), and when `qontakAuth` did not run.
       * Set by `qontakAuth({ auth })` before the route runs; after Qontak answers 401 to it, report it
       * with `auth.handleUnauthorized({ authorization: 'Bearer ' + req.qontakToken })` so that a later
       * request gets a new one (the password grant). A non-enumerable own property, like `qontakAuthorize`:
       * out of `Object.keys(req)`, `{ ...req }`, `JSON.stringify` and `util.inspect(req)`.
       */
      qontakToken?: string | undefined;
      /**
       * The headers one outgoing request to Qontak needs under the auth scheme in use (a bearer token, or
       * the Mekari gateway's per-request HMAC signature); `{}` for a URL that must not get credentials.
       * Set by `qontakAuth({ auth })` before the route runs; `undefined` when that middleware did not run.
       * A non-enumerable own property: readable and assignable, but absent from `Object.keys(req)`,
       * `{ ...req }`, `JSON.stringify` and `util.inspect(req)`, so request loggers do not print it.
       */
      qontakAuthorize?: QontakRequestAuthorize | undefined;
    }
  }
}

/**
 * Authorizes one outgoing request: the headers to add (`{}` for a URL that gets none). The object may be
 * shared and frozen: copy it before changing it.
 * @throws {QontakAuthError} when credentials are needed and none can be had.
 */
export type QontakRequestAuthorize = (request: AuthorizeRequestInput) => Promise<AuthorizationHeaders>;
