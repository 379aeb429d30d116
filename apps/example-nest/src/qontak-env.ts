import type { ConfigService } from '@nestjs/config';
import { QONTAK_CREDENTIAL_VARIABLES, authFromEnv, type RequestAuthorizer } from '@qontak/auth-core';

/**
 * Every variable `authFromEnv` of `@qontak/auth-core` reads: the credentials (`QONTAK_ACCESS_TOKEN`;
 * `QONTAK_USERNAME` + `QONTAK_PASSWORD`; `MEKARI_CLIENT_ID` + `MEKARI_CLIENT_SECRET`) and what goes
 * with them (`QONTAK_BASE_URL`, the OAuth client `QONTAK_CLIENT_ID` / `QONTAK_CLIENT_SECRET`,
 * `MEKARI_BASE_URL`).
 */
export const QONTAK_ENV_VARIABLES: readonly string[] = [
  ...QONTAK_CREDENTIAL_VARIABLES,
  'QONTAK_BASE_URL',
  'QONTAK_CLIENT_ID',
  'QONTAK_CLIENT_SECRET',
  'MEKARI_BASE_URL',
];

/** The values of {@link QONTAK_ENV_VARIABLES} in the configuration (`.env` and the environment); unset ones are left out. */
export function qontakEnvFromConfig(config: ConfigService): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of QONTAK_ENV_VARIABLES) {
    const value = config.get<unknown>(name);
    if (typeof value === 'string') env[name] = value;
  }
  return env;
}

/**
 * The module's options, `{ authorizer }`: the scheme the configuration's credential names, built by
 * `authFromEnv`. Set exactly one credential; the app closes the authorizer on shutdown (the module
 * closes only those it builds itself).
 * @throws {QontakAuthError} `config_error` (at bootstrap) when no credential is set, half of one, or
 *   those of two schemes (e.g. `QONTAK_USERNAME` with `MEKARI_CLIENT_ID`), naming the variables.
 */
export function qontakAuthFromConfig(config: ConfigService): { authorizer: RequestAuthorizer } {
  return { authorizer: authFromEnv(qontakEnvFromConfig(config)) };
}
