import { configError } from './qontak-webhook-error';

/** The query parameter of the registered URL that carries the secret. */
export const SECRET_PARAMETER = 'qontak_secret';

const MIN_SECRET_LENGTH = 16;
const MAX_SECRET_LENGTH = 512;
/** The characters a URL carries as they are (RFC 3986 "unreserved"): nothing for Qontak or a proxy to re-encode. */
const UNRESERVED = /^[A-Za-z0-9._~-]+$/;
const MAKE_ONE = 'make one with `node -e "console.log(crypto.randomBytes(32).toString(\'base64url\'))"`';

/**
 * `secret`, checked: a string of 16 to 512 characters, each a letter, a digit, `-`, `.`, `_` or `~`.
 * @throws {QontakWebhookError} `config_error` otherwise (the message never quotes the secret).
 */
export function checkedSecret(secret: unknown): string {
  if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) {
    throw configError(
      `the webhook secret must be a string of at least ${MIN_SECRET_LENGTH} characters; ${MAKE_ONE}.`,
    );
  }
  if (secret.length > MAX_SECRET_LENGTH) {
    throw configError(`the webhook secret must be at most ${MAX_SECRET_LENGTH} characters long.`);
  }
  if (!UNRESERVED.test(secret)) {
    throw configError(
      `the webhook secret may hold only letters, digits and - . _ ~ (what a URL carries unescaped); ${MAKE_ONE}.`,
    );
  }
  return secret;
}

/** Whether `hostname` (of a parsed URL) names this machine: `localhost`, `127.x.x.x` or `[::1]`. */
function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/**
 * The URL to register with Qontak (`registerQontakWebhooks`, or `PUT /v1/message_interactions` and
 * `/v1/room_interactions` by hand): `publicUrl` with the secret in the `qontak_secret` query parameter.
 * Qontak signs nothing, so the secret in the URL is what tells its POSTs from anyone else's; the handler
 * made with the same secret refuses any request without it. A query parameter reaches the handler
 * whatever the framework's routing does with paths.
 *
 * @param publicUrl Where the handler is reachable from the internet, e.g. `https://bot.example.com/qontak/webhook`:
 *   HTTPS (plain HTTP only on loopback, for local tests), no fragment, no `qontak_secret` parameter yet.
 * @param secret The handler's secret (see `createQontakWebhookHandler`).
 * @returns The URL as a string. It holds the secret: keep it out of logs.
 * @throws {QontakWebhookError} `config_error` when `publicUrl` or `secret` is not as described (the
 *   message quotes neither).
 */
export function qontakWebhookUrl(publicUrl: string | URL, secret: string): string {
  checkedSecret(secret);
  let url: URL;
  try {
    url = new URL(String(publicUrl));
  } catch {
    throw configError(
      'the public URL of the webhook must be an absolute URL, e.g. https://bot.example.com/qontak/webhook.',
    );
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname))) {
    throw configError(
      'the public URL of the webhook must use https (plain http only on loopback): the secret travels in it.',
    );
  }
  if (url.hash !== '') throw configError('the public URL of the webhook must have no #fragment.');
  if (url.searchParams.has(SECRET_PARAMETER)) {
    throw configError(`the public URL of the webhook already has a ${SECRET_PARAMETER} parameter.`);
  }
  url.search = `${url.search === '' ? '?' : `${url.search}&`}${SECRET_PARAMETER}=${secret}`;
  return url.href;
}

/** `=`, which ends a parameter's name. */
const EQUALS = 0x3d;

/**
 * The offset in `url` where the value of its one `qontak_secret` parameter starts, its query being `url`
 * from `start` to `end` (after its `?`); -1 when the query has none or several. It reads what
 * `URLSearchParams.getAll` reads in a query with nothing to decode (no `%` nor `+`), without making a
 * string of each parameter.
 */
function onlySecretAt(url: string, start: number, end: number): number {
  let found = 0;
  let at = -1;
  for (let from = start; from <= end;) {
    const ampersand = url.indexOf('&', from);
    const to = ampersand === -1 || ampersand > end ? end : ampersand;
    const nameEnd = from + SECRET_PARAMETER.length;
    if (url.startsWith(SECRET_PARAMETER, from) && (nameEnd === to || url.charCodeAt(nameEnd) === EQUALS)) {
      found += 1;
      at = Math.min(nameEnd + 1, to);
    }
    from = to + 1;
  }
  return found === 1 ? at : -1;
}

/**
 * Whether `url` holds `secret` from `from` to `to`, compared over the secret's whole length whatever the
 * URL holds there, without stopping at the first difference: the time taken depends neither on where
 * they differ nor on how long the given value is, so timing answers tell a sender nothing about the secret.
 */
function holdsSecret(secret: string, url: string, from: number, to: number): boolean {
  let difference = secret.length ^ (to - from);
  for (let index = 0; index < secret.length; index += 1) {
    // Past the end of `url`, `charCodeAt` is NaN, which `^` reads as 0: the length already differs.
    difference |= secret.charCodeAt(index) ^ url.charCodeAt(from + index);
  }
  return difference === 0;
}

/** Whether the query of `url` from `start` to `end` holds `%` or `+`: something to decode. */
function needsDecoding(url: string, start: number, end: number): boolean {
  const percent = url.indexOf('%', start);
  const plus = url.indexOf('+', start);
  return (percent !== -1 && percent < end) || (plus !== -1 && plus < end);
}

/**
 * A check of a request URL against `secret`: true when its query has exactly one `qontak_secret` and it
 * is the secret, compared in constant time.
 */
export function secretCheck(secret: string): (requestUrl: string) => boolean {
  return (requestUrl) => {
    // An absolute URL's query starts after its first `?`, unless a `#` came first, and ends at a `#`.
    const hash = requestUrl.indexOf('#');
    const end = hash === -1 ? requestUrl.length : hash;
    const question = requestUrl.indexOf('?');
    const start = question === -1 || question > end ? end : question + 1;
    if (needsDecoding(requestUrl, start, end)) {
      // `&` first: URLSearchParams would take a `?` that starts the query for the one before it.
      const given = new URLSearchParams(`&${requestUrl.slice(start, end)}`).getAll(SECRET_PARAMETER);
      const value = given.length === 1 ? given[0]! : '';
      return holdsSecret(secret, value, 0, value.length) && given.length === 1;
    }
    const at = onlySecretAt(requestUrl, start, end);
    const ampersand = at === -1 ? -1 : requestUrl.indexOf('&', at);
    const to = at === -1 || (ampersand !== -1 && ampersand < end) ? ampersand : end;
    // Without exactly one, an empty value is compared all the same: the answer takes as long.
    return holdsSecret(secret, requestUrl, at, to) && at !== -1;
  };
}
