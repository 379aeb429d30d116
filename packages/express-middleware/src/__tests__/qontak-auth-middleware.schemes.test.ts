import type { Server } from 'node:http';
import type { RequestAuthorizer } from '@qontak/auth-core';
import { startEmulator, type QontakEmulator } from '@qontak/emulator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeServer, listenOnLoopback, unusedLoopbackUrl } from 'qontak-test-support';
import { qontakAuth } from '../index';
import { authFor, expressVersions, healthRoute, schemes, type HealthRouteAnswer } from './schemes';

const BURST = 500;

describe.each(expressVersions)('qontakAuth on %s', (_version, createExpress) => {
  describe.each(schemes)('with a $name', (scheme) => {
    let emulator: QontakEmulator;
    let auth: RequestAuthorizer;
    const servers: Server[] = [];

    beforeEach(async () => {
      emulator = await startEmulator({ port: 0 });
      auth = authFor(scheme, emulator);
    });

    afterEach(async () => {
      await Promise.all(servers.splice(0).map((server) => closeServer(server)));
      await auth.close();
      await emulator.close();
    });

    /** A real app whose `/qontak/health` route calls Qontak with `req.qontakAuthorize`, counting its runs. */
    async function serve(): Promise<{ base: string; routeRuns: () => number }> {
      const app = createExpress();
      let runs = 0;
      app.use('/qontak', qontakAuth({ auth }), (_req, _res, next) => {
        runs++;
        next();
      });
      app.get('/qontak/health', healthRoute(auth));
      app.get('/qontak/elsewhere', async (req, res) => {
        const url = `${await unusedLoopbackUrl()}/api/open/v1/health`;
        res.json({ headers: await req.qontakAuthorize!({ method: 'GET', url }) });
      });
      const { base, server } = await listenOnLoopback(app);
      servers.push(server);
      return { base, routeRuns: () => runs };
    }

    it(`serves ${BURST} concurrent requests on a cold cache, each calling Qontak, with ${scheme.grantsPerBurst === 1 ? 'one grant' : 'no grant at all'}`, async () => {
      const { base, routeRuns } = await serve();

      const answers = await Promise.all(
        Array.from({ length: BURST }, async () => {
          const response = await fetch(`${base}/qontak/health`);
          return { httpStatus: response.status, ...((await response.json()) as HealthRouteAnswer) };
        }),
      );

      expect(answers).toEqual(
        Array.from({ length: BURST }, () => ({
          httpStatus: 200,
          status: 200,
          headerNames: [...scheme.headerNames],
        })),
      );
      expect(routeRuns()).toBe(BURST);
      const stats = emulator.stats();
      expect(scheme.healthAnswers(stats)).toEqual({ 200: BURST });
      expect(stats.grants.total).toBe(scheme.grantsPerBurst);
      expect(stats.grants.password).toEqual({ ok: scheme.grantsPerBurst, failed: 0 });
      expect(stats.grants.refresh_token).toEqual({ ok: 0, failed: 0 });
    });

    it('keeps serving from the same credentials on later requests: no further grant', async () => {
      const { base } = await serve();

      for (let round = 0; round < 3; round++) {
        const response = await fetch(`${base}/qontak/health`);
        expect(((await response.json()) as HealthRouteAnswer).status).toBe(200);
      }

      expect(scheme.healthAnswers(emulator.stats())).toEqual({ 200: 3 });
      expect(emulator.stats().grants.total).toBe(scheme.grantsPerBurst);
    });

    it('gives no credentials for a URL outside Qontak', async () => {
      const { base } = await serve();

      const response = await fetch(`${base}/qontak/elsewhere`);

      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ headers: {} });
    });
  });
});
