import { MemoryTokenStore } from '../../stores/memory-token-store';
import { QontakToken } from '../../stores/token';
import type { TokenStoreUnlock } from '../../stores/token-store';

/** A store that loses the refresh token (and the informational times): the core could never refresh. */
export class RefreshDroppingStore extends MemoryTokenStore {
  override async set(key: string, token: QontakToken): Promise<void> {
    await super.set(key, new QontakToken({ accessToken: token.accessToken, expiresAt: token.expiresAt }));
  }
}

/** A store whose lock lets every caller in at once: a fleet would grant once per replica. */
export class NonExclusiveLockStore extends MemoryTokenStore {
  async lock(): Promise<TokenStoreUnlock> {
    return async () => undefined;
  }
}
