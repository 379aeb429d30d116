import type { QontakLogger } from '../logging/logger';

/** The options every auth scheme takes. */
export interface AuthorizerOptions {
  /**
   * The API host's origin, without the API path the toolkit adds (`/api/open`, `/qontak/chat`; a URL
   * under it is a `config_error`): HTTPS, or HTTP to a loopback address. Each scheme has its own default.
   */
  baseUrl?: string | undefined;
  /**
   * Other origins (e.g. `https://service-chat.qontak.com`) that serve the same API at the same path, so
   * that their requests under the API base path (`/api/open/...`) also get credentials (same
   * HTTPS-or-loopback rule). Default none.
   */
  allowedOrigins?: readonly string[] | undefined;
  /** Transport of `auth.fetch` (and of the token endpoint, for `QontakAuth`). Default `globalThis.fetch`. */
  fetch?: typeof globalThis.fetch | undefined;
  /** The clock, in ms since the epoch. Default `Date.now`. */
  clock?: (() => number) | undefined;
  /** Where the scheme reports what it does; never given a secret; a logger that throws is ignored. Default: silent. */
  logger?: QontakLogger | undefined;
}
