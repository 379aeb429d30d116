import type { RequestAuthorizer } from '@qontak/auth-core';
import { readBoundedBody } from '@qontak/auth-core/adapter';
import { QontakApiError, QontakApiErrorCode } from './qontak-api-error';
import { rememberSentResponse } from './sent-answer';

/** What the transport reads of a request that `openapi-fetch` built: a `Request`, or `RequestParts`. */
export type BuiltRequest = Pick<Request, 'url' | 'method' | 'headers' | 'body' | 'redirect' | 'arrayBuffer'>;

/** Sends one request that `openapi-fetch` built; `signal` stops it, the answer's reading included. */
export type Transport = (request: BuiltRequest, signal: AbortSignal) => Promise<Response>;

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
  request: BuiltRequest,
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
  request: BuiltRequest,
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
 * The sending of a typed client's requests, in two steps, so that a layer that may send a request
 * again (see `retryingTransport`) reads only the answer it hands on.
 */
export interface AuthorizedSender {
  /**
   * Sends one request that `openapi-fetch` built, its body already read as `body` (`undefined`: it has
   * none), through the authorizer; resolves to the answer as it arrived, its body not read yet.
   * `signal` stops it.
   */
  send(request: BuiltRequest, body: ArrayBuffer | undefined, signal: AbortSignal): Promise<Response>;
  /**
   * What is handed on of `sent`, the answer to `request`: `sent` itself, or a copy with its body read
   * within `maxResponseBytes` (see {@link boundedAnswer}); `signal` stops the reading.
   * @throws {QontakApiError} `response_too_large`.
   */
  bounded(request: BuiltRequest, sent: Response, signal: AbortSignal): Response | Promise<Response>;
}

/**
 * The sender of a typed client: sends each `Request` that `openapi-fetch` built (after every
 * middleware) through `authorizer.fetch`, so the one implementation of the credential rules applies:
 * credentials only under the API base path (and never gained by a redirect hop), a scheme that signs
 * each request signs the final method, path and query (and each redirect hop), and a 401 is replayed
 * once when the scheme says a replay may succeed (the body is bytes, so that a replay can send it
 * again). No more than `maxResponseBytes` of an answer handed on is read; the call's deadline (the
 * signal) stops it all.
 */
export function authorizedSender(authorizer: RequestAuthorizer, maxResponseBytes: number): AuthorizedSender {
  return {
    send: (request, body, signal) =>
      authorizer.fetch(request.url, {
        method: request.method,
        headers: isEmpty(request.headers) ? undefined : request.headers,
        body,
        signal,
        redirect: request.redirect,
      }),
    bounded: (request, sent, signal) => boundedAnswer(request, sent, maxResponseBytes, signal),
  };
}

/** `body` sent through `sender`, its answer bounded. Not async: an answer that needs no reading is handed on without another promise. */
function sendBounded(
  sender: AuthorizedSender,
  request: BuiltRequest,
  body: ArrayBuffer | undefined,
  signal: AbortSignal,
): Promise<Response> {
  return sender.send(request, body, signal).then((sent) => sender.bounded(request, sent, signal));
}

/**
 * A transport sending each request once through `sender`: the request body is read once (it is small:
 * JSON or a multipart form) and sent as bytes; a request without a body is sent at once.
 * @throws {QontakApiError} `response_too_large`.
 */
export function sendingOnce(sender: AuthorizedSender): Transport {
  return (request, signal) =>
    request.body === null
      ? sendBounded(sender, request, undefined, signal)
      : request.arrayBuffer().then((body) => sendBounded(sender, request, body, signal));
}
