import type { RequestAuthorizer } from '@qontak/auth-core';
import { readBoundedBody } from '@qontak/auth-core/adapter';
import { QontakApiError, QontakApiErrorCode } from './qontak-api-error';
import { rememberSentResponse } from './sent-answer';

/** Sends one request that `openapi-fetch` built; `signal` (default the request's own) stops it, the answer's reading included. */
export type Transport = (request: Request, signal?: AbortSignal) => Promise<Response>;

/** Statuses whose response has no body (the `Response` constructor refuses one). */
const NULL_BODY_STATUSES: ReadonlySet<number> = new Set([101, 103, 204, 205, 304]);

/** Whether `headers` has none (a GET without headers of the caller's): the core then copies none. */
function isEmpty(headers: Headers): boolean {
  for (const _header of headers) return false;
  return true;
}

/**
 * `sent`, or a copy of it with its body read, so that no more than `maxBytes` of it is ever read: an
 * answer that declares its length (and is not compressed, so that the length is what will be read)
 * within `maxBytes` is handed on as it is, at once; any other is read here (see {@link readAnswer}).
 * @throws {QontakApiError} `response_too_large`.
 */
function boundedAnswer(
  request: Request,
  sent: Response,
  maxBytes: number,
  signal: AbortSignal,
): Response | Promise<Response> {
  if (sent.body === null) return sent;
  const encoding = sent.headers.get('content-encoding');
  const declared = Number(sent.headers.get('content-length') ?? Number.NaN);
  if ((encoding === null || encoding === 'identity') && declared <= maxBytes) return sent;
  return readAnswer(request, sent, maxBytes, signal);
}

/**
 * A copy of `sent` with its body read up to `maxBytes` (after content decoding), cancelled past it.
 * Reading stops when `signal` aborts.
 * @throws {QontakApiError} `response_too_large`.
 */
async function readAnswer(
  request: Request,
  sent: Response,
  maxBytes: number,
  signal: AbortSignal,
): Promise<Response> {
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
  const send = (request: Request, body: ArrayBuffer | undefined, signal: AbortSignal): Promise<Response> =>
    authorizer
      .fetch(request.url, {
        method: request.method,
        headers: isEmpty(request.headers) ? undefined : request.headers,
        body,
        signal,
        redirect: request.redirect,
      })
      .then((sent) => boundedAnswer(request, sent, maxResponseBytes, signal));
  // Not async: a request without a body is sent at once, and an answer that needs no reading is
  // handed on without another promise.
  return (request, signal = request.signal) =>
    request.body === null
      ? send(request, undefined, signal)
      : request.arrayBuffer().then((body) => send(request, body, signal));
}
