import './express-request';

export type { QontakRequestAuthorize } from './express-request';
export { qontakAuth } from './qontak-auth-middleware';
export type { QontakAuthMiddlewareOptions } from './qontak-auth-middleware';
export { qontakErrorHandler } from './qontak-error-handler';
export type {
  QontakErrorHandlerOptions,
  QontakErrorLogContext,
  QontakErrorLogger,
} from './qontak-error-handler';
