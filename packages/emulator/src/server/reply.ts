import { STATUS_CODES } from 'node:http';
import type { ServerResponse } from 'node:http';

/** An answer an endpoint computed, written to the socket by {@link sendReply}. */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  /** A JSON body; serialized with `application/json; charset=utf-8` unless a content type is set. */
  json?: Record<string, unknown>;
  /** A raw body (ignored when `json` is set). */
  body?: string | Uint8Array;
  /** Close the connection after answering (used when a request body was not fully read). */
  closeConnection?: boolean;
}

/** What a step of answering a request found: a value to go on with, or the reply that refuses the request. */
export type OrRefusal<T> = { ok: true; value: T } | { ok: false; reply: Reply };

/** The `Content-Type` of a JSON reply. */
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** A JSON reply. */
export function jsonReply(
  status: number,
  json: Record<string, unknown>,
  headers: Record<string, string> = {},
): Reply {
  return { status, headers, json };
}

/** The reason phrase of `status` (`'Error'` for one Node does not know). */
export function reasonPhrase(status: number): string {
  return STATUS_CODES[status] ?? 'Error';
}

/** A `text/plain` error page: `<status> <reason phrase>`. */
export function statusPageReply(status: number): Reply {
  return {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    body: `${status} ${reasonPhrase(status)}\n`,
  };
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase() === name);
}

/** Writes a reply, unless the response was already ended or its socket destroyed. */
export function sendReply(res: ServerResponse, reply: Reply): void {
  if (res.writableEnded || res.destroyed) return;
  const headers: Record<string, string> = { ...reply.headers };
  let body: string | Uint8Array = reply.body ?? '';
  if (reply.json !== undefined) {
    body = JSON.stringify(reply.json);
    if (!hasHeader(headers, 'content-type')) headers['Content-Type'] = JSON_CONTENT_TYPE;
  }
  if (!hasHeader(headers, 'content-length') && !hasHeader(headers, 'transfer-encoding')) {
    headers['Content-Length'] = String(typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength);
  }
  if (reply.closeConnection) {
    headers['Connection'] = 'close';
    res.shouldKeepAlive = false;
  }
  res.writeHead(reply.status, headers);
  res.end(body);
}
