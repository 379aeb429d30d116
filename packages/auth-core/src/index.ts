export { QONTAK_CREDENTIAL_VARIABLES, authFromEnv, authFromOptions } from './credential-schemes';
export type { AuthFromEnvSettings, QontakCredentialOptions } from './credential-schemes';
export {
  MEKARI_API_BASE_URL,
  MEKARI_QONTAK_HEALTH_PATH,
  QONTAK_BASE_URL,
  QONTAK_HEALTH_PATH,
} from './constants';
export { FileTokenStore } from './file-token-store';
export type { FileTokenStoreOptions } from './file-token-store';
export { MekariHmacAuth } from './mekari-hmac-auth';
export type { MekariHmacAuthOptions } from './mekari-hmac-auth-options';
export { MemoryTokenStore } from './memory-token-store';
export { QontakAccessTokenAuth } from './qontak-access-token-auth';
export type { QontakAccessTokenAuthOptions } from './qontak-access-token-auth-options';
export { QontakAuth } from './qontak-auth';
export type { GetTokenOptions } from './qontak-auth';
export { isQontakApiError } from './qontak-api-error-like';
export type { QontakApiErrorLike } from './qontak-api-error-like';
export { QontakAuthError, QontakAuthErrorCode, isQontakAuthError } from './qontak-auth-error';
export type { QontakAuthErrorOptions } from './qontak-auth-error';
export type { QontakAuthOptions, QontakRetryOptions } from './qontak-auth-options';
export { qontakErrorResponse } from './qontak-error-response';
export type { QontakErrorResponse, QontakErrorResponseBody } from './qontak-error-response';
export type { QontakLogger } from './qontak-logger';
export { QontakToken } from './qontak-token';
export type { QontakAuthEnv } from './read-env';
export { RequestAuthorizer } from './request-authorizer';
export type { AuthorizationHeaders, AuthorizeRequestInput } from './request-authorizer';
