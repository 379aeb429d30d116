import type { components } from '../generated/qontak-open-api';

/** `POST /oauth/token` success body (generated from `openapi/qontak-open-api.yaml`). */
export type TokenResponseBody = components['schemas']['TokenResponse'];
/** `POST /oauth/token` error body. */
export type OAuthErrorBody = components['schemas']['OAuthError'];
/** Password grant request body. */
export type PasswordGrantBody = components['schemas']['PasswordGrantRequest'];
/** Refresh-token grant request body. */
export type RefreshTokenGrantBody = components['schemas']['RefreshTokenGrantRequest'];
/** `POST /oauth/revoke` request body. */
export type RevokeBody = components['schemas']['RevokeRequest'];
