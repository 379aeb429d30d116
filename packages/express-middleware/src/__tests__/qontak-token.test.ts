import type { Server } from 'node:http';
import { QontakAuth, type RequestAuthorizer } from '@qontak/auth-core';
import {
  DEMO_PASSWORD,
  DEMO_USERNAME,
  FULFILLMENT_CLIENT_ID,
  FULFILLMENT_CLIENT_SECRET,
  startEmulator,
  type QontakEmulator,
} from '@qontak/emulator';
import type { Express } from 'express';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeServer, listenOnLoopback } from 'qontak-test-support';
import { qontakAuth, qontakErrorHandler } from '../index';
import { authFor, expressVersions, schemes } from './schemes';

/**
 * The README's first example, as it is printed there (on the Express version under test, and without
 * `listen`): a route that calls Qontak with `req.qontakToken` and reports a 401 so that the next
 * request gets a new token.
 */
function readmeApp(express: () => Express, auth: RequestAuthorizer): Express {
  return express()
    .get('/qontak/health', qontakAuth({ auth }), async (req, res) => {
      const authorization = `Bearer ${req.qontakToken}`;
      const answer = await fetch(auth.healthUrl, { headers: { authorization } });
      if (answer.status === 401) await auth.handleUnauthorized({ authorization }); // revoked: the next request gets a new token
      res.status(answer.ok ? 200 : 502).json(answer.ok ? await answer.json() : { qontak: answer.status });
    })
    .use(qontakErrorHandler());
}

/** Revokes `token` the way a Doorkeeper client does (`POST /oauth/revoke` with the OAuth client). */
async function revoke(emulator: QontakEmulator, token: string): Promise<void> {
  const response = await fetch(`${emulator.url}/oauth/revoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      token,
      client_id: FULFILLMENT_CLIENT_ID,
      client_secret: FULFILLMENT_CLIENT_SECRET,
    }),
  });
  expect(response.status).toBe(200);
}

describe.each(expressVersions)('req.qontakToken on %s', (_version, createExpress) => {
  let emulator: QontakEmulator;
  const auths: RequestAuthorizer[] = [];
  const servers: Server[] = [];

  beforeEach(async () => {
    emulator = await startEmulator({ port: 0 });
  });

  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => closeServer(server)));
    await Promise.all(auths.splice(0).map((auth) => auth.close()));
    await emulator.close();
  });

  async function serve(app: Express): Promise<string> {
    const { base, server } = await listenOnLoopback(app);
    servers.push(server);
    return base;
  }

  it('the README example recovers from a token revoked through Qontak: the 401 is reported, and the next request carries a new token Qontak accepts', async () => {
    const auth = new QontakAuth({ baseUrl: emulator.url, username: DEMO_USERNAME, password: DEMO_PASSWORD });
    auths.push(auth);
    const base = await serve(readmeApp(createExpress, auth));

    const first = await fetch(`${base}/qontak/health`);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ status: 'success' });
    const revoked = await auth.getAccessToken(); // the token the route was given, still cached
    await revoke(emulator, revoked);

    const refused = await fetch(`${base}/qontak/health`);
    expect(refused.status).toBe(502);
    expect(await refused.json()).toEqual({ qontak: 401 });

    const recovered = await fetch(`${base}/qontak/health`);
    expect(recovered.status).toBe(200);
    expect(await recovered.json()).toMatchObject({ status: 'success' });
    expect(await auth.getAccessToken()).not.toBe(revoked);
    expect(emulator.stats().health).toEqual({ 200: 2, 401: 1 });
    expect(emulator.stats().grants.password.ok).toBe(2);
  });

  it('shares one grant between a burst of requests on a cold cache, each given the same token Qontak accepts', async () => {
    const auth = authFor(schemes[0]!, emulator);
    auths.push(auth);
    const app = createExpress();
    app.get('/token', qontakAuth({ auth }), (req, res) => {
      res.json({ token: req.qontakToken });
    });
    const base = await serve(app);

    const tokens = await Promise.all(
      Array.from(
        { length: 100 },
        async () => ((await (await fetch(`${base}/token`)).json()) as { token: string }).token,
      ),
    );

    expect(new Set(tokens).size).toBe(1);
    const answer = await fetch(auth.healthUrl, { headers: { authorization: `Bearer ${tokens[0]}` } });
    expect(answer.status).toBe(200);
    expect(emulator.stats().grants.total).toBe(1);
  });
});
