import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { NodeRequestOptions } from './node-request-options';

/** What {@link toWebRequest} made of a Node request. */
type WebRequestConversion =
  | { readonly ok: true; readonly request: Request }
  /** 501: a method a web `Request` cannot carry (`TRACE`, `TRACK`, `CONNECT`); 400: a header it refuses. */
  | { readonly ok: false; readonly status: 400 | 501 };

/** Methods the Fetch standard forbids in a `Request`. */
const FORBIDDEN_METHODS: ReadonlySet<string> = new Set(['CONNECT', 'TRACE', 'TRACK']);

/** A `Host` header that is a host name, an IPv4 address or a bracketed IPv6 address, with an optional port. */
const HOST = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

const encoder = new TextEncoder();

/**
 * The absolute URL of `target` on the request's own origin. A target that does not parse becomes the
 * origin's `/`, without a query: the error (whose `input` would quote the target, and the secret in it)
 * is dropped, and the handler sees no secret.
 */
function absoluteUrl(req: IncomingMessage, target: string): string {
  const scheme = (req.socket as Partial<TLSSocket> | null)?.encrypted === true ? 'https' : 'http';
  const host = req.headers.host;
  const origin = `${scheme}://${host !== undefined && HOST.test(host) ? host : 'localhost'}`;
  try {
    return new URL(target, origin).href;
  } catch {
    return `${scheme}://localhost/`;
  }
}

/** The request's headers as sent (`rawHeaders`, duplicates kept), without HTTP/2 pseudo-headers. */
function headersOf(req: IncomingMessage): Headers {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let index = 0; index + 1 < raw.length; index += 2) {
    const name = raw[index]!;
    if (!name.startsWith(':')) headers.append(name, raw[index + 1]!);
  }
  return headers;
}

/**
 * A stream of `req`'s body that reads nothing before it is asked for a chunk (`highWaterMark: 0`), and
 * that pauses `req` when cancelled instead of destroying it, so that an answer can still be sent.
 */
function lazyBody(req: IncomingMessage): ReadableStream<Uint8Array> {
  let cancelled = false;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        req.pause();
        req.on('data', (chunk: Buffer) => {
          if (cancelled) return;
          controller.enqueue(chunk);
          if ((controller.desiredSize ?? 0) <= 0) req.pause();
        });
        req.on('end', () => cancelled || controller.close());
        req.on('error', (error) => cancelled || controller.error(error));
      },
      pull() {
        req.resume();
      },
      cancel() {
        cancelled = true;
        req.pause();
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * The body a parser left when it read the stream: `rawBody` as it is, else `body` (bytes as they are, a
 * string as UTF-8, any other value as JSON), copied; `undefined` when `body` has no JSON form (a cycle, a BigInt).
 */
function parsedBody({ body, rawBody }: NodeRequestOptions): Uint8Array<ArrayBuffer> | undefined {
  if (rawBody instanceof Uint8Array) return new Uint8Array(rawBody);
  if (body === undefined) return new Uint8Array(0);
  if (body instanceof Uint8Array) return new Uint8Array(body);
  if (typeof body === 'string') return encoder.encode(body);
  try {
    const json = JSON.stringify(body);
    return json === undefined ? undefined : encoder.encode(json);
  } catch {
    return undefined;
  }
}

/**
 * `req` as a web `Request`: its method, its headers as sent (a `Content-Length` included, so that the
 * handler's size rule applies to the bytes the client declared), its URL on its own origin, and its body:
 * - not read yet: a stream that reads `req` only as the handler pulls, and pauses it when cancelled;
 * - read to its end by a body parser: what the parser left (see {@link NodeRequestOptions}).
 * Never throws: what cannot be a `Request` is reported as the status to answer.
 */
export function toWebRequest(req: IncomingMessage, options: NodeRequestOptions = {}): WebRequestConversion {
  const method = (req.method ?? 'GET').toUpperCase();
  if (FORBIDDEN_METHODS.has(method)) return { ok: false, status: 501 };
  let body: BodyInit | null = null;
  if (method !== 'GET' && method !== 'HEAD') {
    if (!req.readableEnded) body = lazyBody(req);
    else {
      const bytes = parsedBody(options);
      if (bytes === undefined) return { ok: false, status: 400 };
      body = bytes;
    }
  }
  try {
    const request = new Request(absoluteUrl(req, options.url ?? req.url ?? '/'), {
      method,
      headers: headersOf(req),
      body,
      duplex: 'half',
    } as RequestInit);
    return { ok: true, request };
  } catch {
    // A header or method a Request refuses. The error quotes it: dropped.
    return { ok: false, status: 400 };
  }
}
