export { createQontakClient } from './create-qontak-client';
export type { QontakClientOptions } from './create-qontak-client';
export { paginate } from './paginate';
export type { PaginateOptions, QontakListItem, QontakListParams, QontakListPath } from './paginate';
export { QontakApiError, QontakApiErrorCode } from './qontak-api-error';
export type { QontakApiErrorOptions } from './qontak-api-error';
export { QontakClient } from './qontak-client';
export { toFormData } from './to-form-data';
export type { QontakErrorEnvelope, QontakPaths, QontakSchemas } from './qontak-paths';
