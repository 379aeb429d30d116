import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { QONTAK_HEALTH_PATH, type QontakAuth } from '@qontak/auth-core';
import { createQontakAxios } from '@qontak/axios-interceptor';
import { qontakAuth, qontakErrorHandler } from '@qontak/express-middleware';
import { isAxiosError } from 'axios';
import express, { type ErrorRequestHandler } from 'express';
import { closeServer } from 'qontak-test-support';

/** A running Express app, see {@link startExpressApp}. */
export interface RunningExpressApp {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** Every error handed to the error handlers, in order. */
  readonly errors: unknown[];
  /** Every line `qontakErrorHandler` logged (message and context). */
  readonly logLines: string[];
  close(): Promise<void>;
}

/**
 * A real Express 5 app on a loopback port: `GET /qontak/health` runs behind `qontakAuth({ auth })` and
 * calls Qontak's health through `createQontakAxios(auth)`; `qontakErrorHandler()` answers a
 * `QontakAuthError` (its log lines kept in `logLines`), and a last handler answers any other error (e.g. a 401 that survived the replay)
 * with 502 `{ error: 'upstream_<status>' }`.
 */
export async function startExpressApp(auth: QontakAuth): Promise<RunningExpressApp> {
  const app = express();
  const http = createQontakAxios(auth);
  const errors: unknown[] = [];
  const logLines: string[] = [];
  app.get('/qontak/health', qontakAuth({ auth }), async (_req, res, next) => {
    try {
      const response = await http.get(QONTAK_HEALTH_PATH);
      res.json({ status: response.status });
    } catch (error) {
      next(error);
    }
  });
  const record: ErrorRequestHandler = (err, _req, _res, next) => {
    errors.push(err);
    next(err);
  };
  const upstream: ErrorRequestHandler = (err, _req, res, _next) => {
    const status = isAxiosError(err) ? err.response?.status : undefined;
    res.status(502).json({ error: status === undefined ? 'upstream_error' : `upstream_${status}` });
  };
  const logger = {
    error: (message: string, context: object) => logLines.push(`${message} ${JSON.stringify(context)}`),
  };
  app.use(record, qontakErrorHandler({ logger }), upstream);
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    errors,
    logLines,
    close: () => closeServer(server),
  };
}
