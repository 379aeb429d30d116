import type { AuthorizationHeaders } from '@qontak/auth-core';
import type { AxiosResponse, InternalAxiosRequestConfig } from 'axios';

/** What a redacted header value reads as. */
const REDACTED = '[redacted]';

/** `text` (a raw HTTP header block) with the value of every header named in `names` redacted. */
function redactHeaderLines(text: string, names: ReadonlySet<string>): string {
  const lower = text.toLowerCase();
  let redacted = '';
  let copied = 0;
  for (let start = 0; start < text.length;) {
    const lineEnd = text.indexOf('\r\n', start);
    const end = lineEnd === -1 ? text.length : lineEnd;
    const colon = lower.indexOf(':', start);
    if (colon > start && colon < end && names.has(lower.slice(start, colon).trim())) {
      redacted += `${text.slice(copied, colon)}: ${REDACTED}`;
      copied = end;
    }
    start = end + 2;
  }
  return copied === 0 ? text : redacted + text.slice(copied);
}

/** Deletes from a plain header object every header named in `names`, whatever its case. */
function deleteHeaders(headers: unknown, names: ReadonlySet<string>): void {
  if (typeof headers !== 'object' || headers === null) return;
  const record = headers as Record<string, unknown>;
  for (const key of Object.keys(record)) if (names.has(key.toLowerCase())) delete record[key];
}

/** The shapes of the request objects an axios response or error can reach. */
interface SentRequest {
  /** Node `ClientRequest`: the header block as sent. */
  _header?: unknown;
  /** Node `ClientRequest`: writes queued before the socket connected (the header block first). */
  outputData?: unknown;
  /** follow-redirects' `RedirectableRequest` behind a Node `ClientRequest`. */
  _redirectable?: unknown;
  /** follow-redirects' `RedirectableRequest`: the options of every hop, headers included. */
  _options?: { headers?: unknown };
  /** follow-redirects' `RedirectableRequest`: the `ClientRequest` of the current hop. */
  _currentRequest?: unknown;
}

/** Node's own symbol for an `OutgoingMessage`'s header map, found on the first one seen. */
let outHeadersSymbol: symbol | undefined;

/** The header map of a Node `ClientRequest` (its `removeHeader` refuses once the headers are sent). */
function outHeaders(request: object): unknown {
  outHeadersSymbol ??= Object.getOwnPropertySymbols(request).find(
    (symbol) => symbol.description === 'kOutHeaders',
  );
  return outHeadersSymbol === undefined ? undefined : (request as Record<symbol, unknown>)[outHeadersSymbol];
}

/** The `ClientRequest` a stream response body (a Node `IncomingMessage`) answers, if `data` is one. */
function streamRequest(data: unknown): unknown {
  if (typeof data !== 'object' || data === null) return undefined;
  const stream = data as { pipe?: unknown; req?: unknown };
  return typeof stream.pipe === 'function' ? stream.req : undefined;
}

/**
 * Removes the named headers from everything a sent request keeps of them: a Node `ClientRequest`'s
 * header block, queued output and header map, follow-redirects' hop options, a fetch `Request`'s
 * headers; and follows the links between them (a `ClientRequest`'s `_redirectable`, a
 * `RedirectableRequest`'s `_currentRequest`).
 */
function scrubRequest(value: unknown, names: ReadonlySet<string>, seen: Set<object>): void {
  if (typeof value !== 'object' || value === null || seen.has(value)) return;
  seen.add(value);
  const request = value as SentRequest;
  if (Array.isArray(request.outputData)) {
    // A Node ClientRequest (an OutgoingMessage: it always has `outputData`).
    if (typeof request._header === 'string') request._header = redactHeaderLines(request._header, names);
    for (const chunk of request.outputData as Array<{ data?: unknown }>) {
      if (typeof chunk?.data === 'string') chunk.data = redactHeaderLines(chunk.data, names);
    }
    deleteHeaders(outHeaders(value), names);
  } else if (request._options === undefined && typeof Request !== 'undefined' && value instanceof Request) {
    for (const name of names) value.headers.delete(name);
    return;
  }
  deleteHeaders(request._options?.headers, names);
  scrubRequest(request._redirectable, names, seen);
  scrubRequest(request._currentRequest, names, seen);
}

/**
 * Takes the credentials this interceptor added out of what a caller gets back once the request is
 * done (a response, or an `AxiosError` and its response), so that logging it, at any depth, cannot
 * print them: the headers are deleted from `config.headers`, and from every request object the
 * response or error reaches (the Node `ClientRequest` and its sent header block, follow-redirects'
 * hop options, a stream response's `req`, a fetch `Request`). `config` can still be sent again:
 * the interceptor then authorizes it afresh.
 */
export function scrubCredentials(
  config: InternalAxiosRequestConfig,
  added: AuthorizationHeaders,
  carriers: ReadonlyArray<{ request?: unknown; response?: AxiosResponse | undefined } | undefined>,
): void {
  const names = new Set(Object.keys(added).map((name) => name.toLowerCase()));
  for (const name of names) config.headers.delete(name);
  const seen = new Set<object>();
  for (const carrier of carriers) {
    if (carrier === undefined) continue;
    scrubRequest(carrier.request, names, seen);
    if (carrier.response !== undefined) {
      scrubRequest(carrier.response.request, names, seen);
      scrubRequest(streamRequest(carrier.response.data), names, seen);
    }
  }
}
