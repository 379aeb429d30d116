import type { IncomingMessage, ServerResponse } from 'node:http';
import type { QontakWebhookHandler } from '@qontak/webhooks';
import { handleNodeRequest } from '@qontak/webhooks/node';

/** What the Express platform hands a route (`@Req()`, `@Res()`): Node's own objects, with Express's fields. */
type ExpressRequest = IncomingMessage & { originalUrl?: string; body?: unknown; rawBody?: unknown };

/** What the Fastify platform hands a route: Fastify's request and reply around Node's own objects. */
interface FastifyRequest {
  raw: IncomingMessage;
  url: string;
  body?: unknown;
  rawBody?: unknown;
}
interface FastifyReply {
  raw: ServerResponse;
  hijack(): unknown;
}

function isFastifyReply(response: unknown): response is FastifyReply {
  const reply = response as Partial<FastifyReply> | null;
  return typeof reply?.hijack === 'function' && typeof reply.raw === 'object';
}

/**
 * Answers one request of the webhook route with `handler` (through `handleNodeRequest` of
 * `@qontak/webhooks/node`), on the Express platform or on Fastify (whose reply is hijacked: the answer is
 * written to Node's response). The body parser Nest registers may have read the body: the handler then
 * gets `req.rawBody` (`rawBody: true` in `NestFactory.create`), or else the parsed `req.body` as JSON.
 */
export function answerWebhookRequest(
  handler: QontakWebhookHandler,
  request: unknown,
  response: unknown,
): Promise<void> {
  if (isFastifyReply(response)) {
    const fastify = request as FastifyRequest;
    response.hijack();
    return handleNodeRequest(handler, fastify.raw, response.raw, {
      url: fastify.url,
      body: fastify.body,
      rawBody: fastify.rawBody,
    });
  }
  const express = request as ExpressRequest;
  return handleNodeRequest(handler, express, response as ServerResponse, {
    url: express.originalUrl,
    body: express.body,
    rawBody: express.rawBody,
  });
}
