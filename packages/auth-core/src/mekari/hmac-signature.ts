import { createHmac } from 'node:crypto';

/** What {@link mekariSigningString} signs: one request's method, absolute URL and `Date` header value. */
export interface MekariSigningInput {
  /** HTTP method, any case (signed upper case). Default `'GET'`. */
  method?: string | undefined;
  /** The request's absolute URL; its path and query are signed as `URL` percent-encodes them (as sent on the wire). */
  url: string | URL;
  /** The value of the request's `Date` header (see {@link formatHttpDate}). */
  date: string;
}

/** What {@link signMekariRequest} needs: the signing input plus the Mekari client id and secret. */
export interface MekariSignRequestInput extends MekariSigningInput {
  /** The HMAC client id from Mekari's developer portal (the signature's `username`). */
  clientId: string;
  /** The HMAC client secret: the key of the HMAC-SHA256. Never logged or echoed. */
  clientSecret: string;
}

/**
 * `ms` (milliseconds since the epoch) as an RFC 7231 IMF-fixdate, the format of the `Date` header,
 * e.g. `Thu, 01 Jan 2026 00:00:00 GMT`. Sub-second precision is dropped.
 * @throws {RangeError} when `ms` is not a finite number or not a valid date.
 */
export function formatHttpDate(ms: number): string {
  const date = new Date(ms);
  if (typeof ms !== 'number' || !Number.isFinite(ms) || Number.isNaN(date.getTime())) {
    throw new RangeError(`formatHttpDate: not a valid time in ms: ${String(ms)}`);
  }
  return date.toUTCString();
}

/**
 * The request target exactly as sent on the wire: `URL`'s percent-encoded path plus its query,
 * e.g. `/qontak/chat/v1/kontak/%C3%B1and%C3%BA?q=%C3%A9`.
 * @throws {TypeError} when `url` is not a valid absolute URL.
 */
export function requestTarget(url: string | URL): string {
  const parsed = typeof url === 'string' ? new URL(url) : url;
  return `${parsed.pathname}${parsed.search}`;
}

/**
 * The string the Mekari API gateway's HMAC covers (`headers="date request-line"`):
 * `date: <date>\n<METHOD> <path?query> HTTP/1.1`, with the method upper-cased and the path and
 * query as `URL` percent-encodes them.
 * @throws {TypeError} when `url` is not a valid absolute URL.
 */
export function mekariSigningString(input: MekariSigningInput): string {
  const method = (input.method ?? 'GET').toUpperCase();
  return `date: ${input.date}\n${method} ${requestTarget(input.url)} HTTP/1.1`;
}

/**
 * The `Authorization` header value of one request to the Mekari API gateway:
 * `hmac username="<client id>", algorithm="hmac-sha256", headers="date request-line", signature="<base64>"`,
 * where the signature is the base64 HMAC-SHA256, keyed with the client secret, of
 * {@link mekariSigningString}. Send it together with the same `Date` header.
 * @throws {TypeError} when `url` is not a valid absolute URL.
 */
export function signMekariRequest(input: MekariSignRequestInput): string {
  const signature = createHmac('sha256', input.clientSecret)
    .update(mekariSigningString(input), 'utf8')
    .digest('base64');
  return `hmac username="${input.clientId}", algorithm="hmac-sha256", headers="date request-line", signature="${signature}"`;
}
