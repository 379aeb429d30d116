import { QontakAuth, type QontakAuthOptions } from '@qontak/auth-core';
import { DEMO_PASSWORD, DEMO_USERNAME } from '@qontak/emulator';

/** The Qontak health route every scenario calls. */
export const HEALTH_PATH = '/api/open/v1/health';

/**
 * A `QontakAuth` for the emulator at `baseUrl` with its demo user (and the default fulfillment client,
 * which the emulator also accepts by default).
 */
export function newAuth(baseUrl: string, overrides: Partial<QontakAuthOptions> = {}): QontakAuth {
  return new QontakAuth({ baseUrl, username: DEMO_USERNAME, password: DEMO_PASSWORD, ...overrides });
}
