import type { AuthorizerOptions } from './authorizer-options';
import { isSecureOrLoopback } from './origin-policy';
import { configError } from '../errors/config-error';
import type { QontakLogger } from '../logging/logger';
import { safeLogger } from '../logging/safe-logger';

/** {@link AuthorizerOptions} with every default applied and every value checked. */
export interface ResolvedAuthorizerOptions {
  /** The base URL without a trailing slash. */
  readonly baseUrl: string;
  /** The base URL's path without a trailing slash (`''` for a bare origin). */
  readonly basePath: string;
  /** The base URL's origin. */
  readonly origin: string;
  /** The base URL's origin and every allowed origin. */
  readonly allowedOrigins: ReadonlySet<string>;
  readonly fetch: typeof globalThis.fetch;
  readonly clock: () => number;
  readonly logger: Required<QontakLogger>;
}

/** Parses a base URL or allowed origin; only the field name goes in errors. */
function parseHttpUrl(scheme: string, value: unknown, field: string): URL {
  let url: URL;
  try {
    url = new URL(String(value));
  } catch {
    throw configError(scheme, `${field} is not a valid URL.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw configError(scheme, `${field} must be an https:// URL.`);
  }
  if (!isSecureOrLoopback(url)) {
    throw configError(
      scheme,
      `${field} must use https:// (plain http:// is allowed only for loopback addresses such as 127.0.0.1).`,
    );
  }
  if (url.username || url.password) throw configError(scheme, `${field} must not contain credentials.`);
  return url;
}

/**
 * Checks that `options` is an object whose `required` fields are non-blank strings.
 * @throws {QontakAuthError} `config_error` naming every missing or empty field.
 */
export function requireStrings<T extends object>(
  scheme: string,
  options: T,
  required: ReadonlyArray<keyof T & string>,
): void {
  if (typeof options !== 'object' || options === null) {
    throw configError(scheme, `options are required (at least ${required.join(' and ')}).`);
  }
  const missing = required.filter((field) => {
    const value: unknown = options[field];
    return typeof value !== 'string' || value.trim() === '';
  });
  if (missing.length > 0) {
    throw configError(
      scheme,
      `missing or empty option${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}.`,
    );
  }
}

/** Where a scheme's API lives: its default base URL (an origin) and the API path the toolkit adds to it. */
interface SchemeApi {
  /** The default `baseUrl`, e.g. `https://chat-service.qontak.com`. */
  readonly defaultBaseUrl: string;
  /** The API path under the base URL, e.g. `/api/open`. */
  readonly path: string;
}

/**
 * Refuses a base path that already holds the scheme's API path (`/api/open`, `/api/open/v1`, ...):
 * the toolkit adds it, so every request would go to `/api/open/api/open/...` and the token endpoint to
 * `/api/open/oauth/token`, answered 404. The message suggests the base URL without it.
 */
function refuseApiPath(scheme: string, base: URL, basePath: string, api: SchemeApi): void {
  const path = basePath.toLowerCase();
  const apiPath = api.path.toLowerCase();
  const at = path.endsWith(apiPath) ? path.length - apiPath.length : path.indexOf(`${apiPath}/`);
  if (at === -1) return;
  throw configError(
    scheme,
    `baseUrl is the API's origin (e.g. ${api.defaultBaseUrl}), not a URL under ${api.path}: the toolkit ` +
      `adds ${api.path}/v1/... itself. Use ${base.origin}${basePath.slice(0, at)} instead.`,
  );
}

/**
 * Checks the options every scheme shares and applies their defaults: one rule for base URLs and
 * allowed origins (HTTPS or loopback HTTP, no credentials, no query, not already under the scheme's
 * API path), one default transport, clock and logger.
 * @throws {QontakAuthError} `config_error` naming the field that is invalid.
 */
export function resolveAuthorizerOptions(
  scheme: string,
  options: AuthorizerOptions,
  api: SchemeApi,
): ResolvedAuthorizerOptions {
  const base = parseHttpUrl(scheme, options.baseUrl ?? api.defaultBaseUrl, 'baseUrl');
  if (base.search || base.hash) throw configError(scheme, 'baseUrl must not have a query or fragment.');
  const basePath = base.pathname.replace(/\/+$/, '');
  refuseApiPath(scheme, base, basePath, api);
  const allowedOrigins = new Set<string>([base.origin]);
  for (const [index, origin] of (options.allowedOrigins ?? []).entries()) {
    allowedOrigins.add(parseHttpUrl(scheme, origin, `allowedOrigins[${index}]`).origin);
  }
  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== 'function') {
    throw configError(scheme, 'no fetch implementation: pass options.fetch or use Node 20+.');
  }
  const clock = options.clock ?? Date.now;
  if (typeof clock !== 'function') throw configError(scheme, 'clock must be a function returning ms.');
  return {
    baseUrl: `${base.origin}${basePath}`,
    basePath,
    origin: base.origin,
    allowedOrigins,
    fetch: fetchImpl,
    clock,
    logger: safeLogger(options.logger),
  };
}
