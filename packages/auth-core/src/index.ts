export {
  QONTAK_BASE_URL,
  QONTAK_FULFILLMENT_CLIENT_ID,
  QONTAK_FULFILLMENT_CLIENT_SECRET,
  QONTAK_HEALTH_PATH,
  QONTAK_REVOKE_PATH,
  QONTAK_TOKEN_PATH,
} from './constants';
export { authorizedFetch } from './authorized-fetch';
export { FileTokenStore } from './file-token-store';
export type { FileTokenStoreOptions } from './file-token-store';
export { MemoryTokenStore } from './memory-token-store';
export { isLoopbackHostname, isSecureOrLoopback } from './origin-policy';
export { pollForLock } from './poll-for-lock';
export type { PollForLockOptions } from './poll-for-lock';
export { QontakAuth } from './qontak-auth';
export type { GetTokenOptions, QontakAuthEnv } from './qontak-auth';
export { QontakAuthError, QontakAuthErrorCode, isQontakAuthError } from './qontak-auth-error';
export type { QontakAuthErrorOptions } from './qontak-auth-error';
export type { QontakAuthOptions, QontakRetryOptions } from './qontak-auth-options';
export type { QontakLogger } from './qontak-logger';
export { QontakToken, deserializeToken, serializeToken } from './qontak-token';
export type { QontakTokenInit } from './qontak-token';
export { REDACTED } from './redaction';
export { refreshSchedule } from './refresh-schedule';
export type { RefreshSchedule } from './refresh-schedule';
export type { AuthorizationHeaders, AuthorizeRequestInput, RequestAuthorizer } from './request-authorizer';
export { resolveUrl } from './resolve-url';
export type { TokenStore, TokenStoreUnlock } from './token-store';
export type {
  OAuthErrorBody,
  PasswordGrantBody,
  RefreshTokenGrantBody,
  RevokeBody,
  TokenResponseBody,
} from './wire-types';
/** The Mekari API gateway's HMAC scheme (a second `RequestAuthorizer` beside `QontakAuth`), and `authFromEnv`, which picks one of the two. */
export { authFromEnv } from './auth-from-env';
export { MEKARI_API_BASE_URL, MEKARI_QONTAK_HEALTH_PATH } from './mekari-constants';
export { MekariHmacAuth } from './mekari-hmac-auth';
export type { MekariHmacAuthOptions } from './mekari-hmac-auth-options';
export {
  formatHttpDate,
  mekariSigningString,
  requestTarget,
  signMekariRequest,
} from './mekari-hmac-signature';
export type { MekariSignRequestInput, MekariSigningInput } from './mekari-hmac-signature';
