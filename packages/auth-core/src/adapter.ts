/**
 * `@qontak/auth-core/adapter`: for authors of HTTP-client adapters (the axios interceptor and the typed
 * client are two). {@link fetchHopByHop} sends a request with a `RequestAuthorizer`'s credentials and
 * follows its redirects by hand, hop by hop, under the same rules as `auth.fetch`;
 * {@link readBoundedBody} reads an answer up to a size, stopped at once by a signal;
 * {@link isPlainPathSegment} tells whether a value stays one path segment however a lenient server
 * decodes it; {@link redactSentCredentials} takes the credentials a scheme's `fetch` sent out of what
 * the server answered; {@link parseRetryAfter} reads how long a `Retry-After` asks to wait and
 * {@link backoffDelay} is the jittered backoff of a retry.
 */
export { readBoundedBody } from './contract/bounded-body';
export { fetchHopByHop } from './contract/fetch-hop-by-hop';
export type { HopByHopResponse } from './contract/fetch-hop-by-hop';
export { isPlainPathSegment } from './contract/lenient-path';
export { redactSentCredentials } from './contract/sent-credentials';
export { backoffDelay, parseRetryAfter } from './password/retry-policy';
// For adapters and stores that check options and log as the core does.
export { durationOption, MAX_TIMER_MS } from './config/durations';
export type { DurationRange } from './config/durations';
export { configError } from './errors/config-error';
export { safeLogger } from './logging/safe-logger';
