import type { RequestAuthorizer } from '@qontak/auth-core';
import { readBoundedBody } from '@qontak/auth-core/adapter';
import { QontakApiError, QontakApiErrorCode } from './qontak-api-error';
import { rememberSentResponse } from './sent-answer';

/** Sends one request that `openapi-fetch` built; `signal` (default the request's own) stops it, the answer's reading included. */
export type Transport = (request: Request, signal?: AbortSignal) => Promise<Response>;

/** Statuses whose response has no body (the `Response` constructor refuses one). */
const NULL_BODY_STATUSES: ReadonlySet<number> = new Set([101, 103, 204, 205, 304]);

/**
 * `sent`, or a copy of it with its body read, so that no more than `maxBytes` of it is ever read: an
 * answer that declares its length (and is not compressed, so that the length is what will be read)
 * within `maxBytes` is handed on as it is; any other is read here, up to `maxBytes` (after content
 * decoding), and cancelled past it. Reading stops when `signal` aborts.
 * @throws {QontakApiError} `response_too_large`.
 */
async function boundedAnswer(
  request: Request,
  sent: Response,
  maxBytes: number,
  signal: AbortSignal,
): Promise<Response> {
  if (sent.body === null) return sent;
  const encoding = sent.headers.get('content-encoding');
  const declared = Number(sent.headers.get('content-length') ?? Number.NaN);
  if ((encoding === null || encoding === 'identity') && declared <= maxBytes) return sent;
  const bytes = await readBoundedBody(sent, maxBytes, signal);
  if (bytes === undefined) {
    throw new QontakApiError(
      QontakApiErrorCode.ResponseTooLarge,
      `Qontak's answer to ${request.method} ${new URL(request.url).pathname} (HTTP ${sent.status}) is larger than maxResponseBytes (${maxBytes} bytes); the rest was not downloaded.`,
      { status: sent.status },
    );
  }
  const answer = new Response(NULL_BODY_STATUSES.has(sent.status) ? null : bytes, {
    status: sent.status,
    statusText: sent.statusText,
    headers: sent.headers,
  });
  Object.defineProperties(answer, { url: { value: sent.url }, redirected: { value: sent.redirected } });
  rememberSentResponse(answer, sent);
  return answer;
}

/**
 * The transport of a typed client: sends each `Request` that `openapi-fetch` built (after every
 * middleware) through `authorizer.fetch`, so the one implementation of the credential rules applies:
 * credentials only under the API base path (and never gained by a redirect hop), a scheme that signs
 * each request signs the final method, path and query (and each redirect hop), and a 401 is replayed
 * once when the scheme says a replay may succeed. The request body is read once (it is small: JSON or
 * a multipart form) so that a replay can send it again. No more than `maxResponseBytes` of an answer
 * is read (see {@link boundedAnswer}); `signal` (the call's deadline) stops it all.
 * @throws {QontakApiError} `response_too_large`.
 */
export function authorizedTransport(authorizer: RequestAuthorizer, maxResponseBytes: number): Transport {
  return async (request, signal = request.signal) => {
    const body = request.body === null ? undefined : await request.arrayBuffer();
    const sent = await authorizer.fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body,
      signal,
      redirect: request.redirect,
    });
    return boundedAnswer(request, sent, maxResponseBytes, signal);
  };
}
