import { MekariHmacAuth } from './mekari-hmac-auth';
import { QontakAuth, type QontakAuthEnv } from './qontak-auth';
import { QontakAuthError, QontakAuthErrorCode } from './qontak-auth-error';

const HMAC_VARIABLES = ['MEKARI_CLIENT_ID', 'MEKARI_CLIENT_SECRET'] as const;
const BEARER_VARIABLES = ['QONTAK_USERNAME', 'QONTAK_PASSWORD'] as const;

/**
 * The auth scheme the environment configures:
 * - `MEKARI_CLIENT_ID` and `MEKARI_CLIENT_SECRET` (and optionally `MEKARI_BASE_URL`): a
 *   {@link MekariHmacAuth} signing each request for the Mekari API gateway;
 * - otherwise a bearer-token {@link QontakAuth} from `QONTAK_*` (see `QontakAuth.fromEnv`).
 *
 * Both return the same {@link RequestAuthorizer}, `fetch` and `close`, so code built on either does not change.
 * @throws {QontakAuthError} `config_error` when both schemes' credentials are set (naming the variables to
 *   remove), when only one of `MEKARI_CLIENT_ID` / `MEKARI_CLIENT_SECRET` is set, or when a required variable
 *   is missing.
 */
export function authFromEnv(env: QontakAuthEnv = globalThis.process?.env ?? {}): QontakAuth | MekariHmacAuth {
  const isSet = (name: string): boolean => (env[name] ?? '').trim() !== '';
  const hmac = HMAC_VARIABLES.filter(isSet);
  const bearer = BEARER_VARIABLES.filter(isSet);
  if (hmac.length > 0 && bearer.length > 0) {
    throw new QontakAuthError(
      QontakAuthErrorCode.ConfigError,
      `authFromEnv: both auth schemes are configured (${[...hmac, ...bearer].join(', ')}): ` +
        `for the Mekari API gateway (HMAC) remove ${bearer.join(' and ')}; ` +
        `for the Qontak bearer token remove ${hmac.join(' and ')}.`,
    );
  }
  return hmac.length > 0 ? MekariHmacAuth.fromEnv(env) : QontakAuth.fromEnv(env);
}
