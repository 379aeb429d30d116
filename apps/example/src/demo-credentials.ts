import type { EmulatorDemoScheme } from '@qontak/emulator';

/** What each kind of credential the embedded emulator can be used with is, in the demo's words. */
export const SCHEME_TITLES: Readonly<Record<EmulatorDemoScheme, string>> = {
  password: 'a Qontak account (password grant)',
  'access-token': 'a dashboard access token',
  'mekari-hmac': 'a Mekari API gateway client (HMAC)',
};
