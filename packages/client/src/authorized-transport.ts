import type { RequestAuthorizer } from '@qontak/auth-core';
import { readBoundedBody } from '@qontak/auth-core/adapter';
import { QontakApiError, QontakApiErrorCode } from './qontak-api-error';
import { rememberSentResponse } from './sent-answer';

/** The transport `openapi-fetch` calls for each request (its `fetch` option). */
export type Transport = (request: Request) => Promise<Response>;

/** The bounds of one exchange. */
export interface TransportLimits {
  /** The most bytes of an answer read (after content decoding). */
  readonly maxResponseBytes: number;
  /** The longest an exchange may take, from the call to the last byte of the answer, in ms. */
  readonly timeoutMs: number;
}

/** Statuses whose response has no body (the `Response` constructor refuses one). */
const NULL_BODY_STATUSES: ReadonlySet<number> = new Set([101, 103, 204, 205, 304]);

/** `GET /api/open/v1/health`: how an error names the request (never its query, which may hold anything). */
function operationOf(request: Request): string {
  return `${request.method} ${new URL(request.url).pathname}`;
}

/**
 * The transport of a typed client: sends each `Request` that `openapi-fetch` built (after every
 * middleware) through `authorizer.fetch`, so the one implementation of the credential rules applies:
 * credentials only under the API base path (and never gained by a redirect hop), a scheme that signs
 * each request signs the final method, path and query (and each redirect hop), and a 401 is replayed
 * once when the scheme says a replay may succeed. The request body is read once (it is small: JSON or
 * a multipart form) so that a replay can send it again.
 *
 * The answer is read whole here, within `limits`: a larger one is cancelled as soon as it passes
 * `maxResponseBytes`, and an exchange that takes longer than `timeoutMs` is aborted, body included.
 * The caller's own signal still aborts it, with its own reason.
 * @throws {QontakApiError} `response_too_large` or `timeout`.
 */
export function authorizedTransport(authorizer: RequestAuthorizer, limits: TransportLimits): Transport {
  return async (request) => {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, limits.timeoutMs);
    const forwardAbort = () => controller.abort(request.signal.reason);
    if (request.signal.aborted) forwardAbort();
    else request.signal.addEventListener('abort', forwardAbort, { once: true });
    let status: number | undefined;
    try {
      const body = request.body === null ? undefined : await request.arrayBuffer();
      const sent = await authorizer.fetch(request.url, {
        method: request.method,
        headers: request.headers,
        body,
        signal: controller.signal,
        redirect: request.redirect,
      });
      status = sent.status;
      const bytes = await readBoundedBody(sent, limits.maxResponseBytes, controller.signal);
      if (bytes === undefined) {
        throw new QontakApiError(
          QontakApiErrorCode.ResponseTooLarge,
          `Qontak's answer to ${operationOf(request)} (HTTP ${sent.status}) is larger than maxResponseBytes (${limits.maxResponseBytes} bytes); the rest was not downloaded.`,
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
    } catch (error) {
      if (!timedOut) throw error;
      throw new QontakApiError(
        QontakApiErrorCode.Timeout,
        `Qontak's answer to ${operationOf(request)} did not arrive within timeoutMs (${limits.timeoutMs} ms); the request was aborted.`,
        { status, cause: error },
      );
    } finally {
      clearTimeout(timer);
      request.signal.removeEventListener('abort', forwardAbort);
    }
  };
}
