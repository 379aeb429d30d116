import { execFileSync } from 'node:child_process';
import { open, mkdtemp, rm } from 'node:fs/promises';
import { constants } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileTokenStore } from '../stores/file-token-store';
import type { QontakToken } from '../stores/token';
import type { TokenStore, TokenStoreUnlock } from '../stores/token-store';
import { authFor, emulator, RecordingLogger } from './support/emulator-fixture';

/** A promise that never settles: a store call that gets no answer. */
const never = <T>(): Promise<T> => new Promise<T>(() => undefined);

/** Settles with `promise`, or fails the test (a hang detector, not a speed assertion). */
async function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`did not settle within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, hang]);
  } finally {
    clearTimeout(timer);
  }
}

/** A store whose chosen operations never answer; the others behave like a memory store. */
function silentStore(silent: ReadonlyArray<keyof TokenStore>, withLock = false): TokenStore {
  const tokens = new Map<string, QontakToken>();
  const store: TokenStore = {
    get: (key) => (silent.includes('get') ? never() : Promise.resolve(tokens.get(key))),
    set: async (key, token) => {
      if (silent.includes('set')) return never();
      tokens.set(key, token);
    },
    delete: async (key) => {
      if (silent.includes('delete')) return never();
      tokens.delete(key);
    },
  };
  if (withLock) {
    store.lock = (): Promise<TokenStoreUnlock> =>
      silent.includes('lock') ? never() : Promise.resolve(async () => undefined);
  }
  return store;
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('QontakAuth with a token store that does not answer', () => {
  it.each([
    ['get', ['get']],
    ['set', ['set']],
    ['get, set and delete', ['get', 'set', 'delete']],
  ] as const)('grants and serves from memory when %s never answers', async (_name, silent) => {
    const server = await emulator();
    const logger = new RecordingLogger();
    const auth = authFor(server, { store: silentStore(silent), storeTimeoutMs: 50, logger });
    const token = await within(5_000, auth.getAccessToken());
    expect(await within(5_000, auth.getAccessToken())).toBe(token);
    expect(server.stats().grants.total).toBe(1);
    expect(logger.lines.some((line) => line.includes('did not answer'))).toBe(true);
    await within(5_000, auth.invalidate(token));
  });

  it('grants without the lock when lock() never answers, within timeoutMs + storeTimeoutMs', async () => {
    const server = await emulator();
    const store = silentStore(['lock'], true);
    const get = store.get.bind(store);
    let reads = 0;
    store.get = (key) => {
      reads += 1;
      return get(key);
    };
    const logger = new RecordingLogger();
    const auth = authFor(server, { store, storeTimeoutMs: 50, timeoutMs: 200, logger });
    await within(5_000, auth.getAccessToken());
    expect(server.stats().grants.total).toBe(1);
    // A lock held past the wait is contention, not a silent store: the store is read again after the
    // wait (another process may have stored a token), and the next grant waits for the lock again.
    expect(reads).toBe(2);
    expect(logger.lines.some((line) => line.includes('granting without its lock'))).toBe(false);
  });

  it('does not wait for the lock of a store whose read went unanswered, and uses it again once it answers', async () => {
    const server = await emulator();
    const logger = new RecordingLogger();
    let answering = false;
    let locks = 0;
    const tokens = new Map<string, QontakToken>();
    const store: TokenStore = {
      get: (key) => (answering ? Promise.resolve(tokens.get(key)) : never()),
      set: async (key, token) => {
        tokens.set(key, token);
      },
      delete: async (key) => {
        tokens.delete(key);
      },
      lock: () => {
        locks += 1;
        return answering ? Promise.resolve(async () => undefined) : never();
      },
    };
    // A lock that never answers would cost timeoutMs + storeTimeoutMs (10 s) per grant.
    const auth = authFor(server, { store, storeTimeoutMs: 50, timeoutMs: 10_000, logger });
    const first = await within(2_000, auth.getAccessToken());
    expect(locks).toBe(0);
    expect(logger.lines.some((line) => line.includes('granting without its lock'))).toBe(true);

    answering = true;
    await auth.invalidate(first);
    expect(await within(2_000, auth.getAccessToken())).not.toBe(first);
    expect(locks).toBe(1);
    expect(server.stats().grants.total).toBe(2);
  });

  it('is not hung by a FIFO at the FileTokenStore path', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'qontak-fifo-'));
    const path = join(dir, 'tokens.json');
    execFileSync('mkfifo', [path]);
    cleanups.push(async () => {
      // Open the write end so that any read still blocked on the FIFO sees end-of-file and frees its thread.
      const writer = await open(path, constants.O_WRONLY | constants.O_NONBLOCK).catch(() => undefined);
      await writer?.close();
      await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
    });
    const server = await emulator();
    const auth = authFor(server, { store: new FileTokenStore(path), storeTimeoutMs: 100 });
    await within(5_000, auth.getAccessToken());
    expect(server.stats().grants.total).toBe(1);
  });

  it('refuses a storeTimeoutMs that is not a positive duration', () => {
    expect(() => authFor({ url: 'http://127.0.0.1:9' } as never, { storeTimeoutMs: 0 })).toThrow(
      /storeTimeoutMs/,
    );
  });
});
