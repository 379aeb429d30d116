import type { QontakAxiosRequestOptions } from './qontak-axios-request-options';

/**
 * The `qontakAuth` value of a request this interceptor replays after a 401: the caller's own options,
 * marked as already replayed. A class instance (not a plain object), so axios's config merge passes
 * it through unchanged and the replay can be recognised: a replay is never replayed again.
 */
export class ReplayedRequest implements QontakAxiosRequestOptions {
  readonly replayOnUnauthorized: boolean | undefined;

  constructor(original: QontakAxiosRequestOptions | undefined) {
    this.replayOnUnauthorized = original?.replayOnUnauthorized;
  }
}
