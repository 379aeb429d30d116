import type { IncomingMessage } from 'node:http';
import { isJsonObject, parseJsonBody } from '../server/json';
import { isJsonMediaType, mediaType, readRawBody } from '../server/request-body';

/** The outcome of reading a request's parameters. */
type ParamsResult =
  | { ok: true; params: Record<string, string> }
  | {
      ok: false;
      reason: 'malformed' | 'unsupported-media-type' | 'too-large' | 'aborted';
      closeConnection: boolean;
    };

/**
 * The request's parameters as Rails would see them: the query string merged with a JSON
 * (`application/json` or `application/*+json`) or form (`application/x-www-form-urlencoded`) body, the
 * body winning. JSON strings, numbers and booleans become strings; other values are ignored.
 */
export async function readParams(req: IncomingMessage, url: URL, maxBytes: number): Promise<ParamsResult> {
  const raw = await readRawBody(req, maxBytes);
  if (!raw.ok) return raw;
  const params: Record<string, string> = {};
  for (const [key, value] of url.searchParams) params[key] = value;
  if (raw.body.byteLength === 0) return { ok: true, params };

  const type = mediaType(req.headers['content-type']);
  if (isJsonMediaType(type)) {
    const parsed = parseJsonBody(raw.body);
    if (parsed === undefined || !isJsonObject(parsed.value)) {
      return { ok: false, reason: 'malformed', closeConnection: false };
    }
    for (const [key, value] of Object.entries(parsed.value)) {
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
        params[key] = String(value);
      }
    }
    return { ok: true, params };
  }
  if (type === 'application/x-www-form-urlencoded') {
    for (const [key, value] of new URLSearchParams(raw.body.toString('utf8'))) params[key] = value;
    return { ok: true, params };
  }
  return { ok: false, reason: 'unsupported-media-type', closeConnection: false };
}
