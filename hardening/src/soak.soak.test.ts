import { Agent } from 'node:http';
import { QONTAK_HEALTH_PATH, QontakAuth } from '@qontak/auth-core';
import { createQontakAxios } from '@qontak/axios-interceptor';
import { isAxiosError } from 'axios';
import { describe, expect, it } from 'vitest';
import { accountOptions, startTestEmulator } from './support/test-account';
import { pause } from './support/within';

/**
 * Soak: 2-second tokens under constant concurrent load through the axios instance, for
 * `SOAK_SECONDS` (default 30). With the default refresh window (at most half the lifetime) a token is
 * refreshed in the background about 1 s after it was obtained, so the grants should be close to
 * duration / 1 s; no request may fail; the heap must stay flat after warm-up.
 */

const SOAK_SECONDS = Number(process.env['SOAK_SECONDS'] ?? '30');
const WORKERS = 16;
const TOKEN_TTL_SECONDS = 2;
/** Background refresh starts `min(refreshWindowMs, lifetime / 2)` before expiry: 1 s after issue. */
const REFRESH_INTERVAL_S = TOKEN_TTL_SECONDS / 2;
const HEAP_GROWTH_LIMIT_MB = typeof globalThis.gc === 'function' ? 16 : 64;

function heapUsedMb(): number {
  globalThis.gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

describe('soak', () => {
  it(`serves ${SOAK_SECONDS} s of ${WORKERS}-worker load with ${TOKEN_TTL_SECONDS} s tokens: 0 failures, grants near duration / refresh interval, flat heap`, async () => {
    expect(SOAK_SECONDS).toBeGreaterThanOrEqual(5);
    const emulator = await startTestEmulator({ tokenTtlSeconds: TOKEN_TTL_SECONDS });
    const auth = new QontakAuth(
      accountOptions(emulator, {
        timeoutMs: 2_000,
        retry: { attempts: 3, baseDelayMs: 20, maxDelayMs: 200 },
      }),
    );
    const agent = new Agent({ keepAlive: true, maxSockets: WORKERS });
    const http = createQontakAxios(auth, { httpAgent: agent });
    const counts = { ok: 0, failed: 0 };
    const failures = new Map<string, number>();
    const started = Date.now();
    const deadline = started + SOAK_SECONDS * 1_000;
    const warmUpEnd = started + Math.min(5_000, SOAK_SECONDS * 200);

    const worker = async (): Promise<void> => {
      while (Date.now() < deadline) {
        try {
          const response = await http.get(QONTAK_HEALTH_PATH);
          if (response.status === 200) counts.ok += 1;
          else counts.failed += 1;
        } catch (error) {
          counts.failed += 1;
          const key = isAxiosError(error) ? `axios ${error.response?.status ?? error.code}` : String(error);
          failures.set(key, (failures.get(key) ?? 0) + 1);
        }
      }
    };

    try {
      const load = Promise.all(Array.from({ length: WORKERS }, () => worker()));
      await pause(warmUpEnd - Date.now());
      const heapAfterWarmUp = heapUsedMb();
      let heapPeak = heapAfterWarmUp;
      while (Date.now() < deadline - 1_000) {
        await pause(1_000);
        heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed / 1024 / 1024);
      }
      await load;
      const heapAtEnd = heapUsedMb();
      const elapsedS = (Date.now() - started) / 1_000;
      const stats = emulator.stats();
      const grants = stats.grants.password.ok + stats.grants.refresh_token.ok;
      const expectedGrants = elapsedS / REFRESH_INTERVAL_S;
      console.log(
        `\nSoak: ${elapsedS.toFixed(1)} s, ${WORKERS} workers, ${counts.ok} requests ok ` +
          `(${Math.round(counts.ok / elapsedS)}/s), ${counts.failed} failed ${JSON.stringify([...failures])}; ` +
          `grants ${grants} (password ${stats.grants.password.ok}, refresh ${stats.grants.refresh_token.ok}, ` +
          `failed ${stats.grants.password.failed + stats.grants.refresh_token.failed}) vs ~${expectedGrants.toFixed(0)} ` +
          `expected; 401s replayed ${stats.health[401] ?? 0}; heap ${heapAfterWarmUp.toFixed(1)} MB after warm-up, ` +
          `${heapAtEnd.toFixed(1)} MB at the end, peak ${heapPeak.toFixed(1)} MB ` +
          `(gc ${typeof globalThis.gc === 'function' ? 'exposed' : 'not exposed'}).\n`,
      );
      expect(counts.failed).toBe(0);
      expect(counts.ok).toBeGreaterThan(SOAK_SECONDS * 100);
      expect(grants).toBeGreaterThanOrEqual(Math.floor(expectedGrants * 0.6));
      expect(grants).toBeLessThanOrEqual(Math.ceil(expectedGrants * 1.3) + 1);
      expect(heapAtEnd - heapAfterWarmUp).toBeLessThan(HEAP_GROWTH_LIMIT_MB);
    } finally {
      agent.destroy();
      await auth.close();
      await emulator.close();
    }
  });
});
