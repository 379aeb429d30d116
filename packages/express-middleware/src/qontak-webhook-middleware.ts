import {
  createQontakWebhookHandler,
  type QontakWebhookHandler,
  type QontakWebhookHandlerOptions,
} from '@qontak/webhooks';
import { handleNodeRequest } from '@qontak/webhooks/node';
import type { RequestHandler } from 'express';

/**
 * Express middleware (Express 4 and 5) that receives Qontak's webhooks: it runs the web-standard handler
 * of `@qontak/webhooks` for the request and answers with its status, headers and body. Every rule (the
 * secret in the URL, the body's size, the event's shape, once per event) is the handler's: see
 * `createQontakWebhookHandler`. Mount it on the path of the URL registered with Qontak:
 *
 * ```ts
 * app.post('/qontak/webhook', qontakWebhook({ secret, onEvent: async (event) => { ... } }));
 * ```
 *
 * Without a body parser before it the handler reads the request's stream, as far as it needs. After one
 * (`express.json()`), it judges `req.rawBody` when the parser kept it, a `Buffer` or string body as it
 * is, or else `JSON.stringify(req.body)` (see `NodeRequestOptions` of `@qontak/webhooks/node`). It always
 * answers and never calls `next`, so no error, and no URL with the secret, reaches Express's error
 * handling or its log.
 *
 * @param options The handler's options (`QontakWebhookHandlerOptions`), or a handler made with
 *   `createQontakWebhookHandler` (e.g. one shared with another route).
 * @throws {QontakWebhookError} `config_error` when made with options that are missing or out of range
 *   (a secret shorter than 16 characters, no `onEvent`, ...); the message never holds the secret.
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
