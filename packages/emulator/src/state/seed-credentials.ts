/** Username of the emulator's built-in demo user. */
export const DEMO_USERNAME = 'demo@example.com';

/** Password of the emulator's built-in demo user. */
export const DEMO_PASSWORD = 'demo-password';

/**
 * The emulator's built-in dashboard access token, like the "user access token" copied from the Qontak
 * dashboard (43 URL-safe characters, as Doorkeeper makes them): the default of `accessTokens`, whose doc
 * says how a static access token behaves.
 */
export const DEMO_ACCESS_TOKEN = 'g9PrPo_fpgyP1gy_rel86SPPKlfO13UqtDGmI2PrYaU';

/** Client id of Qontak's documented (public, fixed) fulfillment client; the emulator's default client. */
export const FULFILLMENT_CLIENT_ID = 'RRrn6uIxalR_QaHFlcKOqbjHMG63elEdPTair9B9YdY';

/** Client secret of Qontak's documented (public, fixed) fulfillment client; the emulator's default client. */
export const FULFILLMENT_CLIENT_SECRET = 'Sa8IGIh_HpVK1ZLAF0iFf7jU760osaUNV659pBIZR00';

/** Client id of the emulator's default Mekari API gateway HMAC client (the `/qontak/chat/...` routes). */
export const DEMO_HMAC_CLIENT_ID = 'demo-hmac-client';

/** Client secret of the emulator's default Mekari API gateway HMAC client. */
export const DEMO_HMAC_CLIENT_SECRET = 'demo-hmac-secret';
