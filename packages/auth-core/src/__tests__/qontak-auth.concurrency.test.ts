import { describe, expect, it } from 'vitest';
import { MemoryTokenStore } from '../stores/memory-token-store';
import type { QontakToken } from '../stores/token';
import type { TokenStore, TokenStoreUnlock } from '../stores/token-store';
import { authFor, emulator, healthStatus } from './support/emulator-fixture';

/** A shared in-memory store with a real mutex, recording the order of its calls. */
class LockingStore implements TokenStore {
  readonly calls: string[] = [];
  readonly #inner = new MemoryTokenStore();
  #queue: Promise<void> = Promise.resolve();

  async get(key: string) {
    this.calls.push('get');
    return this.#inner.get(key);
  }
  async set(key: string, token: QontakToken) {
    this.calls.push('set');
    return this.#inner.set(key, token);
  }
  async delete(key: string) {
    this.calls.push('delete');
    return this.#inner.delete(key);
  }
  lock(_key: string, _ttlMs: number): Promise<TokenStoreUnlock> {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const acquired = this.#queue.then(() => {
      this.calls.push('lock');
      return async () => {
        this.calls.push('unlock');
        release();
      };
    });
    this.#queue = this.#queue.then(() => held);
    return acquired;
  }
}

describe('QontakAuth single flight', () => {
  it('shares one password grant between 1,000 concurrent callers', async () => {
    const server = await emulator();
    const auth = authFor(server);
    const tokens = await Promise.all(Array.from({ length: 1000 }, () => auth.getAccessToken()));
    expect(new Set(tokens).size).toBe(1);
    expect(server.stats().grants.password).toEqual({ ok: 1, failed: 0 });
    expect(await healthStatus(server, tokens[0]!)).toBe(200);
  });

  it('serves the cached token without asking the server again', async () => {
    const server = await emulator();
    const auth = authFor(server);
    const first = await auth.getAccessToken();
    for (let i = 0; i < 100; i++) expect(await auth.getAccessToken()).toBe(first);
    expect(server.stats().grants.total).toBe(1);
  });

  it('turns 100 concurrent invalidations of the same token into exactly one new grant', async () => {
    const server = await emulator();
    const auth = authFor(server);
    const old = await auth.getAccessToken();
    const renewed = await Promise.all(
      Array.from({ length: 100 }, async () => {
        await auth.invalidate(old);
        return auth.getAccessToken();
      }),
    );
    expect(new Set(renewed).size).toBe(1);
    expect(renewed[0]).not.toBe(old);
    expect(server.stats().grants.password.ok).toBe(2);
  });

  it('ignores invalidate() of a token that is no longer the current one', async () => {
    const server = await emulator();
    const auth = authFor(server);
    const old = await auth.getAccessToken();
    await auth.invalidate(old);
    const current = await auth.getAccessToken();
    await auth.invalidate(old);
    expect(await auth.getAccessToken()).toBe(current);
    expect(server.stats().grants.password.ok).toBe(2);
  });

  it('lets a second instance on the same store make 0 grants', async () => {
    const server = await emulator();
    const store = new MemoryTokenStore();
    const first = authFor(server, { store });
    const second = authFor(server, { store });
    const token = await first.getAccessToken();
    expect(await second.getAccessToken()).toBe(token);
    expect(server.stats().grants.total).toBe(1);
  });

  it('re-reads a locking store under the lock, so racing instances make one grant', async () => {
    const server = await emulator();
    const store = new LockingStore();
    const instances = Array.from({ length: 5 }, () => authFor(server, { store }));
    const tokens = await Promise.all(
      instances.flatMap((auth) => Array.from({ length: 20 }, () => auth.getAccessToken())),
    );
    expect(new Set(tokens).size).toBe(1);
    expect(server.stats().grants.total).toBe(1);
    // Each lock holder after the first finds the token by reading the store before it would grant.
    const afterLocks = store.calls.flatMap((call, i) => (call === 'lock' ? [store.calls[i + 1]] : []));
    expect(afterLocks.length).toBe(5);
    expect(afterLocks.every((call) => call === 'get')).toBe(true);
    expect(store.calls.filter((call) => call === 'set')).toHaveLength(1);
  });

  it('invalidate() and revoke() leave a newer token that another instance stored', async () => {
    const server = await emulator();
    const store = new MemoryTokenStore();
    const first = authFor(server, { store });
    const old = await first.getAccessToken();
    const second = authFor(server, { store });
    await second.invalidate(old); // the second instance saw a 401 with the old token
    const newer = await second.getAccessToken();
    expect(newer).not.toBe(old);

    await first.invalidate(old); // a late 401 on the first instance, with the old token
    expect((await store.get(first.storeKey))?.accessToken).toBe(newer);
    expect(await first.getAccessToken()).toBe(newer);
    expect(server.stats().grants.total).toBe(2);
  });
});
