export { createQontakClient } from './create-qontak-client';
export type { QontakClientOptions } from './create-qontak-client';
export { paginate } from './paginate';
export type { PaginateOptions, QontakListItem, QontakListParams, QontakListPath } from './paginate';
export { QontakApiError, QontakApiErrorCode } from './qontak-api-error';
export type { QontakApiErrorOptions } from './qontak-api-error';
export { QontakClient } from './qontak-client';
export { QONTAK_CLIENT_CHANNELS } from './retry-channel';
export type { QontakRetryEvent } from './retry-channel';
export type { QontakRetryOptions } from './retry-options';
export { templateParameters } from './template-parameters';
export type {
  QontakTemplateHeaderValue,
  QontakTemplateParameters,
  QontakTemplateShape,
  QontakTemplateValues,
} from './template-parameters';
export { toFormData } from './to-form-data';
export type { QontakErrorEnvelope, QontakPaths, QontakSchemas } from './qontak-paths';
