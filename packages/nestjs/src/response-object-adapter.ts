import type { HttpServer } from '@nestjs/common';

/** What {@link QontakAuthExceptionFilter} needs of an HTTP platform to answer a request. */
export type FilterHttpAdapter = Pick<
  HttpServer,
  'getRequestMethod' | 'getRequestUrl' | 'isHeadersSent' | 'end' | 'setHeader' | 'reply'
>;

/** The members an Express `Response` and a Fastify `FastifyReply` share, and the few where they differ. */
interface ResponseObject {
  status(code: number): ResponseObject;
  header(name: string, value: string): unknown;
  send(body: unknown): unknown;
  /** Express (Node's `ServerResponse`). */
  headersSent?: boolean;
  /** Fastify. */
  sent?: boolean;
  /** Express. */
  end?: () => unknown;
  /** Fastify: the Node response. */
  raw?: { end(): unknown };
}

/** The request members Express and Fastify share. */
interface RequestObject {
  method?: string;
  originalUrl?: string;
  url?: string;
}

/**
 * Answers through the request's own request and response objects, for a filter made without an
 * `HttpAdapterHost` (`app.useGlobalFilters(new QontakAuthExceptionFilter())`, where Nest injects
 * nothing): only what an Express `Response` and a Fastify reply both do (`status(code)`,
 * `header(name, value)`, `send(object)` as JSON), as Nest's own adapters answer.
 */
export const RESPONSE_OBJECT_ADAPTER: FilterHttpAdapter = {
  getRequestMethod: (request: RequestObject) => request.method ?? '',
  getRequestUrl: (request: RequestObject) => request.originalUrl ?? request.url ?? '',
  isHeadersSent: (response: ResponseObject) => Boolean(response.headersSent ?? response.sent),
  end: (response: ResponseObject) =>
    typeof response.end === 'function' ? response.end() : response.raw?.end(),
  setHeader: (response: ResponseObject, name: string, value: string) => response.header(name, value),
  reply: (response: ResponseObject, body: unknown, status?: number) =>
    (status === undefined ? response : response.status(status)).send(body),
};
