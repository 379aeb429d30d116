import {
  QONTAK_API_PATH,
  QONTAK_BASE_URL,
  QONTAK_FULFILLMENT_CLIENT_ID,
  QONTAK_FULFILLMENT_CLIENT_SECRET,
} from '../config/constants';
import { MemoryTokenStore } from '../stores/memory-token-store';
import type { QontakAuthOptions } from './password-auth-options';
import type { QontakToken } from '../stores/token';
import {
  requireStrings,
  resolveAuthorizerOptions,
  type ResolvedAuthorizerOptions,
} from '../contract/resolve-authorizer-options';
import { durationOption, MAX_TIMER_MS, type DurationRange } from '../config/durations';
import { configError } from '../errors/config-error';
import type { TokenStore } from '../stores/token-store';

/** {@link QontakAuthOptions} with every default applied and every value checked. */
export interface ResolvedQontakAuthOptions extends ResolvedAuthorizerOptions {
  readonly username: string;
  readonly password: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly store: TokenStore;
  readonly timeoutMs: number;
  readonly refreshWindowMs: number;
  readonly expiryMarginMs: number;
  readonly refreshRetryDelayMs: number;
  readonly retryAttempts: number;
  readonly retryBaseDelayMs: number;
  readonly retryMaxDelayMs: number;
  readonly retryMaxElapsedMs: number;
  readonly credentialFailureCooldownMs: number;
  readonly unauthorizedRegrantIntervalMs: number;
  readonly lockTtlMs: number;
  readonly storeTimeoutMs: number;
  readonly onToken: ((token: QontakToken) => unknown) | undefined;
}

/** The most attempts one grant may make. */
const MAX_ATTEMPTS = 100;
const SCHEME = 'QontakAuth';

function duration(value: number | undefined, fallback: number, field: string, range?: DurationRange): number {
  return durationOption(SCHEME, field, value, fallback, range);
}

/** `retry.attempts`, checked and rounded down. */
function attempts(value: number | undefined): number {
  if (value === undefined) return 4;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 1 || value > MAX_ATTEMPTS) {
    throw configError(SCHEME, `retry.attempts must be a number from 1 to ${MAX_ATTEMPTS}.`);
  }
  return Math.floor(value);
}

/**
 * Checks {@link QontakAuthOptions} and applies defaults.
 * @throws {QontakAuthError} `config_error` naming every missing or invalid field (never its value).
 */
export function resolveQontakAuthOptions(options: QontakAuthOptions): ResolvedQontakAuthOptions {
  requireStrings(SCHEME, options, ['username', 'password']);
  const blank = (['clientId', 'clientSecret'] as const).filter((field) => {
    const value: unknown = options[field];
    return value !== undefined && (typeof value !== 'string' || value.trim() === '');
  });
  if (blank.length > 0) {
    throw configError(SCHEME, `missing or empty option${blank.length > 1 ? 's' : ''}: ${blank.join(', ')}.`);
  }
  const common = resolveAuthorizerOptions(SCHEME, options, {
    defaultBaseUrl: QONTAK_BASE_URL,
    path: QONTAK_API_PATH,
  });
  const timeoutMs = duration(options.timeoutMs, 10_000, 'timeoutMs', { min: 1 });
  const retry = options.retry ?? {};
  const retryMaxElapsedMs = duration(retry.maxElapsedMs, 30_000, 'retry.maxElapsedMs');
  return {
    ...common,
    username: options.username,
    password: options.password,
    clientId: options.clientId ?? QONTAK_FULFILLMENT_CLIENT_ID,
    clientSecret: options.clientSecret ?? QONTAK_FULFILLMENT_CLIENT_SECRET,
    store: options.store ?? new MemoryTokenStore(),
    timeoutMs,
    refreshWindowMs: duration(options.refreshWindowMs, 300_000, 'refreshWindowMs'),
    expiryMarginMs: duration(options.expiryMarginMs, 10_000, 'expiryMarginMs'),
    refreshRetryDelayMs: duration(options.refreshRetryDelayMs, 5_000, 'refreshRetryDelayMs'),
    retryAttempts: attempts(retry.attempts),
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
      { min: 1_000 },
    ),
    lockTtlMs: duration(
      options.lockTtlMs,
      Math.min(MAX_TIMER_MS, 2 * (retryMaxElapsedMs + timeoutMs) + 5_000),
      'lockTtlMs',
      { min: 1 },
    ),
    storeTimeoutMs: duration(options.storeTimeoutMs, 2_000, 'storeTimeoutMs', { min: 1 }),
    onToken: options.onToken,
  };
}
