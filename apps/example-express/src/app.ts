import type { RequestAuthorizer } from '@qontak/auth-core';
import { createQontakAxios } from '@qontak/axios-interceptor';
import { createQontakClient, QontakApiError, QontakApiErrorCode, type QontakSchemas } from '@qontak/client';
import { qontakAuth, qontakErrorHandler } from '@qontak/express-middleware';
import { isAxiosError } from 'axios';
import express, { type ErrorRequestHandler, type Express } from 'express';
import { directBroadcastBody, readMessageRequest, type MessageDefaults } from 'qontak-example-shared';

/** What the `/qontak/...` routes answer: Qontak's status and body, as Qontak sent them. */
export interface QontakReport {
  /** Qontak's HTTP status (200 when it accepted the credentials). */
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
  /**
   * What `POST /qontak/messages` uses when a request names no template, channel or language (the
   * embedded emulator's demo template and channel). Default none: requests must name the template and
   * the channel.
   */
  messageDefaults?: MessageDefaults | undefined;
}

/** How long one call to Qontak may take, in ms. */
const QONTAK_TIMEOUT_MS = 10_000;

/** The body of a `fetch` answer: parsed when it says it is JSON, else its text (never `.json()` on a 401's empty body). */
async function bodyOf(answer: Response): Promise<unknown> {
  const text = await answer.text();
  if (!/\bjson\b/i.test(answer.headers.get('content-type') ?? '')) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** The messages of Qontak's error envelope `{ status: 'error', error: { code, messages } }`; none for another body. */
function envelopeMessages(body: unknown): string[] {
  const messages = (body as { error?: { messages?: unknown } } | undefined)?.error?.messages;
  return Array.isArray(messages) ? messages.filter((message) => typeof message === 'string') : [];
}

/**
 * Answers the errors `express.json()` passes on for a body it cannot read (400 for JSON that does not
 * parse, 413 for one over the limit: client errors that carry a numeric 4xx `status` and `expose`) with
 * `{ error: 'bad_request', messages: [what is wrong] }`; passes every other error on.
 */
const bodyErrorHandler: ErrorRequestHandler = (err: unknown, _req, res, next) => {
  const { status, expose, message } = (err ?? {}) as {
    status?: unknown;
    expose?: unknown;
    message?: unknown;
  };
  if (res.headersSent || typeof status !== 'number' || status < 400 || status > 499 || expose !== true) {
    next(err);
    return;
  }
  res.status(status).json({ error: 'bad_request', messages: [String(message)] });
};

/**
 * The last error handler: any error that is not a `QontakAuthError` (e.g. a call to Qontak that failed
 * on the network) is logged and answered with a generic 500, never with Express's default page (which
 * shows the stack trace whenever the app's env is not `'production'`).
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
 * The example Express app, the same under every auth scheme (`auth` may be any `RequestAuthorizer`:
 * a dashboard access token, the password grant, Mekari HMAC). `qontakAuth({ auth })` guards `/qontak`,
 * so a route there runs only once credentials can be had, and answers with Qontak's status and body
 * (200, or 502 when Qontak answered anything else):
 *
 * - `GET /qontak/health` calls `auth.healthUrl` with the headers `req.qontakAuthorize` gives. A 2xx is
 *   reported to `auth.handleAccepted` and a 401 to `auth.handleUnauthorized`, so the next request
 *   carries fresh credentials when that can help (the password grant: a token that was accepted and
 *   then refused was revoked, and is replaced every time) and the scheme logs why when it cannot.
 * - `GET /qontak/templates` lists the WhatsApp templates (`<auth.apiBaseUrl>/v1/templates/whatsapp`)
 *   through an axios instance that carries `@qontak/axios-interceptor` (one replay after a 401).
 * - `POST /qontak/messages` `{ to, name, templateId?, channelId?, language?, params? }` (see
 *   `readMessageRequest`; `options.messageDefaults` fill in the template, channel and language) sends one
 *   WhatsApp template message through the typed client of `@qontak/client`, made once from the same
 *   `auth` (`createQontakClient(auth)`), its `params` checked against its template (see
 *   `directBroadcastBody`). It answers 201 `{ broadcastId }`; 400 `{ error: 'bad_request', messages }`
 *   for a body it cannot send; 422 `{ error: 'unprocessable_entity', messages }` with what does not fit
 *   the template, or with Qontak's own messages when Qontak refuses the message; 502 `{ error:
 *   'bad_gateway', status }` for any other answer of Qontak.
 *
 * When no credentials can be had, `qontakErrorHandler({ logger })` answers 502 / 503 (with
 * `Retry-After` when Qontak said how long to wait) / 500: a generic `{ error, message }` unless the
 * app's env is `'development'` or `'test'` (with `NODE_ENV` set), the detail going to `logger`. Any
 * other error gets a generic 500.
 */
export function createApp(auth: RequestAuthorizer, options: ExampleAppOptions = {}): Express {
  const logger = options.logger ?? console;
  // axios's default validateStatus: the interceptor sees a 401 as an error, reports it and replays once.
  const qontak = createQontakAxios(auth, { timeout: QONTAK_TIMEOUT_MS });
  // The typed client: one for the app, on the same authorizer as the middleware.
  const client = createQontakClient(auth);
  const messageDefaults = options.messageDefaults ?? null;
  const app = express();
  app.disable('x-powered-by');
  app.use('/qontak', qontakAuth({ auth }));

  app.get('/qontak/health', async (req, res) => {
    const headers = await req.qontakAuthorize!({ method: 'GET', url: auth.healthUrl });
    const upstream = await fetch(auth.healthUrl, { headers, signal: AbortSignal.timeout(QONTAK_TIMEOUT_MS) });
    const report: QontakReport = { status: upstream.status, body: await bodyOf(upstream) };
    if (upstream.ok) auth.handleAccepted(headers);
    if (upstream.status === 401) await auth.handleUnauthorized(headers);
    res.status(upstream.status === 200 ? 200 : 502).json(report);
  });

  app.get('/qontak/templates', async (_req, res) => {
    try {
      const upstream = await qontak.get<unknown>(`${auth.apiBaseUrl}/v1/templates/whatsapp`);
      const report: QontakReport = { status: upstream.status, body: upstream.data };
      res.status(upstream.status === 200 ? 200 : 502).json(report);
    } catch (error) {
      if (!isAxiosError(error) || error.response === undefined) throw error;
      const report: QontakReport = { status: error.response.status, body: error.response.data };
      res.status(502).json(report);
    }
  });

  app.post('/qontak/messages', express.json({ limit: '16kb' }), async (req, res) => {
    const reading = readMessageRequest(req.body, messageDefaults);
    if (!reading.ok) {
      res.status(400).json({ error: 'bad_request', messages: reading.messages });
      return;
    }
    const signal = AbortSignal.timeout(QONTAK_TIMEOUT_MS);
    const template = await client.GET('/v1/templates/{id}/whatsapp', {
      params: { path: { id: reading.request.templateId } },
      signal,
    });
    let body: QontakSchemas['DirectBroadcastRequest'];
    try {
      body = directBroadcastBody(reading.request, template.data?.data);
    } catch (error) {
      if (!(error instanceof QontakApiError) || error.code !== QontakApiErrorCode.TemplateMismatch)
        throw error;
      res.status(422).json({ error: 'unprocessable_entity', messages: [error.message] });
      return;
    }
    const { data, error, response } = await client.POST('/v1/broadcasts/whatsapp/direct', { body, signal });
    if (data) {
      res.status(201).json({ broadcastId: data.data.id });
    } else if (response.status === 422) {
      res.status(422).json({ error: 'unprocessable_entity', messages: envelopeMessages(error) });
    } else {
      res.status(502).json({ error: 'bad_gateway', status: response.status });
    }
  });

  app.use(bodyErrorHandler);
  app.use(qontakErrorHandler({ logger }));
  app.use(internalErrorHandler(logger));
  return app;
}
