import type { AuthorizerOptions } from '../contract/authorizer-options';

/** Options of `MekariHmacAuth`. Only `clientId` and `clientSecret` are required. */
export interface MekariHmacAuthOptions extends AuthorizerOptions {
  /** The HMAC client id from Mekari's developer portal. Required. */
  clientId: string;
  /** The HMAC client secret from Mekari's developer portal. Required; never logged or echoed. */
  clientSecret: string;
  /**
   * The gateway's origin (not `/qontak/chat`, which the toolkit adds). HTTPS, or HTTP to a loopback
   * address. Default `https://api.mekari.com` (`MEKARI_API_BASE_URL`).
   */
  baseUrl?: string | undefined;
}
