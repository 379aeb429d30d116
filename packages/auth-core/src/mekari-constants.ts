/** The Mekari API gateway. Default `baseUrl` of {@link MekariHmacAuth}. */
export const MEKARI_API_BASE_URL = 'https://api.mekari.com';

/** Path of the Qontak Chat API's health check behind the Mekari API gateway, relative to its base URL. */
export const MEKARI_QONTAK_HEALTH_PATH = '/qontak/chat/v1/health';
