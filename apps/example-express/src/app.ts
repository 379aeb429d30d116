import { QONTAK_HEALTH_PATH, type QontakAuth } from '@qontak/auth-core';
import { createQontakAxios } from '@qontak/axios-interceptor';
import { qontakAuth, qontakErrorHandler } from '@qontak/express-middleware';
import express, { type ErrorRequestHandler, type Express } from 'express';

/** What `GET /qontak/health` answers: Qontak's health status and body, as Qontak sent them. */
export interface QontakHealthReport {
  /** Qontak's HTTP status (200 with a valid token). */
  status: number;
  /** Qontak's body: its JSON envelope `{ status, data }`, or the text it sent (empty on a 401). */
  body: unknown;
}

/** Where the app logs the errors it answers; `console` fits. */
export interface ExampleLogger {
  error(message: string, context: Record<string, unknown>): void;
}

/** Options of {@link createApp}. */
export interface ExampleAppOptions {
  /** Gets the detail of every error the app answers (code, status, message, method, path). Default: `console`. */
  logger?: ExampleLogger | undefined;
}

/**
 * The last error handler: any error that is not a `QontakAuthError` (e.g. the health call's network
 * failure) is logged and answered with a generic 500, never with Express's default page (which shows
 * the stack trace whenever the app's env is not `'production'`).
 */
function internalErrorHandler(logger: ExampleLogger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const message = err instanceof Error ? `${err.name}: ${err.message}` : 'a non-Error value was thrown';
    try {
      logger.error(`example-express: ${req.method} ${req.path} answered 500: ${message}`, {
        status: 500,
        message,
        method: req.method,
        path: req.path,
      });
    } catch {
      // A failing logger must not fail the answer.
    }
    res
      .status(500)
      .set('cache-control', 'no-store')
      .json({ error: 'internal_server_error', message: 'The server could not handle this request.' });
  };
}

/**
 * The example Express app: `GET /qontak/health` calls Qontak's health endpoint through an axios
 * instance that carries `@qontak/axios-interceptor` and answers `{ status, body }` with Qontak's
 * status (200), or 502 when Qontak answered anything else. `qontakAuth({ auth })` guards the route,
 * so when no token can be had the route never runs and `qontakErrorHandler({ logger })` answers 502 /
 * 503: with a generic `{ error, message }` unless the app's env is `'development'` or `'test'` (with
 * `NODE_ENV` set), the detail going to `logger`. Any other error gets a generic 500.
 */
export function createApp(auth: QontakAuth, options: ExampleAppOptions = {}): Express {
  const logger = options.logger ?? console;
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

  app.use(qontakErrorHandler({ logger }));
  app.use(internalErrorHandler(logger));
  return app;
}
