import {
  DEMO_ACCESS_TOKEN,
  DEMO_HMAC_CLIENT_ID,
  DEMO_HMAC_CLIENT_SECRET,
  DEMO_PASSWORD,
  DEMO_USERNAME,
  startEmulator,
  type QontakEmulator,
} from '@qontak/emulator';

/** The variables that hold a Qontak credential: when none is set, the app runs on the emulator. */
export const CREDENTIAL_VARIABLES = [
  'QONTAK_ACCESS_TOKEN',
  'QONTAK_USERNAME',
  'QONTAK_PASSWORD',
  'MEKARI_CLIENT_ID',
  'MEKARI_CLIENT_SECRET',
] as const;

/** The emulator's demo credential of each scheme, as the variables `qontakOptionsFromConfig` reads. */
const DEMO_VARIABLES: Readonly<Record<string, (url: string) => Record<string, string>>> = {
  password: (url) => ({
    QONTAK_BASE_URL: url,
    QONTAK_USERNAME: DEMO_USERNAME,
    QONTAK_PASSWORD: DEMO_PASSWORD,
  }),
  'access-token': (url) => ({ QONTAK_BASE_URL: url, QONTAK_ACCESS_TOKEN: DEMO_ACCESS_TOKEN }),
  hmac: (url) => ({
    MEKARI_BASE_URL: url,
    MEKARI_CLIENT_ID: DEMO_HMAC_CLIENT_ID,
    MEKARI_CLIENT_SECRET: DEMO_HMAC_CLIENT_SECRET,
  }),
};

/** The values `QONTAK_EMULATOR_SCHEME` takes. */
export const EMULATOR_SCHEMES = Object.keys(DEMO_VARIABLES);

/**
 * When `env` holds no Qontak credential: starts an embedded Qontak emulator and puts its demo
 * credential of the scheme `QONTAK_EMULATOR_SCHEME` names (`password`, the default; `access-token`;
 * `hmac`) into `env`. Returns the emulator and the scheme, or `undefined` when credentials are set.
 * @throws {Error} when `QONTAK_EMULATOR_SCHEME` names no scheme.
 */
export async function useEmbeddedEmulator(
  env: NodeJS.ProcessEnv,
): Promise<{ emulator: QontakEmulator; scheme: string } | undefined> {
  if (CREDENTIAL_VARIABLES.some((name) => env[name])) return undefined;
  const scheme = env['QONTAK_EMULATOR_SCHEME'] || 'password';
  const variables = DEMO_VARIABLES[scheme];
  if (variables === undefined) {
    throw new Error(`QONTAK_EMULATOR_SCHEME must be one of ${EMULATOR_SCHEMES.join(', ')}.`);
  }
  const emulator = await startEmulator();
  Object.assign(env, variables(emulator.url));
  return { emulator, scheme };
}
