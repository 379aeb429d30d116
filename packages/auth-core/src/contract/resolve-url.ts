/** A URL with a scheme (`https:`, `http:`, ...): it does not depend on a base URL. */
const HAS_SCHEME = /^[a-z][a-z\d+.-]*:/i;

/**
 * The last URL resolved: an app passes the same few paths again and again, and the same string back
 * lets the origin policy answer for it with one comparison.
 */
let last = { baseUrl: '', input: '', href: '' };

/**
 * What a caller passed as a request URL, made absolute against the API's base URL, as a string:
 * absolute URLs stay as they are (a protocol-relative `//host/...` keeps its own host), and paths are
 * appended to the base URL (`/api/open/v1/health` -> `<baseUrl>/api/open/v1/health`). Not parsed
 * beyond that: whoever reads it (the origin policy, `fetch`) parses it the same WHATWG way.
 */
export function resolveHref(baseUrl: string, input: string | URL): string {
  if (typeof input !== 'string') return input.href;
  if (input === last.input && baseUrl === last.baseUrl) return last.href;
  let href: string;
  if (HAS_SCHEME.test(input)) href = input;
  else if (input.startsWith('//')) href = new URL(input, baseUrl).href;
  else href = baseUrl + (input.startsWith('/') ? input : `/${input}`);
  last = { baseUrl, input, href };
  return href;
}

/**
 * {@link resolveHref}, parsed.
 * @throws {TypeError} when the result is not a valid URL.
 */
export function resolveUrl(baseUrl: string, input: string | URL): URL {
  return new URL(resolveHref(baseUrl, input));
}
