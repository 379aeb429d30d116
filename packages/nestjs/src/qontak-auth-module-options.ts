import type { MekariHmacAuthOptions, QontakAuthOptions } from '@qontak/auth-core';

/** Module options for the Mekari API gateway's per-request HMAC signatures instead of OAuth tokens. */
export interface MekariHmacModuleOptions extends MekariHmacAuthOptions {
  /** Selects `MekariHmacAuth` from `@qontak/auth-core`. */
  scheme: 'mekari-hmac';
}

/**
 * Options of `QontakAuthModule.forRoot()` (and what `forRootAsync`'s factory returns), either:
 * - the options of `new QontakAuth(options)` from `@qontak/auth-core` (OAuth bearer tokens; only
 *   `username` and `password` are required; `baseUrl` defaults to `https://chat-service.qontak.com`), or
 * - `{ scheme: 'mekari-hmac', clientId, clientSecret, baseUrl? }` for the Mekari API gateway
 *   (`baseUrl` defaults to `https://api.mekari.com`).
 */
export type QontakAuthModuleOptions =
  (QontakAuthOptions & { scheme?: 'oauth-password' | undefined }) | MekariHmacModuleOptions;
