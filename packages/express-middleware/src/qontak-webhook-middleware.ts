import {
  createQontakWebhookHandler,
  type QontakWebhookHandler,
  type QontakWebhookHandlerOptions,
} from '@qontak/webhooks';
import { handleNodeRequest } from '@qontak/webhooks/node';
import type { RequestHandler } from 'express';

/**
 * Express middleware (Express 4 and 5) that receives Qontak's webhooks: it runs the web-standard
 * handler of `@qontak/webhooks` for the request and answers with that handler's status, headers and
 * body. Mount it on the path of the URL registered with Qontak (`qontakWebhookUrl(publicUrl, secret)`):
 *
 * ```ts
 * app.post('/qontak/webhook', qontakWebhook({ secret, onEvent: async (event) => { ... } }));
 * ```
 *
 * Everything is the handler's (see `createQontakWebhookHandler`): the secret in the URL (401 without it,
 * the body unread), the body's size (413), JSON and the event's shape (400), handing each event over once,
 * 500 when `onEvent` throws. The middleware only moves the request in and the answer out:
 * - no body parser ran for the route: the handler reads the request's stream itself, as far as it needs
 *   (a refused body is not read; the answer then closes the connection);
 * - a parser read it before (`app.use(express.json())`): the handler gets the exact bytes when the
 *   parser kept them as `req.rawBody` (Nest's `rawBody: true`, or your `express.json({ verify })`), a
 *   `Buffer` from `express.raw()`, a string from `express.text()` (as UTF-8), or otherwise
 *   `JSON.stringify(req.body)`, with the request's own `Content-Length` for the size rule. Such a parser
 *   applies its own limit first (`express.json()`: 100 KB, answered 413 by Express).
 *
 * It always answers and never calls `next`: no error, and so no URL with the secret, reaches Express's
 * error handling or its log. `app.post` gives other methods Express's 404; on `app.all(path, ...)` the
 * handler answers them 405 with `Allow: POST`.
 *
 * @param options The handler's options (`{ secret, onEvent, dedupe?, maxBodyBytes?, logger?, ... }`,
 *   see `QontakWebhookHandlerOptions`), or a handler made with `createQontakWebhookHandler`, e.g. one
 *   shared with another route.
 * @throws {QontakWebhookError} `config_error` when the middleware is made with options that are missing
 *   or out of range (a secret shorter than 16 characters, no `onEvent`, ...); the message never holds the secret.
 */
export function qontakWebhook(options: QontakWebhookHandlerOptions | QontakWebhookHandler): RequestHandler {
  const handler = typeof options === 'function' ? options : createQontakWebhookHandler(options);
  return (req, res) => {
    void handleNodeRequest(handler, req, res, {
      url: req.originalUrl,
      body: req.body,
      rawBody: (req as { rawBody?: unknown }).rawBody,
    });
  };
}
