import {
  DEMO_ACCESS_TOKEN,
  DEMO_HMAC_CLIENT_ID,
  DEMO_HMAC_CLIENT_SECRET,
  DEMO_PASSWORD,
  DEMO_USERNAME,
} from '@qontak/emulator';

/** The environment variables that hold a Qontak credential: when any is set, the example uses Qontak itself. */
export const CREDENTIAL_VARIABLES: readonly string[] = [
  'QONTAK_ACCESS_TOKEN',
  'QONTAK_USERNAME',
  'QONTAK_PASSWORD',
  'MEKARI_CLIENT_ID',
  'MEKARI_CLIENT_SECRET',
];

/** One credential the embedded emulator accepts, as the environment `authFromEnv()` reads would hold it. */
interface DemoCredential {
  /** What it stands for, for the start-up line. */
  readonly holds: string;
  /** The variables `authFromEnv()` reads for it, pointing at the emulator's `url`. */
  env(url: string): Record<string, string>;
}

/** The demo credentials of the embedded emulator, by the name `--scheme` / `QONTAK_EXAMPLE_SCHEME` takes. */
const DEMO_CREDENTIALS = {
  password: {
    holds: 'a Qontak account (password grant)',
    env: (url) => ({ QONTAK_BASE_URL: url, QONTAK_USERNAME: DEMO_USERNAME, QONTAK_PASSWORD: DEMO_PASSWORD }),
  },
  'access-token': {
    holds: 'a dashboard access token',
    env: (url) => ({ QONTAK_BASE_URL: url, QONTAK_ACCESS_TOKEN: DEMO_ACCESS_TOKEN }),
  },
  hmac: {
    holds: 'a Mekari API gateway client (HMAC)',
    env: (url) => ({
      MEKARI_BASE_URL: url,
      MEKARI_CLIENT_ID: DEMO_HMAC_CLIENT_ID,
      MEKARI_CLIENT_SECRET: DEMO_HMAC_CLIENT_SECRET,
    }),
  },
} as const satisfies Record<string, DemoCredential>;

/** A scheme the embedded emulator can be used with: `password` (the default), `access-token` or `hmac`. */
export type ExampleScheme = keyof typeof DEMO_CREDENTIALS;

/** The scheme names, in the order the usage line lists them. */
export const EXAMPLE_SCHEMES = Object.keys(DEMO_CREDENTIALS) as ExampleScheme[];

/** The scheme used when neither `--scheme` nor `QONTAK_EXAMPLE_SCHEME` names one. */
export const DEFAULT_EXAMPLE_SCHEME: ExampleScheme = 'password';

/** The demo credential of `scheme` for the embedded emulator. */
export function demoCredential(scheme: ExampleScheme): DemoCredential {
  return DEMO_CREDENTIALS[scheme];
}

/** Whether `name` is one of {@link EXAMPLE_SCHEMES}. */
export function isExampleScheme(name: string): name is ExampleScheme {
  return Object.hasOwn(DEMO_CREDENTIALS, name);
}
