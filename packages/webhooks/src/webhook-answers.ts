/** Why the handler refused a request, as its JSON answer says (`{ "error": <code> }`). */
type WebhookRefusal =
  | 'method_not_allowed'
  | 'unauthorized'
  | 'unsupported_media_type'
  | 'payload_too_large'
  | 'body_timeout'
  | 'invalid_json'
  | 'invalid_event'
  | 'in_progress'
  | 'internal_error';

const STATUS: Record<WebhookRefusal, number> = {
  method_not_allowed: 405,
  unauthorized: 401,
  unsupported_media_type: 415,
  payload_too_large: 413,
  body_timeout: 408,
  invalid_json: 400,
  invalid_event: 400,
  in_progress: 503,
  internal_error: 500,
};

/** How long to wait before delivering again an event still being handed over, in seconds. */
const IN_PROGRESS_RETRY_AFTER_S = 10;

/**
 * The headers of an accepted delivery's answer: a cache stores no answer to a POST that does not say how
 * long it stays fresh (RFC 9110, 9.3.3).
 */
const ACCEPTED_HEADERS = { 'content-type': 'application/json' } as const;
/**
 * A refusal's: a refusal may answer a GET (405), and a cache may store a 405 unless told not to (RFC
 * 9110, 15.1).
 */
const REFUSED_HEADERS = { ...ACCEPTED_HEADERS, 'cache-control': 'no-store' } as const;

function json(status: number, body: Record<string, string>, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { ...REFUSED_HEADERS, ...headers },
  });
}

const ACCEPTED = {
  received: JSON.stringify({ status: 'received' }),
  duplicate: JSON.stringify({ status: 'duplicate' }),
} as const;

/** 200 `{ status: 'received' }` (handed over now) or `{ status: 'duplicate' }` (handed over before). */
export function accepted(status: 'received' | 'duplicate'): Response {
  return new Response(ACCEPTED[status], { status: 200, headers: ACCEPTED_HEADERS });
}

/**
 * The answer to a refused request: its status, `{ error: <code> }`, `{ detail }` for a 400 (which field,
 * never a value), `Allow: POST` on a 405, `Retry-After` on a 503. Nothing of the request's URL.
 */
export function refused(refusal: WebhookRefusal, detail?: string): Response {
  const headers: Record<string, string> =
    refusal === 'method_not_allowed'
      ? { allow: 'POST' }
      : refusal === 'in_progress'
        ? { 'retry-after': String(IN_PROGRESS_RETRY_AFTER_S) }
        : {};
  return json(
    STATUS[refusal],
    detail === undefined ? { error: refusal } : { error: refusal, detail },
    headers,
  );
}
