import type { AuthorizerOptions } from '../contract/authorizer-options';

/** Options of `QontakAccessTokenAuth`. Only `accessToken` is required. */
export interface QontakAccessTokenAuthOptions extends AuthorizerOptions {
  /**
   * The access token copied from the Qontak dashboard (without `Bearer `). Required; never logged or
   * echoed. It is never refreshed: when Qontak answers 401, issue a new one in the dashboard.
   */
  accessToken: string;
  /**
   * The API's origin (a proxy prefix may follow it, but not `/api/open`, which the toolkit adds). HTTPS,
   * or HTTP to a loopback address. Default `https://chat-service.qontak.com` (`QONTAK_BASE_URL`).
   */
  baseUrl?: string | undefined;
}
