/**
 * Resolves what a caller passed as a request URL against the API's base URL: absolute URLs stay as
 * they are (and a protocol-relative `//host/...` keeps its own host), and paths are appended to the
 * base URL (`/api/open/v1/health` -> `<baseUrl>/api/open/v1/health`).
 * @throws {TypeError} when the result is not a valid URL.
 */
export function resolveUrl(baseUrl: string, input: string | URL): URL {
  if (typeof input !== 'string') return new URL(input.href);
  if (/^[a-z][a-z\d+.-]*:/i.test(input) || input.startsWith('//')) return new URL(input, baseUrl);
  return new URL(baseUrl + (input.startsWith('/') ? input : `/${input}`));
}
