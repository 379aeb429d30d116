/** Options of {@link MekariHmacAuth}. Only `clientId` and `clientSecret` are required. */
export interface MekariHmacAuthOptions {
  /** The HMAC client id from Mekari's developer portal. Required. */
  clientId: string;
  /** The HMAC client secret from Mekari's developer portal. Required; never logged or echoed. */
  clientSecret: string;
  /** The gateway's base URL. HTTPS, or HTTP to a loopback address. Default {@link MEKARI_API_BASE_URL}. */
  baseUrl?: string | undefined;
  /** Other origins whose requests are also signed (same HTTPS-or-loopback rule). Default none. */
  allowedOrigins?: readonly string[] | undefined;
  /** Clock in ms since the epoch; the `Date` header is made from it. Default `Date.now`. */
  clock?: (() => number) | undefined;
  /** Transport of {@link MekariHmacAuth.fetch}. Default `globalThis.fetch`. */
  fetch?: typeof globalThis.fetch | undefined;
}
