import diagnosticsChannel from 'node:diagnostics_channel';
import type { QontakAuthErrorCode } from '../errors/auth-error';

/**
 * The `node:diagnostics_channel` channels the toolkit publishes on, by name: subscribe with
 * `diagnostics_channel.subscribe(QONTAK_CHANNELS.grant, onGrant)`. Nothing is built or sent while a
 * channel has no subscriber. No message ever holds a secret.
 */
export const QONTAK_CHANNELS = {
  /** One {@link QontakGrantEvent} per grant (a password or refresh-token grant, retries included). */
  grant: 'qontak:auth:grant',
  /** One {@link QontakInvalidateEvent} per 401 reported to a scheme (`handleUnauthorized` / `invalidate`). */
  invalidate: 'qontak:auth:invalidate',
  /** One {@link QontakCooldownEvent} each time rejected credentials start a cooldown. */
  cooldown: 'qontak:auth:cooldown',
} as const;

/** What {@link QONTAK_CHANNELS.grant} carries. */
export interface QontakGrantEvent {
  /** The grant type sent to the token endpoint. */
  readonly grantType: 'password' | 'refresh_token';
  /** Whether the grant ended with a token. */
  readonly outcome: 'success' | 'failure';
  /** How long the grant took, retries included, in ms (by the instance's clock). */
  readonly durationMs: number;
  /** How many requests the grant made (1 without retries). */
  readonly attempts: number;
  /** The failure's code, when it failed. */
  readonly errorCode?: QontakAuthErrorCode | undefined;
  /** The token endpoint's origin, e.g. `https://chat-service.qontak.com`. */
  readonly origin: string;
}

/** What {@link QONTAK_CHANNELS.invalidate} carries. */
export interface QontakInvalidateEvent {
  /** The scheme that got the 401: `password` (`QontakAuth`), `access-token`, `mekari-hmac`. */
  readonly scheme: 'password' | 'access-token' | 'mekari-hmac';
  /**
   * What the 401 did: `revoked` (the token had been accepted before, so it was revoked: dropped, the
   * next request gets a new one), `dropped` (a token never accepted yet was dropped: the next request
   * gets a new one), `replaced` (it had been replaced already), `kept` (a token never accepted, refused
   * while the bound of `unauthorizedRegrantIntervalMs` holds: the token stays and the 401 reaches the
   * caller), `final` (nothing to renew: a dashboard token or a signature).
   */
  readonly outcome: 'revoked' | 'dropped' | 'replaced' | 'kept' | 'final';
}

/** What {@link QONTAK_CHANNELS.cooldown} carries. */
export interface QontakCooldownEvent {
  /** Why: `invalid_grant` (the password) or `invalid_client` (the OAuth client). */
  readonly errorCode: QontakAuthErrorCode;
  /** How long every call fails fast with that error, in ms. */
  readonly cooldownMs: number;
}

/** The channels, made once: publishing costs one property read while nobody subscribes. */
export const grantChannel = diagnosticsChannel.channel(QONTAK_CHANNELS.grant);
export const invalidateChannel = diagnosticsChannel.channel(QONTAK_CHANNELS.invalidate);
export const cooldownChannel = diagnosticsChannel.channel(QONTAK_CHANNELS.cooldown);
