import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { QontakAuthError } from '@qontak/auth-core';
import { MekariHmacAuth, QontakAuth } from '@qontak/auth-core';
import {
  DEMO_HMAC_CLIENT_ID,
  DEMO_HMAC_CLIENT_SECRET,
  DEMO_PASSWORD,
  DEMO_USERNAME,
  startEmulator,
  type QontakEmulator,
} from '@qontak/emulator';
import express from 'express';
import express4 from 'express4';
import type { ErrorRequestHandler, Express } from 'express';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getQontakToken, qontakAuth } from '../index';

const expressVersions: ReadonlyArray<readonly [string, () => Express]> = [
  ['Express 5', () => express()],
  ['Express 4', () => express4()],
];

describe.each(expressVersions)('req.qontakAuthorize on %s', (_version, createExpress) => {
  let emulator: QontakEmulator;
  let server: Server | undefined;
  let bearer: QontakAuth | undefined;

  beforeEach(async () => {
    emulator = await startEmulator();
  });

  afterEach(async () => {
    if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    await bearer?.close();
    await emulator.close();
  });

  /** An app whose route calls `path` on the emulator with the headers `req.qontakAuthorize` gives. */
  async function appCalling(auth: QontakAuth | MekariHmacAuth, path: string): Promise<string> {
    const app = createExpress();
    app.use(qontakAuth({ auth }));
    app.get('/call', async (req, res) => {
      const headers = await req.qontakAuthorize!({ method: 'GET', url: `${emulator.url}${path}` });
      const answer = await fetch(`${emulator.url}${path}`, { headers });
      res.status(200).json({
        status: answer.status,
        headerNames: Object.keys(headers).sort(),
        token: req.qontakToken ?? null,
      });
    });
    app.get('/token', (req, res) => {
      res.json({ token: getQontakToken(req) });
    });
    const errors: ErrorRequestHandler = (err: QontakAuthError, _req, res, _next) => {
      res.status(599).json({ code: err.code, message: err.message });
    };
    app.use(errors);
    server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it('signs gateway requests with a MekariHmacAuth: no token, no grant, 200 from the HMAC route', async () => {
    const auth = new MekariHmacAuth({
      baseUrl: emulator.url,
      clientId: DEMO_HMAC_CLIENT_ID,
      clientSecret: DEMO_HMAC_CLIENT_SECRET,
    });
    const base = await appCalling(auth, '/qontak/chat/v1/health');
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => fetch(`${base}/call`).then((r) => r.json())),
    );
    expect(answers).toEqual(
      Array.from({ length: 20 }, () => ({
        status: 200,
        headerNames: ['authorization', 'date'],
        token: null,
      })),
    );
    expect(emulator.stats().gatewayHealth[200]).toBe(20);
    expect(emulator.stats().grants.total).toBe(0);
  });

  it('tells a route that asks for a token under HMAC to sign with req.qontakAuthorize instead', async () => {
    const auth = new MekariHmacAuth({
      baseUrl: emulator.url,
      clientId: DEMO_HMAC_CLIENT_ID,
      clientSecret: DEMO_HMAC_CLIENT_SECRET,
    });
    const base = await appCalling(auth, '/qontak/chat/v1/health');
    const response = await fetch(`${base}/token`);
    expect(response.status).toBe(599);
    const body = (await response.json()) as { code: string; message: string };
    expect(body.code).toBe('config_error');
    expect(body.message).toContain('req.qontakAuthorize');
    expect(body.message).not.toContain(DEMO_HMAC_CLIENT_SECRET);
  });

  it('gives the same bearer header as req.qontakToken with a QontakAuth', async () => {
    bearer = new QontakAuth({ baseUrl: emulator.url, username: DEMO_USERNAME, password: DEMO_PASSWORD });
    const base = await appCalling(bearer, '/api/open/v1/health');
    const answer = (await (await fetch(`${base}/call`)).json()) as {
      status: number;
      headerNames: string[];
      token: string;
    };
    expect(answer.status).toBe(200);
    expect(answer.headerNames).toEqual(['authorization']);
    expect(answer.token).toBe(await bearer.getAccessToken());
    expect(emulator.stats().grants.total).toBe(1);
  });
});
