/**
 * Whether `hostname` (as `URL#hostname` gives it) is a loopback address: `localhost`, 127.0.0.0/8 or
 * ::1. Other `*.localhost` names are not: a resolver may send them to DNS.
 */
export function isLoopbackHostname(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost') return true;
  if (host === '[::1]' || host === '::1') return true;
  return /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * Whether credentials may travel to `url`: HTTPS, or plain HTTP to a loopback address (the emulator,
 * tests).
 */
export function isSecureOrLoopback(url: URL): boolean {
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && isLoopbackHostname(url.hostname);
}

/** Percent-escapes decoded one level, byte by byte (a malformed escape stays as it is). */
function decodeOnce(path: string): string {
  return path.replace(/%([0-9a-f]{2})/gi, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** How many levels of percent-encoding are undone: `%256F` is `%6F` is `o`. */
const DECODE_LEVELS = 4;

/**
 * A path the way a lenient server may read it, to decide whether it names a protected endpoint:
 * percent-escapes decoded (repeatedly), lower case, backslashes as slashes, `;parameters` dropped from
 * each segment, whitespace and control characters dropped, empty and `.` segments dropped and `..`
 * applied. `/%6FAuth;x//Token` and `/oauth%2Ftoken` both become `/oauth/token`.
 */
export function normalizedPath(pathname: string): string {
  let path = pathname;
  for (let level = 0; level < DECODE_LEVELS; level++) {
    const decoded = decodeOnce(path);
    if (decoded === path) break;
    path = decoded;
  }
  const segments: string[] = [];
  for (const raw of path.replace(/\\/g, '/').toLowerCase().split('/')) {
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed here.
    const segment = (raw.split(';', 1)[0] ?? '').replace(/[\x00-\x20\x7f]/g, '');
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return `/${segments.join('/')}`;
}

/** How many URLs' answers an {@link OriginPolicy} remembers before it starts over. */
const REMEMBERED_ANSWERS = 512;

/**
 * Which URLs get credentials: those on an allowed origin (scheme, host and port), except the
 * protected paths (e.g. the OAuth endpoints) under any spelling a server might accept. A URL that
 * does not parse gets none. The one origin rule of every auth scheme.
 */
export class OriginPolicy {
  readonly #origins: ReadonlySet<string>;
  readonly #protectedPaths: readonly string[];

  /**
   * @param origins every origin (`https://host[:port]`) whose requests get credentials.
   * @param protectedPaths path prefixes that never get them, e.g. `/oauth`: the path itself, anything
   *   under it (`/oauth/token`) and anything it starts with a dot (`/oauth.json`). Compared after
   *   {@link normalizedPath}.
   */
  constructor(origins: ReadonlySet<string>, protectedPaths: readonly string[] = []) {
    this.#origins = origins;
    this.#protectedPaths = protectedPaths.map(normalizedPath);
  }

  /** The answers for recent URLs (an app calls a few URLs over and over): the URL is parsed once. */
  readonly #answers = new Map<string, boolean>();

  /** Whether a request to `url` may carry credentials. Never throws. */
  allows(url: string | URL): boolean {
    const key = typeof url === 'string' ? url : url.href;
    const known = this.#answers.get(key);
    if (known !== undefined) return known;
    const answer = this.#decide(url);
    if (this.#answers.size >= REMEMBERED_ANSWERS) this.#answers.clear();
    this.#answers.set(key, answer);
    return answer;
  }

  #decide(url: string | URL): boolean {
    let parsed: URL;
    try {
      parsed = typeof url === 'string' ? new URL(url) : url;
    } catch {
      return false;
    }
    if (!this.#origins.has(parsed.origin)) return false;
    if (this.#protectedPaths.length === 0) return true;
    const path = normalizedPath(parsed.pathname);
    return !this.#protectedPaths.some(
      (prefix) => path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}.`),
    );
  }
}
