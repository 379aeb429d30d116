/**
 * `url` as the deliveries list shows it: without user info, fragment or query (the webhook's secret
 * travels in the query, `?qontak_secret=...`), which reads `?[redacted]` when there was one.
 */
export function redactedUrl(url: URL): string {
  return `${url.origin}${url.pathname}${url.search === '' ? '' : '?[redacted]'}`;
}
