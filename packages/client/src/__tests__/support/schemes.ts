import { MekariHmacAuth, QontakAccessTokenAuth, QontakAuth, type RequestAuthorizer } from '@qontak/auth-core';
import {
  DEMO_ACCESS_TOKEN,
  DEMO_HMAC_CLIENT_ID,
  DEMO_HMAC_CLIENT_SECRET,
  DEMO_PASSWORD,
  DEMO_USERNAME,
  startEmulator,
  type EmulatorOptions,
  type QontakEmulator,
} from '@qontak/emulator';
import { afterEach } from 'vitest';

/** The credential kinds, with the kind the emulator records for each (`emulator.sent()[i].credential`). */
export const SCHEMES = [
  ['password grant', 'bearer'],
  ['dashboard access token', 'access-token'],
  ['Mekari HMAC', 'hmac'],
] as const;

/** One of {@link SCHEMES}' names. */
export type SchemeName = (typeof SCHEMES)[number][0];

const emulators: QontakEmulator[] = [];
const authorizers: RequestAuthorizer[] = [];
afterEach(async () => {
  await Promise.all(authorizers.splice(0).map((auth) => auth.close()));
  await Promise.all(emulators.splice(0).map((emulator) => emulator.close()));
});

/** A fresh emulator (with `options`), closed after the test. */
export async function emulator(options?: EmulatorOptions): Promise<QontakEmulator> {
  const started = await startEmulator(options);
  emulators.push(started);
  return started;
}

/**
 * An authorizer of scheme `name` for the emulator's demo credentials, closed after the test, on the
 * emulator `at` or on another base URL (a proxy in front of the emulator, a hostile server).
 */
export function authorizerFor(name: SchemeName, at: QontakEmulator | string): RequestAuthorizer {
  const baseUrl = typeof at === 'string' ? at : at.url;
  const auth =
    name === 'password grant'
      ? new QontakAuth({ baseUrl, username: DEMO_USERNAME, password: DEMO_PASSWORD })
      : name === 'dashboard access token'
        ? new QontakAccessTokenAuth({ baseUrl, accessToken: DEMO_ACCESS_TOKEN })
        : new MekariHmacAuth({
            baseUrl,
            clientId: DEMO_HMAC_CLIENT_ID,
            clientSecret: DEMO_HMAC_CLIENT_SECRET,
          });
  authorizers.push(auth);
  return auth;
}
