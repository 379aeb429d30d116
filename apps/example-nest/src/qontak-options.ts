import type { ConfigService } from '@nestjs/config';
import type { QontakCredentialOptions } from '@qontak/auth-core';

/**
 * The module's options from the configuration (`.env` and the environment), for whichever credential
 * is set; `QontakAuthModule` (through `authFromOptions` of `@qontak/auth-core`) tells them apart:
 * - `QONTAK_ACCESS_TOKEN`: a dashboard access token;
 * - `QONTAK_USERNAME` + `QONTAK_PASSWORD` (optional `QONTAK_CLIENT_ID` / `QONTAK_CLIENT_SECRET`, the
 *   OAuth client): the password grant;
 * - `MEKARI_CLIENT_ID` + `MEKARI_CLIENT_SECRET`: the Mekari API gateway's HMAC signatures.
 * `QONTAK_BASE_URL` (or `MEKARI_BASE_URL`) overrides the scheme's default host. Set exactly one
 * credential: none, half of one or two fail at bootstrap with a `config_error` naming the fields.
 */
export function qontakOptionsFromConfig(config: ConfigService): QontakCredentialOptions {
  const get = (name: string): string | undefined => config.get<string>(name) || undefined;
  return {
    baseUrl: get('QONTAK_BASE_URL') ?? get('MEKARI_BASE_URL'),
    accessToken: get('QONTAK_ACCESS_TOKEN'),
    username: get('QONTAK_USERNAME'),
    password: get('QONTAK_PASSWORD'),
    clientId: get('QONTAK_CLIENT_ID') ?? get('MEKARI_CLIENT_ID'),
    clientSecret: get('QONTAK_CLIENT_SECRET') ?? get('MEKARI_CLIENT_SECRET'),
  } as QontakCredentialOptions;
}
