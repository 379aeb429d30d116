/**
 * What {@link handleNodeRequest} needs to know of a Node request beyond `req` itself: where a framework
 * keeps the URL as it arrived, and what a body parser that ran before left in place of the body.
 */
export interface NodeRequestOptions {
  /**
   * The request target as the client sent it: path and query (the secret is in the query). Default
   * `req.url`. Under Express pass `req.originalUrl`, which a router mounted on a path does not shorten.
   */
  url?: string | undefined;
  /**
   * What a body parser that already read the request left as its body (`req.body` of Express, Fastify,
   * Koa): the parsed JSON value, a string (`express.text()`) or bytes (`express.raw()`). Read only when
   * the request's stream was read to its end before; otherwise the handler reads the stream itself. A
   * parsed value is handed over as `JSON.stringify(body)`: the same event for any UTF-8 JSON body, but
   * what the parser changed (a `reviver`, another charset it decoded, bytes that were not UTF-8 it
   * replaced) stays changed. Give `rawBody` for the exact bytes.
   */
  body?: unknown;
  /**
   * The exact bytes a body parser kept beside `body` (a `Buffer` or `Uint8Array`): `req.rawBody` of a
   * Nest application created with `rawBody: true`, or of an `express.json({ verify })` that keeps them.
   * Preferred over `body` when the stream was read before.
   */
  rawBody?: unknown;
}
