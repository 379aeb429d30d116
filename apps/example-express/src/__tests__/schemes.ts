import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { QontakCredentialOptions } from '@qontak/auth-core';
import {
  DEMO_ACCESS_TOKEN,
  DEMO_HMAC_CLIENT_ID,
  DEMO_HMAC_CLIENT_SECRET,
  DEMO_PASSWORD,
  DEMO_USERNAME,
  type EmulatorRoute,
  type EmulatorStats,
} from '@qontak/emulator';
import { expect } from 'vitest';
import type { ExampleScheme } from '../example-schemes';

/** One credential kind, as the tests configure it against the emulator, and what the emulator then shows. */
export interface SchemeCase {
  /** What the user holds. */
  name: string;
  /** The `--scheme` / `QONTAK_EXAMPLE_SCHEME` name of the embedded emulator's demo credential. */
  scheme: ExampleScheme;
  /** The credential fields of `authFromOptions`. */
  credentials: QontakCredentialOptions;
  /** The environment `authFromEnv()` reads for this credential against `url`. */
  env(url: string): Record<string, string>;
  /** Grants any number of requests make on a cold cache: one shared grant, or none at all. */
  grants: number;
  /** The emulator's fault route of the health call under this scheme's base path. */
  healthRoute: EmulatorRoute;
  /** The health answers by status, from the counter of this scheme's base path. */
  healthAnswers(stats: EmulatorStats): Record<number, number>;
  /** What the emulator's health data says about the credential that called it. */
  healthData: Record<string, unknown>;
  /** The secret parts of the credential, which no output may show. */
  secrets: readonly string[];
}

export const schemes: readonly SchemeCase[] = [
  {
    name: 'password grant',
    scheme: 'password',
    credentials: { username: DEMO_USERNAME, password: DEMO_PASSWORD },
    env: (url) => ({ QONTAK_BASE_URL: url, QONTAK_USERNAME: DEMO_USERNAME, QONTAK_PASSWORD: DEMO_PASSWORD }),
    grants: 1,
    healthRoute: 'health',
    healthAnswers: (stats) => stats.health,
    healthData: { status: 'ok', token_expires_in: expect.any(Number) },
    secrets: [DEMO_PASSWORD],
  },
  {
    name: 'dashboard access token',
    scheme: 'access-token',
    credentials: { accessToken: DEMO_ACCESS_TOKEN },
    env: (url) => ({ QONTAK_BASE_URL: url, QONTAK_ACCESS_TOKEN: DEMO_ACCESS_TOKEN }),
    grants: 0,
    healthRoute: 'health',
    healthAnswers: (stats) => stats.health,
    healthData: { status: 'ok', token_expires_in: null },
    secrets: [DEMO_ACCESS_TOKEN],
  },
  {
    name: 'Mekari HMAC',
    scheme: 'hmac',
    credentials: { clientId: DEMO_HMAC_CLIENT_ID, clientSecret: DEMO_HMAC_CLIENT_SECRET },
    env: (url) => ({
      MEKARI_BASE_URL: url,
      MEKARI_CLIENT_ID: DEMO_HMAC_CLIENT_ID,
      MEKARI_CLIENT_SECRET: DEMO_HMAC_CLIENT_SECRET,
    }),
    grants: 0,
    healthRoute: 'gateway-health',
    healthAnswers: (stats) => stats.gatewayHealth,
    healthData: { status: 'ok', gateway: 'mekari', client_id: DEMO_HMAC_CLIENT_ID },
    secrets: [DEMO_HMAC_CLIENT_SECRET],
  },
];

/** The case of the scheme named `name`. */
export function schemeNamed(name: ExampleScheme): SchemeCase {
  return schemes.find((each) => each.scheme === name)!;
}

/** A loopback URL on a port that was free a moment ago, so connecting to it is refused. */
export async function unusedLoopbackUrl(): Promise<string> {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return `http://127.0.0.1:${port}`;
}
