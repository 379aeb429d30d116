import { EMULATOR_DEMO_SCHEMES, type EmulatorDemoScheme } from '@qontak/emulator';

/** The credential kinds the embedded emulator can be used with (`pnpm demo --scheme <kind>`). */
export const DEMO_SCHEMES = EMULATOR_DEMO_SCHEMES;

/** One of {@link DEMO_SCHEMES}. */
export type DemoScheme = EmulatorDemoScheme;

/** What each kind is, in the demo's words. */
export const SCHEME_TITLES: Readonly<Record<DemoScheme, string>> = {
  password: 'a Qontak account (password grant)',
  'access-token': 'a dashboard access token',
  'mekari-hmac': 'a Mekari API gateway client (HMAC)',
};
