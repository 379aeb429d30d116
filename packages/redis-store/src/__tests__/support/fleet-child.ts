/**
 * One replica of a fleet, run as its own process by fleet.ts: a QontakAuth on a RedisTokenStore.
 * Prints `{"event":"ready"}`, waits for a line on stdin, runs FLEET_CALLERS concurrent
 * getAccessToken() calls, prints `{"event":"done", ...}` (token fingerprints, never tokens) and exits.
 * Prints `{"event":"locking"}` each time the core asks its store for the lock, so a test can see
 * this replica queue on a lock another replica holds.
 */
import { createHash } from 'node:crypto';
import { createInterface } from 'node:readline';
import { isQontakAuthError, QontakAuth } from '@qontak/auth-core';
import type { TokenStoreUnlock } from '@qontak/auth-core/store';
import { Redis } from 'ioredis';
import { RedisTokenStore } from '../../redis-token-store';

const env = process.env;
const number = (name: string, fallback: number) => Number(env[name] ?? fallback);
const send = (message: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(message)}\n`);

/** A RedisTokenStore that reports on stdout when it starts waiting for the lock. */
class ReportingRedisTokenStore extends RedisTokenStore {
  override lock(key: string, ttlMs: number, signal?: AbortSignal): Promise<TokenStoreUnlock> {
    send({ event: 'locking' });
    return super.lock(key, ttlMs, signal);
  }
}

const redis = new Redis({
  host: '127.0.0.1',
  port: number('FLEET_REDIS_PORT', 6379),
  maxRetriesPerRequest: 1,
  enableOfflineQueue: false,
  retryStrategy: () => null,
  lazyConnect: true,
});
const auth = QontakAuth.fromEnv(env, {
  store: new ReportingRedisTokenStore(redis),
  lockTtlMs: number('FLEET_LOCK_TTL_MS', 10_000),
  timeoutMs: number('FLEET_TIMEOUT_MS', 10_000),
  retry: { attempts: 1 },
  logger: {
    warn: (message, context) => process.stderr.write(`${message} ${JSON.stringify(context ?? {})}\n`),
  },
});

const fingerprint = (token: string) => createHash('sha256').update(token).digest('hex').slice(0, 16);

await redis.connect();
const lines = createInterface({ input: process.stdin });
const go = new Promise<void>((resolve) => lines.once('line', () => resolve()));
send({ event: 'ready' });
await go;
lines.close();

const callers = number('FLEET_CALLERS', 250);
const results = await Promise.allSettled(Array.from({ length: callers }, () => auth.getAccessToken()));
const tokens = new Set<string>();
const errors: string[] = [];
for (const result of results) {
  if (result.status === 'fulfilled') tokens.add(fingerprint(result.value));
  else errors.push(isQontakAuthError(result.reason) ? result.reason.code : String(result.reason));
}
send({ event: 'done', tokens: [...tokens], fulfilled: callers - errors.length, errors });
await auth.close();
redis.disconnect();
