import { authFromOptions, type QontakCredentialOptions, type RequestAuthorizer } from '@qontak/auth-core';
import {
  DEMO_ACCESS_TOKEN,
  DEMO_HMAC_CLIENT_ID,
  DEMO_HMAC_CLIENT_SECRET,
  DEMO_PASSWORD,
  DEMO_USERNAME,
  type EmulatorStats,
  type QontakEmulator,
} from '@qontak/emulator';
import express from 'express';
import express4 from 'express4';
import type { Express, RequestHandler } from 'express';

/** The two Express majors the middleware supports, each a factory of a fresh app. */
export const expressVersions: ReadonlyArray<readonly [string, () => Express]> = [
  ['Express 5', () => express()],
  ['Express 4', () => express4()],
];

/** Options every scheme takes, e.g. `{ baseUrl }` or `{ logger }`. */
export type CommonOptions = Partial<Pick<QontakCredentialOptions, 'baseUrl' | 'logger'>>;

/** One credential kind, as a user configures it against the emulator, and what the emulator then counts. */
export interface SchemeCase {
  /** What the user holds. */
  name: string;
  /** The credential fields of {@link authFromOptions} that pick this scheme. */
  credentials: QontakCredentialOptions;
  /** Token grants a burst of requests on a cold cache makes (one shared grant, or none at all). */
  grantsPerBurst: number;
  /** The header names one authorized request carries. */
  headerNames: readonly string[];
  /** The health answers by status, from the counter of the base path this scheme uses. */
  healthAnswers(stats: EmulatorStats): Record<number, number>;
}

/** The three credentials Qontak users hold, each accepted by the emulator's defaults. */
export const schemes: readonly SchemeCase[] = [
  {
    name: 'password grant',
    credentials: { username: DEMO_USERNAME, password: DEMO_PASSWORD },
    grantsPerBurst: 1,
    headerNames: ['authorization'],
    healthAnswers: (stats) => stats.health,
  },
  {
    name: 'dashboard access token',
    credentials: { accessToken: DEMO_ACCESS_TOKEN },
    grantsPerBurst: 0,
    headerNames: ['authorization'],
    healthAnswers: (stats) => stats.health,
  },
  {
    name: 'Mekari HMAC',
    credentials: { clientId: DEMO_HMAC_CLIENT_ID, clientSecret: DEMO_HMAC_CLIENT_SECRET },
    grantsPerBurst: 0,
    headerNames: ['authorization', 'date'],
    healthAnswers: (stats) => stats.gatewayHealth,
  },
];

/** The scheme `scheme` configures against `emulator` (or `options.baseUrl`), through the public picker. */
export function authFor(
  scheme: SchemeCase,
  emulator: QontakEmulator,
  options: CommonOptions = {},
): RequestAuthorizer {
  return authFromOptions({ baseUrl: emulator.url, ...scheme.credentials, ...options });
}

/** What {@link healthRoute} answers: Qontak's health status and the names of the headers it sent. */
export interface HealthRouteAnswer {
  status: number;
  headerNames: string[];
}

/**
 * A route that calls Qontak's health endpoint (`auth.healthUrl`, whichever scheme) with the headers
 * `req.qontakAuthorize` gives, and answers 200 `{ status, headerNames }`. Its own failures go to `next`.
 */
export function healthRoute(auth: RequestAuthorizer): RequestHandler {
  return async (req, res, next) => {
    try {
      const headers = await req.qontakAuthorize!({ method: 'GET', url: auth.healthUrl });
      const answer = await fetch(auth.healthUrl, { headers });
      await answer.arrayBuffer();
      const body: HealthRouteAnswer = { status: answer.status, headerNames: Object.keys(headers).sort() };
      res.json(body);
    } catch (error) {
      next(error);
    }
  };
}
