import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { EmulatorClient } from '../server/options';

/** How far (in seconds) a signed request's `Date` may be from the emulator's clock, either way: the gateway's 300 s. */
export const HMAC_CLOCK_SKEW_SECONDS = 300;

/** The outcome of checking one request's HMAC signature, with the gateway's message on failure. */
type HmacVerification = { ok: true; clientId: string } | { ok: false; message: string };

const UNAUTHORIZED = 'Unauthorized';
const BAD_DATE =
  'HMAC signature cannot be verified, a valid date or x-date header is required for HMAC Authentication';
const CANNOT_VERIFY = 'HMAC signature cannot be verified';
const DOES_NOT_MATCH = 'HMAC signature does not match';

interface HmacCredentials {
  username: string;
  algorithm: string;
  headers: string[];
  signature: string;
}

/** Parses `hmac username="…", algorithm="…", headers="…", signature="…"` (scheme any case, parameters any order). */
function parseAuthorization(value: string): HmacCredentials | undefined {
  const match = /^hmac\s+(.*)$/is.exec(value.trim());
  if (!match?.[1]) return undefined;
  const params = new Map<string, string>();
  for (const part of match[1].matchAll(/([a-z]+)\s*=\s*"([^"]*)"\s*(?:,\s*|$)/gi)) {
    if (part[1] !== undefined && part[2] !== undefined) params.set(part[1].toLowerCase(), part[2]);
  }
  const username = params.get('username');
  const algorithm = params.get('algorithm');
  const signature = params.get('signature');
  if (!username || !algorithm || !signature) return undefined;
  const headers = (params.get('headers') ?? 'date').toLowerCase().split(/\s+/).filter(Boolean);
  return { username, algorithm: algorithm.toLowerCase(), headers, signature };
}

/** The signing string over `headers`, in order: `request-line` is the raw request line, others `name: value`. */
function signingString(req: IncomingMessage, headers: readonly string[]): string | undefined {
  const lines: string[] = [];
  for (const name of headers) {
    if (name === 'request-line') {
      lines.push(`${req.method ?? 'GET'} ${req.url ?? '/'} HTTP/${req.httpVersion}`);
      continue;
    }
    const value = req.headers[name];
    if (typeof value !== 'string') return undefined;
    lines.push(`${name}: ${value}`);
  }
  return lines.join('\n');
}

function sameSignature(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Checks a request's HMAC signature the way the Mekari API gateway (Kong's hmac-auth) does: an
 * `Authorization: hmac …` header, a `Date` within {@link HMAC_CLOCK_SKEW_SECONDS} of `now` either way,
 * `algorithm="hmac-sha256"`, a signed header list that covers `date` and `request-line`, a known client,
 * and a signature equal (compared in constant time) to the base64 HMAC-SHA256 of the signing string,
 * which is built from the request exactly as received (raw method, request target and HTTP version).
 */
export function verifyHmacRequest(
  req: IncomingMessage,
  clients: readonly EmulatorClient[],
  now: number,
): HmacVerification {
  const authorization = req.headers.authorization;
  if (!authorization) return { ok: false, message: UNAUTHORIZED };
  const date = req.headers.date;
  const sentAt = date === undefined ? Number.NaN : Date.parse(date);
  if (Number.isNaN(sentAt) || Math.abs(now - sentAt) > HMAC_CLOCK_SKEW_SECONDS * 1000) {
    return { ok: false, message: BAD_DATE };
  }
  const credentials = parseAuthorization(authorization);
  if (
    credentials === undefined ||
    credentials.algorithm !== 'hmac-sha256' ||
    !credentials.headers.includes('date') ||
    !credentials.headers.includes('request-line')
  ) {
    return { ok: false, message: CANNOT_VERIFY };
  }
  const client = clients.find((c) => c.clientId === credentials.username);
  if (client === undefined) return { ok: false, message: CANNOT_VERIFY };
  const signed = signingString(req, credentials.headers);
  if (signed === undefined) return { ok: false, message: CANNOT_VERIFY };
  const expected = createHmac('sha256', client.clientSecret).update(signed, 'utf8').digest('base64');
  if (!sameSignature(expected, credentials.signature)) return { ok: false, message: DOES_NOT_MATCH };
  return { ok: true, clientId: client.clientId };
}
