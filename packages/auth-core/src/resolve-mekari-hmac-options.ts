import { MEKARI_API_BASE_URL } from './mekari-constants';
import type { MekariHmacAuthOptions } from './mekari-hmac-auth-options';
import { isSecureOrLoopback } from './origin-policy';
import { QontakAuthError, QontakAuthErrorCode } from './qontak-auth-error';

/** {@link MekariHmacAuthOptions} with every default applied and every value checked. */
export interface ResolvedMekariHmacOptions {
  baseUrl: string;
  allowedOrigins: ReadonlySet<string>;
  clientId: string;
  clientSecret: string;
  clock: () => number;
  fetch: typeof globalThis.fetch;
}

function configError(message: string): QontakAuthError {
  return new QontakAuthError(QontakAuthErrorCode.ConfigError, message);
}

/** Parses the base URL or an allowed origin; only the field name goes in errors. */
function parseGatewayUrl(value: unknown, field: string): URL {
  let url: URL;
  try {
    url = new URL(String(value));
  } catch {
    throw configError(`MekariHmacAuth: ${field} is not a valid URL.`);
  }
  if (!isSecureOrLoopback(url)) {
    throw configError(
      `MekariHmacAuth: ${field} must use https:// (plain http:// is allowed only for loopback addresses such as 127.0.0.1).`,
    );
  }
  if (url.username || url.password)
    throw configError(`MekariHmacAuth: ${field} must not contain credentials.`);
  return url;
}

/**
 * Checks {@link MekariHmacAuthOptions} and applies defaults.
 * @throws {QontakAuthError} `config_error` naming every missing or invalid field (never a secret's value).
 */
export function resolveMekariHmacOptions(options: MekariHmacAuthOptions): ResolvedMekariHmacOptions {
  if (typeof options !== 'object' || options === null) {
    throw configError('MekariHmacAuth: options are required (at least clientId and clientSecret).');
  }
  const missing = (['clientId', 'clientSecret'] as const).filter((field) => {
    const value: unknown = options[field];
    return typeof value !== 'string' || value.trim() === '';
  });
  if (missing.length > 0) {
    throw configError(
      `MekariHmacAuth: missing or empty option${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}.`,
    );
  }
  if (
    [...options.clientId].some(
      (c) => c === '"' || c === '\\' || c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f,
    )
  ) {
    throw configError('MekariHmacAuth: clientId must not contain quotes, backslashes or control characters.');
  }

  const base = parseGatewayUrl(options.baseUrl ?? MEKARI_API_BASE_URL, 'baseUrl');
  if (base.search || base.hash)
    throw configError('MekariHmacAuth: baseUrl must not have a query or fragment.');
  const allowedOrigins = new Set<string>([base.origin]);
  for (const [index, origin] of (options.allowedOrigins ?? []).entries()) {
    allowedOrigins.add(parseGatewayUrl(origin, `allowedOrigins[${index}]`).origin);
  }

  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== 'function') {
    throw configError('MekariHmacAuth: no fetch implementation: pass options.fetch or use Node 20+.');
  }
  const clock = options.clock ?? Date.now;
  if (typeof clock !== 'function')
    throw configError('MekariHmacAuth: clock must be a function returning ms.');

  return {
    baseUrl: `${base.origin}${base.pathname.replace(/\/+$/, '')}`,
    allowedOrigins,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    clock,
    fetch: fetchImpl,
  };
}
