import { normalizedPath } from './lenient-path';

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

/** How many URLs' answers an {@link OriginPolicy} remembers before it starts over. */
const REMEMBERED_ANSWERS = 512;

/** Whether `path` is `prefix` or lies under it (`prefix` without a trailing slash; `''` is the whole origin). */
function isUnder(path: string, prefix: string): boolean {
  return prefix === '' || path === prefix || path.startsWith(`${prefix}/`);
}

/**
 * Which URLs get credentials: those under the API's base path (e.g. `/api/open`) on an allowed origin
 * (scheme, host and port), read both as the URL parser reads the path and as a lenient server may
 * ({@link normalizedPath}), except the protected paths (e.g. the OAuth endpoints). A URL that does not
 * parse gets none. The one origin rule of every auth scheme.
 */
export class OriginPolicy {
  readonly #origins: ReadonlySet<string>;
  readonly #apiPath: string;
  readonly #normalizedApiPath: string;
  readonly #protectedPaths: readonly string[];

  /**
   * @param origins every origin (`https://host[:port]`) whose requests get credentials.
   * @param apiPath the path under which the API lives on each of them (`/api/open`): a URL elsewhere on
   *   the origin (`/admin`, another product behind the same gateway) gets none. `''` for the whole origin.
   * @param protectedPaths path prefixes that never get them, e.g. `/oauth`: the path itself, anything
   *   under it (`/oauth/token`) and anything it starts with a dot (`/oauth.json`). Compared after
   *   {@link normalizedPath}.
   */
  constructor(origins: ReadonlySet<string>, apiPath: string, protectedPaths: readonly string[] = []) {
    this.#origins = origins;
    this.#apiPath = apiPath.replace(/\/+$/, '');
    this.#normalizedApiPath = normalizedPath(this.#apiPath).replace(/\/$/, '');
    this.#protectedPaths = protectedPaths.map(normalizedPath);
  }

  /** The answers for recent URLs (an app calls a few URLs over and over): the URL is parsed once. */
  readonly #answers = new Map<string, boolean>();
  /** The last URL asked about and its answer: the usual case, a URL asked again and again, is one comparison. */
  #lastUrl = '';
  #lastAnswer = false;

  /** Whether a request to `url` may carry credentials. Never throws. */
  allows(url: string | URL): boolean {
    const key = typeof url === 'string' ? url : url.href;
    if (key === this.#lastUrl) return this.#lastAnswer;
    let answer = this.#answers.get(key);
    if (answer === undefined) {
      answer = this.#decide(url);
      if (this.#answers.size >= REMEMBERED_ANSWERS) this.#answers.clear();
      this.#answers.set(key, answer);
    }
    this.#lastUrl = key;
    this.#lastAnswer = answer;
    return answer;
  }

  #decide(url: string | URL): boolean {
    let parsed: URL;
    try {
      parsed = typeof url === 'string' ? new URL(url) : url;
    } catch {
      return false;
    }
    if (!this.#origins.has(parsed.origin) || !isUnder(parsed.pathname, this.#apiPath)) return false;
    const path = normalizedPath(parsed.pathname);
    if (!isUnder(path, this.#normalizedApiPath)) return false;
    return !this.#protectedPaths.some(
      (prefix) => path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}.`),
    );
  }
}
