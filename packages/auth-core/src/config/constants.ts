/** The documented Qontak Chat API host. Default `baseUrl` of `QontakAuth` and `QontakAccessTokenAuth`. */
export const QONTAK_BASE_URL = 'https://chat-service.qontak.com';

/** The Mekari API gateway. Default `baseUrl` of `MekariHmacAuth`. */
export const MEKARI_API_BASE_URL = 'https://api.mekari.com';

/** Where the Open API lives on Qontak's own hosts (bearer token), relative to the base URL. */
export const QONTAK_API_PATH = '/api/open';

/** Where the Qontak Chat API lives behind the Mekari API gateway (HMAC), relative to its base URL. */
export const MEKARI_QONTAK_API_PATH = '/qontak/chat';

/** The health operation, relative to an API base (`apiBaseUrl`). */
export const HEALTH_OPERATION_PATH = '/v1/health';

/** Path of the Open API health check on Qontak's own hosts, relative to the base URL: `/api/open/v1/health`. */
export const QONTAK_HEALTH_PATH = `${QONTAK_API_PATH}${HEALTH_OPERATION_PATH}`;

/** Path of the health check behind the Mekari API gateway, relative to its base URL: `/qontak/chat/v1/health`. */
export const MEKARI_QONTAK_HEALTH_PATH = `${MEKARI_QONTAK_API_PATH}${HEALTH_OPERATION_PATH}`;

/**
 * The client id of the fulfillment OAuth client published in Qontak's authentication docs: public,
 * the same for every account, and `QontakAuth`'s default `clientId`.
 */
export const QONTAK_FULFILLMENT_CLIENT_ID = 'RRrn6uIxalR_QaHFlcKOqbjHMG63elEdPTair9B9YdY';

/**
 * The client secret of that fulfillment client: public, but still treated as a secret (never logged);
 * `QontakAuth`'s default `clientSecret`.
 */
export const QONTAK_FULFILLMENT_CLIENT_SECRET = 'Sa8IGIh_HpVK1ZLAF0iFf7jU760osaUNV659pBIZR00';

/** Every OAuth endpoint (token, revoke, ...) lives under this path; none of them gets a bearer token. */
export const OAUTH_PATH = '/oauth';

/** Path of the OAuth 2.0 token endpoint, relative to the base URL. */
export const QONTAK_TOKEN_PATH = `${OAUTH_PATH}/token`;

/** Path of the OAuth 2.0 revocation endpoint, relative to the base URL. */
export const QONTAK_REVOKE_PATH = `${OAUTH_PATH}/revoke`;
