import { authFromOptions, type QontakCredentialOptions, type RequestAuthorizer } from '@qontak/auth-core';
import { configError } from '@qontak/auth-core/adapter';
import type { QontakAuthModuleOptions } from './qontak-auth.module-options';

/** What every `RequestAuthorizer` has, checked on an `{ authorizer }` the application passes in. */
const CONTRACT_METHODS = [
  'isAuthorizedUrl',
  'authorizeRequest',
  'authorizeRedirect',
  'handleUnauthorized',
  'handleAccepted',
  'ready',
  'getAccessToken',
  'fetch',
  'close',
] as const;

/** Whether `options` hand the module a ready authorizer (`{ authorizer }`) rather than credentials. */
export function givesAuthorizer(options: QontakAuthModuleOptions | null | undefined): boolean {
  return typeof options === 'object' && options !== null && 'authorizer' in options;
}

/**
 * The module's authorizer: the `{ authorizer }` given, or the scheme that credential options configure,
 * built by `authFromOptions` of `@qontak/auth-core` (which picks it by the credential fields set).
 * @throws {QontakAuthError} `config_error` when `authorizer` is not a `RequestAuthorizer` or comes with
 *   other options, or (from `authFromOptions`) when no credential, half of one or more than one is set,
 *   or a value is invalid; the message names fields, never their values.
 */
export function createModuleAuthorizer(options: QontakAuthModuleOptions): RequestAuthorizer {
  if (!givesAuthorizer(options)) return authFromOptions(options as QontakCredentialOptions);
  const { authorizer, ...others } = options as { authorizer: unknown } & Record<string, unknown>;
  const extra = Object.keys(others).filter((key) => others[key] !== undefined);
  if (extra.length > 0) {
    throw configError(
      'QontakAuthModule',
      `with authorizer, the module takes no other options, but ${extra.join(', ')} ${extra.length > 1 ? 'are' : 'is'} set: configure the authorizer itself, or pass credential options instead of authorizer.`,
    );
  }
  const candidate = authorizer as Partial<Record<string, unknown>> | null | undefined;
  const isAuthorizer =
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate['baseUrl'] === 'string' &&
    CONTRACT_METHODS.every((method) => typeof candidate[method] === 'function');
  if (!isAuthorizer) {
    throw configError(
      'QontakAuthModule',
      'authorizer must be a RequestAuthorizer (a QontakAuth, QontakAccessTokenAuth, MekariHmacAuth or your own implementation of the contract).',
    );
  }
  return authorizer as RequestAuthorizer;
}
