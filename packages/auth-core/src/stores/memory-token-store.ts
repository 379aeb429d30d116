import type { QontakToken } from './token';
import type { TokenStore } from './token-store';

/**
 * A {@link TokenStore} in this process's memory: the default. Share one instance between several
 * {@link QontakAuth} instances of one process to share their token.
 */
export class MemoryTokenStore implements TokenStore {
  readonly #tokens = new Map<string, QontakToken>();

  async get(key: string): Promise<QontakToken | undefined> {
    return this.#tokens.get(key);
  }

  async set(key: string, token: QontakToken): Promise<void> {
    this.#tokens.set(key, token);
  }

  async delete(key: string): Promise<void> {
    this.#tokens.delete(key);
  }

  async deleteIf(key: string, accessToken: string): Promise<void> {
    if (this.#tokens.get(key)?.accessToken === accessToken) this.#tokens.delete(key);
  }
}
