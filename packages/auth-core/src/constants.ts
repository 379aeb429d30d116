/** The documented Qontak Chat API host. Default `baseUrl` of {@link QontakAuth}. */
export const QONTAK_BASE_URL = 'https://chat-service.qontak.com';

/**
 * The client id of the fulfillment OAuth client published in Qontak's authentication docs.
 * It is public and the same for every Qontak account; default `clientId` of {@link QontakAuth}.
 */
export const QONTAK_FULFILLMENT_CLIENT_ID = 'RRrn6uIxalR_QaHFlcKOqbjHMG63elEdPTair9B9YdY';

/**
 * The client secret of the fulfillment OAuth client published in Qontak's authentication docs.
 * Public, but still treated as a secret: it is never logged. Default `clientSecret`.
 */
export const QONTAK_FULFILLMENT_CLIENT_SECRET = 'Sa8IGIh_HpVK1ZLAF0iFf7jU760osaUNV659pBIZR00';

/** Path of the OAuth 2.0 token endpoint, relative to the base URL. */
export const QONTAK_TOKEN_PATH = '/oauth/token';

/** Path of the OAuth 2.0 revocation endpoint, relative to the base URL. */
export const QONTAK_REVOKE_PATH = '/oauth/revoke';

/** Path of the Open API health check, relative to the base URL. */
export const QONTAK_HEALTH_PATH = '/api/open/v1/health';
