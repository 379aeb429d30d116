import { QontakAuthError, QontakAuthErrorCode } from '@qontak/auth-core';
import type { QontakTokenCarrier } from './express-request';

/**
 * The access token `qontakAuth({ auth })` put on `req`, typed as a `string`.
 * @throws {QontakAuthError} `config_error` when the middleware did not run before this handler
 * (it is not mounted on this route, or mounted after it).
 */
export function getQontakToken(req: QontakTokenCarrier): string {
  const token = req.qontakToken;
  if (typeof token !== 'string' || token === '') {
    throw new QontakAuthError(
      QontakAuthErrorCode.ConfigError,
      req.qontakAuthorize === undefined
        ? 'getQontakToken: req.qontakToken is not set. Mount qontakAuth({ auth }) before this route (app.use(qontakAuth({ auth })) or as a route middleware).'
        : 'getQontakToken: the auth scheme in use has no access token (Mekari HMAC signatures): sign each outgoing request with req.qontakAuthorize({ method, url }).',
    );
  }
  return token;
}
