import type { components, paths } from './generated/qontak-open-api';

/**
 * The Qontak Chat Open API operations the client calls, by path under the API base (`/v1/...`), as
 * generated from the repository's OpenAPI document. The OAuth endpoints are not among them: the
 * schemes of `@qontak/auth-core` deal with them.
 */
export type QontakPaths = paths;

/** The schemas of the Open API's requests and responses (`QontakSchemas['DirectBroadcastRequest']`, ...). */
export type QontakSchemas = components['schemas'];

/** Qontak's error envelope: `{ status: 'error', error: { code, messages } }` (4xx and 422 answers). */
export type QontakErrorEnvelope = components['schemas']['ErrorEnvelope'];
