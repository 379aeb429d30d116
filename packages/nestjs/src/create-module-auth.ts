import { MekariHmacAuth, QontakAuth } from '@qontak/auth-core';
import type { QontakAuthModuleOptions } from './qontak-auth-module-options';

/** The auth the module owns under `QONTAK_AUTH`: a `QontakAuth`, or a `MekariHmacAuth` for `scheme: 'mekari-hmac'`. */
export type QontakModuleAuth = QontakAuth | MekariHmacAuth;

/**
 * Builds the module's auth from its options.
 * @throws {QontakAuthError} `config_error` naming each missing or invalid field.
 */
export function createModuleAuth(options: QontakAuthModuleOptions): QontakModuleAuth {
  if (options?.scheme === 'mekari-hmac') {
    const { scheme: _scheme, ...hmac } = options;
    return new MekariHmacAuth(hmac);
  }
  const { scheme: _scheme, ...bearer } = options ?? {};
  return new QontakAuth(bearer as QontakAuthModuleOptions & { username: string; password: string });
}
