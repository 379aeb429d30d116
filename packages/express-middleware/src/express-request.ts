import type { AuthorizationHeaders, AuthorizeRequestInput } from '@qontak/auth-core';

/**
 * Adds `qontakAuthorize` to Express's `Request`, the way `@types/passport` adds `user`: every `req` in
 * an app that imports `@qontak/express-middleware` is typed with it.
 */
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Express's Request is only extensible through this global namespace.
  namespace Express {
    interface Request {
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
