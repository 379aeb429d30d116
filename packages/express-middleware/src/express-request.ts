import type { AuthorizationHeaders, AuthorizeRequestInput } from '@qontak/auth-core';

/**
 * Adds `qontakToken` to Express's `Request`, the way `@types/passport` adds `user`: every
 * `req` in an app that imports `@qontak/express-middleware` is typed with it.
 */
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Express's Request is only extensible through this global namespace.
  namespace Express {
    interface Request {
      /**
       * The Qontak Chat API access token, set by `qontakAuth({ auth })` before the route runs;
       * `undefined` when that middleware did not run. Send it as `Authorization: Bearer ${req.qontakToken}`.
       * A non-enumerable own property: readable and assignable, but absent from `Object.keys(req)`,
       * `{ ...req }`, `JSON.stringify` and `util.inspect(req)`, so request loggers do not print it.
       */
      qontakToken?: string | undefined;
      /**
       * The headers one outgoing request to Qontak needs, from the auth scheme in use (a bearer token,
       * or the Mekari gateway's per-request HMAC signature); `{}` for any other origin. Set by
       * `qontakAuth({ auth })` when `auth` is a `RequestAuthorizer`; non-enumerable, like `qontakToken`.
       */
      qontakAuthorize?: QontakRequestAuthorize | undefined;
    }
  }
}

/** Signs or authorizes one outgoing request: the headers to add (`{}` for a URL that gets none). */
export type QontakRequestAuthorize = (request: AuthorizeRequestInput) => Promise<AuthorizationHeaders>;

/** What an Express request looks like once `qontakAuth({ auth })` has run on it. */
export interface QontakTokenCarrier {
  /** The access token set by `qontakAuth({ auth })`, or `undefined` when it did not run. */
  qontakToken?: string | undefined;
  /** The request-authorizing function set by `qontakAuth({ auth })`, or `undefined`. */
  qontakAuthorize?: QontakRequestAuthorize | undefined;
}
