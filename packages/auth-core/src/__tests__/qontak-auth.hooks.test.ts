import { describe, expect, it } from 'vitest';
import { pollForLock } from '../stores/poll-for-lock';
import type { QontakToken } from '../stores/token';
import type { TokenStore, TokenStoreUnlock } from '../stores/token-store';
import { authFor, emulator, healthStatus, ManualClock, RecordingLogger } from './support/emulator-fixture';

describe('QontakAuth hooks, logger and store lock', () => {
  it('ignores (and logs) an async onToken hook that rejects', async () => {
    const server = await emulator();
    const logger = new RecordingLogger();
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const auth = authFor(server, {
        logger,
        onToken: async () => Promise.reject(new Error('database down')),
      });
      const token = await auth.getAccessToken();
      expect(await healthStatus(server, token)).toBe(200);
      await expect.poll(() => logger.lines.some((line) => line.includes('onToken hook failed'))).toBe(true);
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('keeps working with a logger that throws', async () => {
    const server = await emulator();
    const throwing = () => {
      throw new Error('log sink full');
    };
    const auth = authFor(server, { logger: { info: throwing, warn: throwing, error: throwing } });
    server.faults.inject('token', { type: 'status', status: 503 }, 1);
    const token = await auth.getAccessToken();
    expect(await healthStatus(server, token)).toBe(200);
  });

  it('falls back to the password grant when the server refuses the refresh grant type', async () => {
    const clock = new ManualClock();
    const server = await emulator({ clock: clock.read });
    const auth = authFor(server, { clock: clock.read });
    const first = await auth.getAccessToken();
    server.faults.inject(
      'token',
      {
        type: 'raw',
        status: 400,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ error: 'unsupported_grant_type', error_description: 'not enabled' }),
      },
      1,
    );
    clock.advance(7_200_000 - 1_000);
    const token = await auth.getAccessToken();
    expect(token).not.toBe(first);
    expect(await healthStatus(server, token)).toBe(200);
    expect(server.stats().grants.password.ok).toBe(2);
  });

  it('stops waiting for a store lock held elsewhere when closed', async () => {
    const server = await emulator();
    const tokens = new Map<string, QontakToken>();
    const heldElsewhere: TokenStore = {
      get: async (key) => tokens.get(key),
      set: async (key, token) => void tokens.set(key, token),
      delete: async (key) => void tokens.delete(key),
      lock: async (_key, _ttlMs, signal): Promise<TokenStoreUnlock> => {
        await pollForLock({
          tryAcquire: async () => false,
          waitMs: 600_000,
          holder: 'test: another process',
          signal,
        });
        return async () => undefined;
      },
    };
    const auth = authFor(server, { store: heldElsewhere });
    const pending = auth.getAccessToken();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await auth.close();
    await expect(pending).rejects.toMatchObject({ code: 'config_error' });
    expect(server.stats().grants.total).toBe(0);
  });
});
