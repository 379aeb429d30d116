import {
  DEMO_ACCESS_TOKEN,
  DEMO_HMAC_CLIENT_ID,
  DEMO_HMAC_CLIENT_SECRET,
  DEMO_PASSWORD,
  DEMO_USERNAME,
} from '@qontak/emulator';

/** The credential kinds the embedded emulator can be used with (`pnpm demo --scheme <kind>`). */
export const DEMO_SCHEMES = ['password', 'access-token', 'mekari-hmac'] as const;

/** One of {@link DEMO_SCHEMES}. */
export type DemoScheme = (typeof DEMO_SCHEMES)[number];

/** Every environment variable that carries a credential: when one is set, the demo uses the real Qontak. */
export const CREDENTIAL_VARIABLES = [
  'QONTAK_ACCESS_TOKEN',
  'QONTAK_USERNAME',
  'QONTAK_PASSWORD',
  'MEKARI_CLIENT_ID',
  'MEKARI_CLIENT_SECRET',
] as const;

/** What each kind is, in the demo's words. */
export const SCHEME_TITLES: Readonly<Record<DemoScheme, string>> = {
  password: 'a Qontak account (password grant)',
  'access-token': 'a dashboard access token',
  'mekari-hmac': 'a Mekari API gateway client (HMAC)',
};

/**
 * The environment that points `authFromEnv` at the embedded emulator at `url` with the emulator's demo
 * credential of kind `scheme`: the demo then builds its auth exactly as it does for the real Qontak.
 */
export function emulatorEnvironment(scheme: DemoScheme, url: string): Record<string, string> {
  switch (scheme) {
    case 'password':
      return { QONTAK_BASE_URL: url, QONTAK_USERNAME: DEMO_USERNAME, QONTAK_PASSWORD: DEMO_PASSWORD };
    case 'access-token':
      return { QONTAK_BASE_URL: url, QONTAK_ACCESS_TOKEN: DEMO_ACCESS_TOKEN };
    case 'mekari-hmac':
      return {
        MEKARI_BASE_URL: url,
        MEKARI_CLIENT_ID: DEMO_HMAC_CLIENT_ID,
        MEKARI_CLIENT_SECRET: DEMO_HMAC_CLIENT_SECRET,
      };
  }
}
