import { MekariHmacAuth, QontakAccessTokenAuth, QontakAuth, type RequestAuthorizer } from '@qontak/auth-core';
import { createQontakClient, type QontakClient } from '@qontak/client';
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

/** A credential kind: its name, its authorizer for an emulator, and the kind the emulator records. */
export type Scheme = [
  name: string,
  authorizer: (emulator: QontakEmulator) => RequestAuthorizer,
  recorded: string,
];

/** The three credential kinds. */
export const SCHEMES: Scheme[] = [
  [
    'password grant',
    (e) => new QontakAuth({ baseUrl: e.url, username: DEMO_USERNAME, password: DEMO_PASSWORD }),
    'bearer',
  ],
  [
    'dashboard access token',
    (e) => new QontakAccessTokenAuth({ baseUrl: e.url, accessToken: DEMO_ACCESS_TOKEN }),
    'access-token',
  ],
  [
    'Mekari HMAC',
    (e) =>
      new MekariHmacAuth({
        baseUrl: e.url,
        clientId: DEMO_HMAC_CLIENT_ID,
        clientSecret: DEMO_HMAC_CLIENT_SECRET,
      }),
    'hmac',
  ],
];

const opened: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(
    opened
      .splice(0)
      .reverse()
      .map((thing) => thing.close()),
  );
});

/** A fresh emulator (with `options`) and the typed client on it under `authorizer`, both closed after the test. */
export async function clientOn(
  authorizer: Scheme[1],
  options?: EmulatorOptions,
): Promise<{ emulator: QontakEmulator; client: QontakClient }> {
  const emulator = await startEmulator(options);
  opened.push(emulator);
  const auth = authorizer(emulator);
  opened.push(auth);
  return { emulator, client: createQontakClient(auth) };
}
