import {
  DEMO_ACCESS_TOKEN,
  DEMO_HMAC_CLIENT_ID,
  DEMO_HMAC_CLIENT_SECRET,
  DEMO_PASSWORD,
  FULFILLMENT_CLIENT_SECRET,
  type EmulatorCredentialKind,
  type EmulatorDemoScheme,
  type EmulatorRoute,
  type EmulatorStats,
} from '@qontak/emulator';
import { expect } from 'vitest';

/** One credential kind, as the tests configure it against the emulator, and what the emulator then shows. */
export interface SchemeCase {
  /** What the user holds. */
  name: string;
  /** The `--scheme` / `QONTAK_EMULATOR_SCHEME` name of the emulator's demo credential (`emulator.demoEnv(scheme)`). */
  scheme: EmulatorDemoScheme;
  /** The kind of credential the emulator records for what this scheme sent (`emulator.sent()`). */
  credential: EmulatorCredentialKind;
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
    credential: 'bearer',
    grants: 1,
    healthRoute: 'health',
    healthAnswers: (stats) => stats.health,
    healthData: { status: 'ok', token_expires_in: expect.any(Number) },
    secrets: [DEMO_PASSWORD, FULFILLMENT_CLIENT_SECRET],
  },
  {
    name: 'dashboard access token',
    scheme: 'access-token',
    credential: 'access-token',
    grants: 0,
    healthRoute: 'health',
    healthAnswers: (stats) => stats.health,
    healthData: { status: 'ok', token_expires_in: null },
    secrets: [DEMO_ACCESS_TOKEN],
  },
  {
    name: 'Mekari HMAC',
    scheme: 'mekari-hmac',
    credential: 'hmac',
    grants: 0,
    healthRoute: 'gateway-health',
    healthAnswers: (stats) => stats.gatewayHealth,
    healthData: { status: 'ok', gateway: 'mekari', client_id: DEMO_HMAC_CLIENT_ID },
    secrets: [DEMO_HMAC_CLIENT_SECRET],
  },
];

/** The case of the scheme named `name`. */
export function schemeNamed(name: EmulatorDemoScheme): SchemeCase {
  return schemes.find((each) => each.scheme === name)!;
}
