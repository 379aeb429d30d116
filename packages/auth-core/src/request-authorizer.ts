/** The request an {@link RequestAuthorizer} is asked to authorize. */
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

/**
 * What the adapters (axios, Express, Nest, `auth.fetch`) rely on, whatever the auth scheme: which URLs
 * get credentials, the headers for one request, and what to do when the server answers 401.
 */
export interface RequestAuthorizer {
  /** The API's base URL, without a trailing slash. */
  readonly baseUrl: string;
  /** Whether a request to `url` may carry credentials (same origin as the API, allowed scheme, not the token endpoint). */
  isAuthorizedUrl(url: string | URL): boolean;
  /** The headers this request needs; `{}` for a URL that must not get credentials. */
  authorizeRequest(request: AuthorizeRequestInput): Promise<AuthorizationHeaders>;
  /**
   * Tells the authorizer that the API answered 401 to a request sent with `sentHeaders`. Drops the
   * credentials used (only if still current) and returns whether one replay with fresh headers may succeed.
   */
  handleUnauthorized(sentHeaders: AuthorizationHeaders): Promise<boolean>;
  /**
   * Optional, for schemes that sign each request: the headers for one redirect hop, synchronously
   * (HTTP clients that follow redirects themselves call it from a synchronous hook). Without it, an
   * allowed hop keeps the headers of the first request (right for a bearer token).
   */
  authorizeRedirect?(request: AuthorizeRequestInput): AuthorizationHeaders;
}
