import type { ResolvedOptions } from './server/options';

/** The kinds of credential {@link QontakEmulator.demoEnv} sets up: an account, a dashboard token, a gateway client. */
export const EMULATOR_DEMO_SCHEMES = ['password', 'access-token', 'mekari-hmac'] as const;

/** One of {@link EMULATOR_DEMO_SCHEMES}. */
export type EmulatorDemoScheme = (typeof EMULATOR_DEMO_SCHEMES)[number];

/**
 * The environment variables that point `authFromEnv()` of `@qontak/auth-core` at the emulator at `url`
 * with one of its own credentials of kind `scheme` (its first user and OAuth client, its first static
 * access token, its first HMAC client).
 * @throws {RangeError} for an unknown `scheme`, or a kind the emulator was started without (no user, no
 *   static access token or no HMAC client).
 */
export function demoEnvironment(
  scheme: EmulatorDemoScheme,
  url: string,
  options: Pick<ResolvedOptions, 'users' | 'clients' | 'accessTokens' | 'hmacClients'>,
): Record<string, string> {
  const missing = (what: string) =>
    new RangeError(`@qontak/emulator: demoEnv('${scheme}'): the emulator has no ${what}`);
  switch (scheme) {
    case 'password': {
      const user = options.users[0];
      const client = options.clients[0];
      if (!user || !client) throw missing('user or OAuth client');
      return {
        QONTAK_BASE_URL: url,
        QONTAK_USERNAME: user.username,
        QONTAK_PASSWORD: user.password,
        QONTAK_CLIENT_ID: client.clientId,
        QONTAK_CLIENT_SECRET: client.clientSecret,
      };
    }
    case 'access-token': {
      const token = options.accessTokens[0];
      if (!token) throw missing('static access token');
      return { QONTAK_BASE_URL: url, QONTAK_ACCESS_TOKEN: token };
    }
    case 'mekari-hmac': {
      const client = options.hmacClients[0];
      if (!client) throw missing('HMAC client');
      return {
        MEKARI_BASE_URL: url,
        MEKARI_CLIENT_ID: client.clientId,
        MEKARI_CLIENT_SECRET: client.clientSecret,
      };
    }
    default:
      throw new RangeError(
        `@qontak/emulator: demoEnv takes one of ${EMULATOR_DEMO_SCHEMES.join(', ')}, not ${String(scheme)}`,
      );
  }
}
