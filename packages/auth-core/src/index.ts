export { QONTAK_CREDENTIAL_VARIABLES, authFromEnv, authFromOptions } from './config/credential-schemes';
export type { AuthFromEnvSettings, QontakCredentialOptions } from './config/credential-schemes';
export {
  MEKARI_API_BASE_URL,
  MEKARI_QONTAK_HEALTH_PATH,
  QONTAK_BASE_URL,
  QONTAK_HEALTH_PATH,
} from './config/constants';
export { FileTokenStore } from './stores/file-token-store';
export type { FileTokenStoreOptions } from './stores/file-token-store';
export { MekariHmacAuth } from './mekari/hmac-auth';
export type { MekariHmacAuthOptions } from './mekari/hmac-auth-options';
export { MemoryTokenStore } from './stores/memory-token-store';
export { QontakAccessTokenAuth } from './access-token/access-token-auth';
export type { QontakAccessTokenAuthOptions } from './access-token/access-token-auth-options';
export { QontakAuth } from './password/password-auth';
export type { GetTokenOptions } from './password/password-auth';
export { isQontakApiError } from './errors/api-error-like';
export type { QontakApiErrorLike } from './errors/api-error-like';
export { QontakAuthError, QontakAuthErrorCode, isQontakAuthError } from './errors/auth-error';
export type { QontakAuthErrorOptions } from './errors/auth-error';
export type { QontakAuthOptions, QontakRetryOptions } from './password/password-auth-options';
export { qontakErrorResponse } from './errors/error-response';
export type { QontakErrorResponse, QontakErrorResponseBody } from './errors/error-response';
export type { QontakLogger } from './logging/logger';
export { QontakToken } from './stores/token';
export type { QontakAuthEnv } from './config/read-env';
export { RequestAuthorizer } from './contract/request-authorizer';
export type { AuthorizationHeaders, AuthorizeRequestInput } from './contract/request-authorizer';
