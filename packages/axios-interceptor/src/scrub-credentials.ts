import type { AuthorizationHeaders } from '@qontak/auth-core';
import type { AxiosResponse, InternalAxiosRequestConfig } from 'axios';

/** What a redacted header value reads as. */
const REDACTED = '[redacted]';

/** Whether `line` (from `start`) begins with the header name `name` (lower case) followed by `:`, in any case. */
function startsWithHeader(text: string, start: number, name: string): boolean {
  let at = start;
  for (let index = 0; index < name.length; index++, at++) {
    const code = text.charCodeAt(at);
    // ASCII letters compare in lower case; anything else as it is.
    const lower = code >= 65 && code <= 90 ? code + 32 : code;
    if (lower !== name.charCodeAt(index)) return false;
  }
  while (text.charCodeAt(at) === 32 || text.charCodeAt(at) === 9) at++;
  return text.charCodeAt(at) === 58;
}

/** The names of the last headers object asked about (the core hands out one frozen object per token). */
let lastAdded: AuthorizationHeaders | undefined;
let lastNames: readonly string[] = [];

/** The header names of `added`. */
function namesOf(added: AuthorizationHeaders): readonly string[] {
  if (added !== lastAdded) {
    lastNames = Object.keys(added);
    lastAdded = added;
  }
  return lastNames;
}

/**
 * `text` (a raw HTTP header block, or queued output that starts with one) with the value of every
 * header line named in `added` (lower-case names) replaced by `[redacted]`; `text` itself when it has
 * none. The request line and every other line are kept as they are.
 */
function redactHeaderBlock(text: string, added: AuthorizationHeaders): string {
  const names = namesOf(added);
  let redacted = text;
  for (let start = text.indexOf('\r\n') + 2; start > 1 && start < redacted.length;) {
    const end = redacted.indexOf('\r\n', start);
    if (end === -1 || end === start) break;
    for (const name of names) {
      if (!startsWithHeader(redacted, start, name)) continue;
      const colon = redacted.indexOf(':', start);
      redacted = `${redacted.slice(0, colon)}: ${REDACTED}${redacted.slice(end)}`;
      break;
    }
    start = redacted.indexOf('\r\n', start) + 2;
  }
  return redacted;
}

/** Deletes from a plain header object every header named in `added` (lower-case names), whatever its case. */
function deleteHeaders(headers: unknown, added: AuthorizationHeaders): void {
  if (typeof headers !== 'object' || headers === null) return;
  const record = headers as Record<string, unknown>;
  let missing = false;
  for (const name in added) {
    if (record[name] === undefined) missing = true;
    else delete record[name];
  }
  if (!missing) return;
  // A spelling other than the lower-case one (a caller's header object, or a hop's).
  for (const key of Object.keys(record)) {
    if (Object.prototype.hasOwnProperty.call(added, key.toLowerCase())) delete record[key];
  }
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

/** The header map of a Node `ClientRequest` (`{ name: [spelling, value] }`; its `removeHeader` refuses once sent). */
function outHeaders(request: object): Record<string, unknown> | undefined {
  outHeadersSymbol ??= Object.getOwnPropertySymbols(request).find(
    (symbol) => symbol.description === 'kOutHeaders',
  );
  const headers =
    outHeadersSymbol === undefined ? undefined : (request as Record<symbol, unknown>)[outHeadersSymbol];
  return typeof headers === 'object' && headers !== null ? (headers as Record<string, unknown>) : undefined;
}

/** Whether `value` is a Node `ClientRequest` (an `OutgoingMessage`: it always has `outputData`). */
function isClientRequest(value: SentRequest): boolean {
  return Array.isArray(value.outputData);
}

/** Whether the header map of a `ClientRequest` has had the headers named in `added` redacted already. */
function isScrubbed(map: Record<string, unknown>, added: AuthorizationHeaders): boolean {
  for (const name in added) {
    const entry = map[name];
    if (Array.isArray(entry) && entry[1] !== REDACTED) return false;
  }
  return true;
}

/**
 * Takes the headers named in `added` out of a Node `ClientRequest` once it has been sent: its header
 * block (`_header`), what is still queued of it (`outputData`, when it never reached a socket), and
 * its header map, whose values become `[redacted]` (so `getHeader(name)` still tells that it carried
 * one, but not what). Cheap, and a no-op for a request already scrubbed.
 */
export function scrubClientRequest(request: object, added: AuthorizationHeaders): void {
  const sent = request as SentRequest;
  const map = outHeaders(request);
  if (map !== undefined && isScrubbed(map, added)) return;
  if (typeof sent._header === 'string') sent._header = redactHeaderBlock(sent._header, added);
  // The header block is the first queued write (alone, or followed by the first chunk of the body).
  const first = (sent.outputData as Array<{ data?: unknown } | undefined>)[0];
  if (typeof first?.data === 'string') first.data = redactHeaderBlock(first.data, added);
  if (map === undefined) return;
  for (const name in added) {
    const entry = map[name];
    if (Array.isArray(entry)) map[name] = [entry[0], REDACTED];
  }
}

/**
 * Removes the headers named in `added` from everything a sent request keeps of them: a Node
 * `ClientRequest` (see {@link scrubClientRequest}) and the options follow-redirects keeps for its hops
 * (`_redirectable`), follow-redirects' own request (an error's `request`: its options and its current
 * hop), a fetch `Request`'s headers.
 */
function scrubRequest(value: unknown, added: AuthorizationHeaders): void {
  if (typeof value !== 'object' || value === null) return;
  const request = value as SentRequest;
  if (isClientRequest(request)) {
    scrubClientRequest(value, added);
    const redirectable = request._redirectable as SentRequest | undefined;
    if (typeof redirectable === 'object' && redirectable !== null)
      deleteHeaders(redirectable._options?.headers, added);
  } else if (request._options !== undefined) {
    deleteHeaders(request._options.headers, added);
    const current = request._currentRequest as SentRequest | undefined;
    if (typeof current === 'object' && current !== null && isClientRequest(current))
      scrubClientRequest(current, added);
  } else if (typeof Request !== 'undefined' && value instanceof Request) {
    for (const name in added) value.headers.delete(name);
  }
}

/** The `ClientRequest` a stream response body (a Node `IncomingMessage`) answers, if `data` is one. */
function streamRequest(data: unknown): unknown {
  if (typeof data !== 'object' || data === null) return undefined;
  const stream = data as { pipe?: unknown; req?: unknown };
  return typeof stream.pipe === 'function' ? stream.req : undefined;
}

/**
 * Takes the credentials this interceptor added (`added`, lower-case names) out of what a caller gets
 * back once the request is done (its `response`, or an error's `request` and `response`), so that
 * logging it, at any depth, cannot print them: the headers are deleted from `config.headers` and from
 * every request object the response or error reaches (the Node `ClientRequest` and its sent header
 * block, follow-redirects' hop options, a stream response's `req`, a fetch `Request`). `config` can
 * still be sent again: it is then authorized afresh.
 */
export function scrubCredentials(
  config: InternalAxiosRequestConfig,
  added: AuthorizationHeaders,
  response: AxiosResponse | undefined,
  request?: unknown,
): void {
  // Set to undefined (axios's "no such header") rather than deleted: deleting a property makes every
  // later access to the headers object slow; a spelling of the caller's is deleted.
  const headers = config.headers as unknown as Record<string, unknown>;
  for (const name in added) {
    if (headers[name] !== undefined) headers[name] = undefined;
    else config.headers.delete(name);
  }
  const answered = response?.request as unknown;
  scrubRequest(answered, added);
  if (request !== answered) scrubRequest(request, added);
  const stream = streamRequest(response?.data);
  if (stream !== answered) scrubRequest(stream, added);
}
