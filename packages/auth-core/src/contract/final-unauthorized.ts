import { invalidateChannel, type QontakInvalidateEvent } from '../logging/diagnostic-channels';
import type { QontakLogger } from '../logging/logger';

/**
 * How a scheme whose credential cannot be renewed (a dashboard access token, an HMAC signature) takes
 * a 401: never a replay, one warning the first time its own credential was refused, and a `final`
 * invalidate event each time.
 */
export class FinalUnauthorized {
  readonly #scheme: QontakInvalidateEvent['scheme'];
  readonly #logger: Required<QontakLogger>;
  readonly #warning: string;
  #warned = false;

  /**
   * @param scheme the scheme named in the invalidate event.
   * @param logger where the warning goes.
   * @param warning what the operator must do, logged once.
   */
  constructor(scheme: QontakInvalidateEvent['scheme'], logger: Required<QontakLogger>, warning: string) {
    this.#scheme = scheme;
    this.#logger = logger;
    this.#warning = warning;
  }

  /**
   * Records a 401; `carriedOwnCredential` tells whether the refused request carried this scheme's
   * credential (a 401 to another header says nothing about it). Always `false`: a replay would be refused again.
   */
  report(carriedOwnCredential: boolean): false {
    if (carriedOwnCredential && !this.#warned) {
      this.#warned = true;
      this.#logger.warn(this.#warning);
    }
    if (invalidateChannel.hasSubscribers)
      invalidateChannel.publish({ scheme: this.#scheme, outcome: 'final' });
    return false;
  }
}
