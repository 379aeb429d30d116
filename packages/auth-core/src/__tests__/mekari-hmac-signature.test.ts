import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  formatHttpDate,
  mekariSigningString,
  requestTarget,
  signMekariRequest,
} from '../mekari/hmac-signature';

const CLIENT_ID = 'mekari-client-id';
const SECRET = 'S3ntinel-HmacSecret-77c1';
const DATE = 'Thu, 01 Jan 2026 00:00:00 GMT';

/** base64 HMAC-SHA256 of `data`, computed by openssl: an implementation independent of node:crypto. */
function opensslHmac(secret: string, data: string): string {
  return execFileSync('sh', ['-c', 'openssl dgst -sha256 -hmac "$1" -binary | base64', 'sh', secret], {
    input: data,
  })
    .toString()
    .trim();
}

const expectedHeader = (signature: string) =>
  `hmac username="${CLIENT_ID}", algorithm="hmac-sha256", headers="date request-line", signature="${signature}"`;

describe('formatHttpDate', () => {
  it('formats ms as an RFC 7231 IMF-fixdate, dropping milliseconds', () => {
    expect(formatHttpDate(Date.parse('2026-01-01T00:00:00Z'))).toBe(DATE);
    expect(formatHttpDate(Date.parse('2025-04-07T09:05:03.999Z'))).toBe('Mon, 07 Apr 2025 09:05:03 GMT');
  });

  it('throws RangeError for a time that is not a date', () => {
    expect(() => formatHttpDate(Number.NaN)).toThrow(RangeError);
    expect(() => formatHttpDate(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => formatHttpDate(8.64e15 + 1)).toThrow(RangeError);
  });
});

describe('mekariSigningString', () => {
  it('is "date: <date>\\n<METHOD> <path?query> HTTP/1.1"', () => {
    expect(
      mekariSigningString({ method: 'GET', url: 'https://api.mekari.com/qontak/chat/v1/health', date: DATE }),
    ).toBe(`date: ${DATE}\nGET /qontak/chat/v1/health HTTP/1.1`);
  });

  it('upper-cases the method and defaults to GET', () => {
    expect(mekariSigningString({ method: 'post', url: 'https://api.mekari.com/a', date: DATE })).toBe(
      `date: ${DATE}\nPOST /a HTTP/1.1`,
    );
    expect(mekariSigningString({ url: 'https://api.mekari.com/a', date: DATE })).toBe(
      `date: ${DATE}\nGET /a HTTP/1.1`,
    );
  });

  it('signs the path and query as URL percent-encodes them, without host or fragment', () => {
    const url = 'https://api.mekari.com/qontak/chat/v1/kontak/ñandú?q=é&tag=a b#frag';
    expect(requestTarget(url)).toBe('/qontak/chat/v1/kontak/%C3%B1and%C3%BA?q=%C3%A9&tag=a%20b');
    expect(requestTarget(new URL('https://api.mekari.com'))).toBe('/');
  });
});

describe('signMekariRequest (known answers computed with openssl)', () => {
  it.each([
    ['a plain path', 'GET', 'https://api.mekari.com/qontak/chat/v1/health', 'GET /qontak/chat/v1/health'],
    [
      'a query string',
      'GET',
      'https://api.mekari.com/qontak/chat/v1/rooms?page=2&limit=50&status=resolved',
      'GET /qontak/chat/v1/rooms?page=2&limit=50&status=resolved',
    ],
    [
      'a non-ASCII path and query',
      'GET',
      'https://api.mekari.com/qontak/chat/v1/kontak/ñandú?q=é',
      'GET /qontak/chat/v1/kontak/%C3%B1and%C3%BA?q=%C3%A9',
    ],
    [
      'a lower-case method',
      'post',
      'https://api.mekari.com/qontak/chat/v1/broadcasts/whatsapp/direct',
      'POST /qontak/chat/v1/broadcasts/whatsapp/direct',
    ],
  ])('signs %s', (_name, method, url, requestLine) => {
    const signature = opensslHmac(SECRET, `date: ${DATE}\n${requestLine} HTTP/1.1`);
    expect(signMekariRequest({ clientId: CLIENT_ID, clientSecret: SECRET, method, url, date: DATE })).toBe(
      expectedHeader(signature),
    );
  });

  it('matches a literal vector (computed once with openssl and with Python hmac, and again with openssl here)', () => {
    const literal = 'RDLrh6YhJyBoI3u20ldnBn7YLo/T7UbNWQS06wgwGCE=';
    expect(opensslHmac('secret', `date: ${DATE}\nGET /qontak/chat/v1/health HTTP/1.1`)).toBe(literal);
    expect(
      signMekariRequest({
        clientId: CLIENT_ID,
        clientSecret: 'secret',
        url: 'https://api.mekari.com/qontak/chat/v1/health',
        date: DATE,
      }),
    ).toBe(expectedHeader(literal));
  });

  it('gives different signatures for another date, method, path, query or secret', () => {
    const base = {
      clientId: CLIENT_ID,
      clientSecret: SECRET,
      method: 'GET',
      url: 'https://api.mekari.com/a?x=1',
      date: DATE,
    };
    const signatures = new Set(
      [
        base,
        { ...base, date: 'Thu, 01 Jan 2026 00:00:01 GMT' },
        { ...base, method: 'DELETE' },
        { ...base, url: 'https://api.mekari.com/b?x=1' },
        { ...base, url: 'https://api.mekari.com/a?x=2' },
        { ...base, clientSecret: 'other' },
      ].map((input) => signMekariRequest(input)),
    );
    expect(signatures.size).toBe(6);
  });
});
