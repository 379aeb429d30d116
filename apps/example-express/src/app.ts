import { QONTAK_HEALTH_PATH, type QontakAuth } from '@qontak/auth-core';
import { createQontakAxios } from '@qontak/axios-interceptor';
import { qontakAuth, qontakErrorHandler } from '@qontak/express-middleware';
import express, { type Express } from 'express';

/** What `GET /qontak/health` answers: Qontak's health status and body, as Qontak sent them. */
export interface QontakHealthReport {
  /** Qontak's HTTP status (200 with a valid token). */
  status: number;
  /** Qontak's body: its JSON envelope `{ status, data }`, or the text it sent (empty on a 401). */
  body: unknown;
}

/**
 * The example Express app: `GET /qontak/health` calls Qontak's health endpoint through an axios
 * instance that carries `@qontak/axios-interceptor` and answers `{ status, body }` with Qontak's
 * status (200), or 502 when Qontak answered anything else. `qontakAuth({ auth })` guards the route,
 * so when no token can be had the route never runs and `qontakErrorHandler()` answers 502 / 503
 * with `{ error, message }`.
 */
export function createApp(auth: QontakAuth): Express {
  const qontak = createQontakAxios(auth, { validateStatus: () => true, timeout: 10_000 });
  const app = express();
  app.disable('x-powered-by');

  app.get('/qontak/health', qontakAuth({ auth }), async (_req, res, next) => {
    try {
      const upstream = await qontak.get<unknown>(QONTAK_HEALTH_PATH);
      const report: QontakHealthReport = { status: upstream.status, body: upstream.data };
      res.status(upstream.status === 200 ? 200 : 502).json(report);
    } catch (error) {
      next(error);
    }
  });

  app.use(qontakErrorHandler());
  return app;
}
