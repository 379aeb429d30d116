import type { QontakAuthOptions } from '@qontak/auth-core';
import { startEmulator, type EmulatorOptions, type QontakEmulator } from '@qontak/emulator';

/** The test account's login (not a secret). */
export const USERNAME = 'hardening@example.com';
/** Sentinel password: it must never appear in a log, an error or a response. */
export const PASSWORD = 'Sentinel-Password-7d3f0c9a51e2';
/** The test OAuth client's id (not a secret). */
export const CLIENT_ID = 'hardening-client';
/** Sentinel client secret: it must never appear in a log, an error or a response. */
export const CLIENT_SECRET = 'Sentinel-ClientSecret-1b8e44f2c6d9';

/** Starts an emulator that knows only the test account and the test client. The caller closes it. */
export function startTestEmulator(options: EmulatorOptions = {}): Promise<QontakEmulator> {
  return startEmulator({
    users: [{ username: USERNAME, password: PASSWORD }],
    clients: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }],
    ...options,
  });
}

/** `QontakAuth` options for the test account on `server`, with `overrides` on top. */
export function accountOptions(
  server: { url: string },
  overrides: Partial<QontakAuthOptions> = {},
): QontakAuthOptions {
  return {
    baseUrl: server.url,
    username: USERNAME,
    password: PASSWORD,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    ...overrides,
  };
}

/**
 * Calls `GET /api/open/v1/health` on `baseUrl` with `token` through the global fetch (not through the
 * client under test) and returns the status: 200 means the server accepts the token right now.
 */
export async function healthStatus(baseUrl: string, token: string): Promise<number> {
  const response = await fetch(`${baseUrl}/api/open/v1/health`, {
    headers: { authorization: `Bearer ${token}` },
  });
  await response.arrayBuffer();
  return response.status;
}
