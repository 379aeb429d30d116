import type { IncomingMessage, ServerResponse } from 'node:http';
import type { QontakWebhookHandler } from '../create-qontak-webhook-handler';
import type { NodeRequestOptions } from './node-request-options';
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
 * URL with the secret in it, ever leaves.
 */
export async function handleNodeRequest(
  handler: QontakWebhookHandler,
  req: IncomingMessage,
  res: ServerResponse,
  options: NodeRequestOptions = {},
): Promise<void> {
  const converted = toWebRequest(req, options);
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
