import { configError } from './qontak-webhook-error';

/** The query parameter of the registered URL that carries the secret. */
export const SECRET_PARAMETER = 'qontak_secret';
const SECRET_PARAMETER_IS = `${SECRET_PARAMETER}=`;

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

/**
 * The query of an absolute URL string (what `new URL(url).search` holds, without its `?`; `''` when it
 * has none), without parsing the rest: a request URL's `?` starts its query unless a `#` came first.
 */
function queryOf(url: string): string {
  const fragment = url.indexOf('#');
  const end = fragment === -1 ? url.length : fragment;
  const start = url.indexOf('?');
  return start === -1 || start > end ? '' : url.slice(start + 1, end);
}

/**
 * The values of every `qontak_secret` parameter of `query`, as `URLSearchParams.getAll` reads them; a
 * query without `%` nor `+` (nothing to decode) is split by hand, cheaper than a `URLSearchParams` for
 * every delivery.
 */
function secretsIn(query: string): string[] {
  if (query.includes('%') || query.includes('+')) {
    // `&` first: URLSearchParams would take a `?` that starts the query for the one before it.
    return new URLSearchParams(`&${query}`).getAll(SECRET_PARAMETER);
  }
  const found: string[] = [];
  for (const parameter of query.split('&')) {
    if (parameter === SECRET_PARAMETER) found.push('');
    else if (parameter.startsWith(SECRET_PARAMETER_IS))
      found.push(parameter.slice(SECRET_PARAMETER_IS.length));
  }
  return found;
}

/**
 * Whether `given` is `secret`, compared over the secret's whole length whatever `given` holds, without
 * stopping at the first difference: the time taken depends neither on where they differ nor on how
 * long `given` is, so timing answers tell a sender nothing about the secret.
 */
function sameSecret(secret: string, given: string): boolean {
  let difference = secret.length ^ given.length;
  for (let index = 0; index < secret.length; index += 1) {
    // Past the end of `given`, `charCodeAt` is NaN, which `^` reads as 0: the length already differs.
    difference |= secret.charCodeAt(index) ^ given.charCodeAt(index);
  }
  return difference === 0;
}

/**
 * A check of a request URL against `secret`: true when its query has exactly one `qontak_secret` and it
 * is the secret, compared in constant time.
 */
export function secretCheck(secret: string): (requestUrl: string) => boolean {
  return (requestUrl) => {
    const given = secretsIn(queryOf(requestUrl));
    return sameSecret(secret, given.length === 1 ? given[0]! : '') && given.length === 1;
  };
}
