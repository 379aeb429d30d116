export { attachQontakAuth } from './attach-qontak-auth';
export type { QontakAuthAttachment } from './attach-qontak-auth';
export { createQontakAxios } from './create-qontak-axios';
export { isQontakAxiosAuthError } from './qontak-axios-auth-error';
export type { QontakAxiosAuthError } from './qontak-axios-auth-error';
export type { QontakAxiosOptions, QontakAxiosRequestOptions } from './qontak-axios-request-options';
