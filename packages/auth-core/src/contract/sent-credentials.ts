import { redactSecrets } from '../logging/redaction';

/** The request headers whose values are credentials. */
const CREDENTIAL_HEADERS = ['authorization', 'proxy-authorization'] as const;

/** A `<scheme> <token>` header value (`Bearer abc`): the token. */
const SCHEME_AND_TOKEN = /^\s*[\w!#$%&'*+.^`|~-]+\s+([^\s,]+)\s*$/;

/** A signature parameter of a header value (`hmac …, signature="…"`). */
const SIGNATURE_PARAMETER = /\bsignature\s*=\s*"([^"]+)"/gi;

/** The headers of the request that got each response (its last hop), for {@link redactSentCredentials}. */
const sentHeaders = new WeakMap<Response, HeadersInit>();

/** The secret parts of a credential header's value: the whole value, a bearer's token, a signature. */
function secretParts(value: string): string[] {
  const parts = [value];
  const token = SCHEME_AND_TOKEN.exec(value)?.[1];
  if (token !== undefined) parts.push(token);
  for (const match of value.matchAll(SIGNATURE_PARAMETER)) parts.push(match[1]!);
  return parts;
}

/** The secret parts of the credential headers among `init`. */
function secretsOf(init: HeadersInit): string[] {
  const headers = init instanceof Headers ? init : new Headers(init);
  const secrets: string[] = [];
  for (const name of CREDENTIAL_HEADERS) {
    const value = headers.get(name);
    if (value !== null) secrets.push(...secretParts(value));
  }
  return secrets;
}

/**
 * Remembers that `response` answered a request sent with `headers` (its last hop), so that
 * {@link redactSentCredentials} can take its credentials (`Authorization`, `Proxy-Authorization`) out
 * of what the server said. Nothing is parsed until then. Called by the hop-by-hop send for each hop.
 */
export function rememberSentHeaders(response: Response, headers: HeadersInit): void {
  sentHeaders.set(response, headers);
}

/**
 * `text` (something a server sent: an error message, an error page) with the credentials that the
 * request which got `response` carried (through `fetch` of one of the toolkit's schemes, or `fetchHopByHop`) replaced by
 * `[redacted]`, in any spelling a server echoing the request may use (as sent, percent-, form- or
 * JSON-encoded): the whole `Authorization` value, a bearer's token, an HMAC signature. Control
 * characters (line breaks included) become spaces, so that the text cannot forge a log line. Text of a
 * response that did not come that way only has its control characters replaced.
 */
export function redactSentCredentials(text: string, response: Response): string {
  const headers = sentHeaders.get(response);
  // eslint-disable-next-line no-control-regex -- control characters (line breaks too) are exactly what is replaced here.
  const oneLine = text.replace(/[\x00-\x1f\x7f]/g, ' ');
  return redactSecrets(oneLine, headers === undefined ? [] : secretsOf(headers));
}
