import type { QontakCredentialOptions, RequestAuthorizer } from '@qontak/auth-core';

/**
 * Credentials of any of the three schemes, told apart by the fields set (see `authFromOptions` of
 * `@qontak/auth-core`): `accessToken` (a dashboard access token), `username` + `password` (the password
 * grant; `clientId` / `clientSecret` then name the OAuth client), or `clientId` + `clientSecret` alone
 * (the Mekari API gateway's HMAC signatures). The module builds the authorizer and closes it on
 * application shutdown.
 */
export type QontakCredentialModuleOptions = QontakCredentialOptions & { authorizer?: never };

/**
 * A ready authorizer the application made itself (a `QontakAuth` provider of its own, for
 * `getAccessToken()` or `revoke()`; or its own `RequestAuthorizer`). The module uses it as it is and
 * does NOT close it: whoever made it closes it. No other option goes with it.
 */
export interface QontakAuthorizerModuleOptions {
  /** The authorizer to provide as `RequestAuthorizer`. */
  authorizer: RequestAuthorizer;
  accessToken?: never;
  username?: never;
  password?: never;
  clientId?: never;
  clientSecret?: never;
  baseUrl?: never;
}

/**
 * Options of `QontakAuthModule.forRoot()` (and what `forRootAsync`'s factory returns): the credential
 * options of any scheme ({@link QontakCredentialModuleOptions}), or `{ authorizer }`
 * ({@link QontakAuthorizerModuleOptions}).
 */
export type QontakAuthModuleOptions = QontakCredentialModuleOptions | QontakAuthorizerModuleOptions;
