/** The request a {@link RequestAuthorizer} is asked to authorize. */
export interface AuthorizeRequestInput {
  /** HTTP method, any case. Default `'GET'`. */
  method?: string | undefined;
  /** The request's absolute URL (resolve relative URLs against `baseUrl` first). */
  url: string | URL;
  /** Aborts the wait for credentials (not a grant shared with other callers). */
  signal?: AbortSignal | undefined;
}

/** Header names (lower case) and values to add to one request. Empty when the request gets none. */
export type AuthorizationHeaders = Readonly<Record<string, string>>;

/** The headers of a request that gets no credentials. */
export const NO_HEADERS: AuthorizationHeaders = Object.freeze({});

/**
 * The one contract between a credential and everything that sends requests with it (`auth.fetch`, the
 * axios instance, the Express middleware, the Nest module and health indicator, the typed client):
 * which URLs get credentials, the headers of one request and of each redirect hop, what a 401 and a
 * success mean, and where the API lives. `QontakAuth` (password grant), `QontakAccessTokenAuth` (a dashboard access
 * token) and `MekariHmacAuth` (Mekari API gateway signatures) each implement all of it, so code built
 * on it never asks which one it holds.
 *
 * An abstract class rather than an interface so that it can also be a dependency-injection token (Nest
 * injects the configured authorizer by this class). Implement it with `extends` or `implements`.
 */
export abstract class RequestAuthorizer {
  /** The API host's base URL without a trailing slash, e.g. `https://chat-service.qontak.com`; paths given to `fetch` resolve against it. */
  abstract readonly baseUrl: string;
  /**
   * Where the Open API lives, without a trailing slash: `<baseUrl>/api/open` with a bearer token,
   * `<baseUrl>/qontak/chat` through the Mekari gateway. Operation paths (`/v1/...`) go after it.
   */
  abstract readonly apiBaseUrl: string;
  /** The URL a health check calls: `<apiBaseUrl>/v1/health`. */
  abstract readonly healthUrl: string;

  /**
   * Whether a request to `url` may carry credentials: a URL under the API base path (the path of
   * `apiBaseUrl`, as the URL parser and a lenient server both read it) on the API's origin or an allowed
   * one, not an
   * endpoint credentials must never reach (the OAuth endpoints, for a bearer token). Never throws.
   */
  abstract isAuthorizedUrl(url: string | URL): boolean;

  /**
   * The headers this request needs: `{}` for a URL that must not get credentials. The object may be
   * shared and frozen: copy it before changing it.
   * @throws {QontakAuthError} when credentials are needed and none can be had.
   */
  abstract authorizeRequest(request: AuthorizeRequestInput): Promise<AuthorizationHeaders>;

  /**
   * The headers {@link authorizeRequest} would resolve to, when the scheme has them at once (a cached
   * token, a dashboard token, a signature), so that an adapter can send without waiting on a promise;
   * `undefined` when they take waiting (no token is cached yet): then call `authorizeRequest`. Optional:
   * adapters call `authorizeRequest` when a scheme does not have it. Synchronous; allocates nothing for
   * a bearer token.
   * @throws what `authorizeRequest` would reject with when it fails at once (e.g. a `RangeError` from a
   *   broken clock under HMAC).
   */
  authorizeRequestNow?(request: AuthorizeRequestInput): AuthorizationHeaders | undefined;

  /**
   * The headers of one redirect hop of a request chain whose previous hop carried `carried`,
   * synchronously (HTTP clients that follow redirects call it from a synchronous hook). A hop never
   * gains credentials: `{}` when `carried` is empty (the chain started elsewhere, or has left the
   * authorized origins once) or when the hop's URL is not authorized; otherwise `carried` (a bearer
   * token) or new headers for this hop's request line (a per-request signature).
   */
  abstract authorizeRedirect(
    request: AuthorizeRequestInput,
    carried: AuthorizationHeaders,
  ): AuthorizationHeaders;

  /**
   * Tells the authorizer that the API answered 401 to a request that carried `sentHeaders` (on its
   * last hop). Drops the credentials used when that can help (only if still current, and bounded)
   * and returns whether one replay with fresh headers may succeed. Never throws.
   */
  abstract handleUnauthorized(sentHeaders: AuthorizationHeaders): Promise<boolean>;

  /**
   * Tells the authorizer that the API answered a request that carried `sentHeaders` (on its last hop)
   * with a success (2xx): those credentials were accepted. A scheme that renews its credentials tells
   * by it a revoked one (accepted before its 401: replaced at once) from one refused on first use (a
   * broken endpoint or account: replaced within a bound); the others ignore it, as this default does.
   * Called on every successful request: synchronous, allocation-free, never throws.
   */
  handleAccepted(_sentHeaders: AuthorizationHeaders): void {}

  /**
   * Resolves once a request can be authorized without waiting (for a grant-based scheme: a token is
   * cached); rejects with the error that keeps credentials from being had. Adapters call it to fail
   * early with a clear status.
   * @throws {QontakAuthError} when no credentials can be had.
   */
  abstract ready(options?: { signal?: AbortSignal | undefined }): Promise<void>;

  /**
   * The bearer token a request to the API may carry now, for a scheme that has one: waits as
   * {@link ready} does (for the password grant: the cached token, after one shared grant when needed;
   * for a dashboard access token: that token, at once). `undefined` for a scheme without a token (Mekari
   * HMAC signs each request instead). Adapters that hand the token to user code call it in place of
   * `ready()`; sending a request should still go through {@link authorizeRequest}.
   * @throws {QontakAuthError} when the scheme has tokens and none can be had.
   */
  abstract getAccessToken(options?: { signal?: AbortSignal | undefined }): Promise<string | undefined>;

  /**
   * `fetch` with these credentials: paths resolve against `baseUrl`; credentials go only to authorized
   * URLs, also across redirects (see {@link authorizeRedirect}); a 2xx is reported to
   * {@link handleAccepted}, a 401 to {@link handleUnauthorized} and replayed once when it says so and
   * the body can be sent again.
   * @throws {QontakAuthError} when credentials are needed and none can be had; otherwise what `fetch` throws.
   */
  abstract fetch(input: string | URL, init?: RequestInit): Promise<Response>;

  /** Releases timers and requests in flight, if the scheme has any. Never throws. */
  abstract close(): Promise<void>;
}
