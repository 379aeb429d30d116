import './express-request';

export { qontakErrorStatus } from './error-status';
export type { QontakRequestAuthorize, QontakTokenCarrier } from './express-request';
export { getQontakToken } from './get-qontak-token';
export { qontakAuth } from './qontak-auth-middleware';
export type {
  QontakAccessTokenSource,
  QontakAuthMiddlewareOptions,
  QontakAuthSource,
} from './qontak-auth-middleware';
export type { QontakErrorResponseBody } from './error-response-body';
export { qontakErrorHandler } from './qontak-error-handler';
export type {
  QontakErrorHandlerOptions,
  QontakErrorLogContext,
  QontakErrorLogger,
} from './qontak-error-handler';
