import { QONTAK_BASE_URL, QONTAK_FULFILLMENT_CLIENT_ID, QONTAK_FULFILLMENT_CLIENT_SECRET } from './constants';
import { MemoryTokenStore } from './memory-token-store';
import { isSecureOrLoopback } from './origin-policy';
import { QontakAuthError, QontakAuthErrorCode } from './qontak-auth-error';
import type { QontakAuthOptions } from './qontak-auth-options';
import type { QontakLogger } from './qontak-logger';
import { safeLogger } from './safe-logger';
import type { QontakToken } from './qontak-token';
import type { TokenStore } from './token-store';

/** {@link QontakAuthOptions} with every default applied and every value checked. */
export interface ResolvedQontakAuthOptions {
  baseUrl: string;
  origin: string;
  allowedOrigins: ReadonlySet<string>;
  username: string;
  password: string;
  clientId: string;
  clientSecret: string;
  store: TokenStore;
  fetch: typeof globalThis.fetch;
  timeoutMs: number;
  refreshWindowMs: number;
  expiryMarginMs: number;
  refreshRetryDelayMs: number;
  retryAttempts: number;
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
  retryMaxElapsedMs: number;
  credentialFailureCooldownMs: number;
  unauthorizedRegrantIntervalMs: number;
  lockTtlMs: number;
  storeTimeoutMs: number;
  clock: () => number;
  logger: Required<QontakLogger>;
  onToken: ((token: QontakToken) => unknown) | undefined;
}

function configError(message: string): QontakAuthError {
  return new QontakAuthError(QontakAuthErrorCode.ConfigError, message);
}

/** Parses a base URL or allowed origin; the field name (never the value of a secret) goes in errors. */
function parseHttpUrl(value: string, field: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw configError(`QontakAuth: ${field} is not a valid URL.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw configError(`QontakAuth: ${field} must be an https:// URL.`);
  }
  if (!isSecureOrLoopback(url)) {
    throw configError(
      `QontakAuth: ${field} must use https:// (plain http:// is allowed only for loopback addresses such as 127.0.0.1).`,
    );
  }
  if (url.username || url.password) {
    throw configError(`QontakAuth: ${field} must not contain credentials.`);
  }
  return url;
}

/** The longest delay a Node timer can wait, in ms (2^31 - 1); a longer one fires after 1 ms. */
export const MAX_TIMER_MS = 2 ** 31 - 1;
/** The most attempts one grant may make. */
const MAX_ATTEMPTS = 100;

function duration(
  value: number | undefined,
  fallback: number,
  field: string,
  min = 0,
  max = MAX_TIMER_MS,
): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw configError(`QontakAuth: ${field} must be a number from ${min} to ${max}.`);
  }
  return value;
}

/**
 * Checks options and applies defaults.
 * @throws {QontakAuthError} `config_error` naming every missing or invalid field (never its value).
 */
export function resolveOptions(options: QontakAuthOptions): ResolvedQontakAuthOptions {
  if (typeof options !== 'object' || options === null) {
    throw configError('QontakAuth: options are required (at least username and password).');
  }
  const missing: string[] = [];
  const required = { username: options.username, password: options.password } as const;
  for (const [field, value] of Object.entries(required)) {
    if (typeof value !== 'string' || value.trim() === '') missing.push(field);
  }
  for (const field of ['clientId', 'clientSecret'] as const) {
    const value = options[field];
    if (value !== undefined && (typeof value !== 'string' || value.trim() === '')) missing.push(field);
  }
  if (missing.length > 0) {
    throw configError(
      `QontakAuth: missing or empty option${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}.`,
    );
  }

  const base = parseHttpUrl(options.baseUrl ?? QONTAK_BASE_URL, 'baseUrl');
  if (base.search || base.hash) throw configError('QontakAuth: baseUrl must not have a query or fragment.');
  const baseUrl = `${base.origin}${base.pathname.replace(/\/+$/, '')}`;
  const allowedOrigins = new Set<string>([base.origin]);
  for (const [index, origin] of (options.allowedOrigins ?? []).entries()) {
    allowedOrigins.add(parseHttpUrl(origin, `allowedOrigins[${index}]`).origin);
  }

  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== 'function') {
    throw configError('QontakAuth: no fetch implementation: pass options.fetch or use Node 20+.');
  }
  const clock = options.clock ?? Date.now;
  if (typeof clock !== 'function') throw configError('QontakAuth: clock must be a function returning ms.');

  const timeoutMs = duration(options.timeoutMs, 10_000, 'timeoutMs', 1);
  const retry = options.retry ?? {};
  const retryAttempts = Math.floor(duration(retry.attempts, 4, 'retry.attempts', 1, MAX_ATTEMPTS));
  const retryMaxElapsedMs = duration(retry.maxElapsedMs, 30_000, 'retry.maxElapsedMs');

  return {
    baseUrl,
    origin: base.origin,
    allowedOrigins,
    username: options.username,
    password: options.password,
    clientId: options.clientId ?? QONTAK_FULFILLMENT_CLIENT_ID,
    clientSecret: options.clientSecret ?? QONTAK_FULFILLMENT_CLIENT_SECRET,
    store: options.store ?? new MemoryTokenStore(),
    fetch: fetchImpl,
    timeoutMs,
    refreshWindowMs: duration(options.refreshWindowMs, 300_000, 'refreshWindowMs'),
    expiryMarginMs: duration(options.expiryMarginMs, 10_000, 'expiryMarginMs'),
    refreshRetryDelayMs: duration(options.refreshRetryDelayMs, 5_000, 'refreshRetryDelayMs'),
    retryAttempts,
    retryBaseDelayMs: duration(retry.baseDelayMs, 250, 'retry.baseDelayMs'),
    retryMaxDelayMs: duration(retry.maxDelayMs, 5_000, 'retry.maxDelayMs'),
    retryMaxElapsedMs,
    credentialFailureCooldownMs: duration(
      options.credentialFailureCooldownMs,
      60_000,
      'credentialFailureCooldownMs',
    ),
    unauthorizedRegrantIntervalMs: duration(
      options.unauthorizedRegrantIntervalMs,
      60_000,
      'unauthorizedRegrantIntervalMs',
      1_000,
    ),
    lockTtlMs: duration(
      options.lockTtlMs,
      Math.min(MAX_TIMER_MS, 2 * (retryMaxElapsedMs + timeoutMs) + 5_000),
      'lockTtlMs',
      1,
    ),
    storeTimeoutMs: duration(options.storeTimeoutMs, 2_000, 'storeTimeoutMs', 1),
    clock,
    logger: safeLogger(options.logger),
    onToken: options.onToken,
  };
}
