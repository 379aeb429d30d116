import type { IncomingMessage, ServerResponse } from 'node:http';
import type { QontakWebhookHandler } from '../create-qontak-webhook-handler';
import type { NodeRequestOptions } from './node-request-options';
import { hideSecret } from './hide-secret';
import { sendWebResponse } from './send-web-response';
import { toWebRequest } from './to-web-request';

/** An answer with no body, for what the handler could not be asked about or failed on. */
function bare(status: number): Response {
  return new Response(null, { status, headers: { 'cache-control': 'no-store' } });
}

/**
 * Runs a web-standard `handler` (`createQontakWebhookHandler(...)`) for a Node request and writes its
 * answer: what the Express and Nest adapters of the toolkit do, and what a plain `node:http` server
 * needs (`createServer((req, res) => handleNodeRequest(handler, req, res))`).
 *
 * The handler gets `req` as a web `Request` whose body stream reads nothing until the handler asks, so
 * that a refusal (401, 413) reads no more of the body than the handler did, and the answer then closes
 * the connection instead of reading the rest. When a body parser read the body before (Express's
 * `express.json()`, Nest's or Fastify's parsers), the handler gets what it left: see
 * {@link NodeRequestOptions}.
 *
 * Never rejects, and throws nothing a framework would log: a method a `Request` cannot carry (`TRACE`)
 * is answered 501 and a header it refuses 400, both without a body and without calling `handler`; a
 * `handler` that throws is answered 500; a connection gone meanwhile gets nothing. No error, and so no
 * URL with the secret in it, ever leaves. Once the request is read, `req.url`, `req.originalUrl`
 * (Express) and a parsed `req.query` (Express 4) hold `qontak_secret=[redacted]` instead of the secret,
 * so that an access logger that reads them when the answer is sent (morgan, Nest's and Express's own
 * middleware run before the route) never prints it. A logger that copies the URL when the request
 * arrives must be mounted after the webhook route, or told to skip it.
 */
export async function handleNodeRequest(
  handler: QontakWebhookHandler,
  req: IncomingMessage,
  res: ServerResponse,
  options: NodeRequestOptions = {},
): Promise<void> {
  const converted = toWebRequest(req, options);
  hideSecret(req);
  let response: Response;
  if (!converted.ok) response = bare(converted.status);
  else {
    try {
      response = await handler(converted.request);
    } catch {
      response = bare(500);
    }
  }
  try {
    await sendWebResponse(req, res, response);
  } catch {
    res.destroy();
  }
}
