// One replica of the fleet scenario: a process with its own QontakAuth (built packages), with the
// Redis store or the default memory store. Environment: FLEET_BASE_URL, FLEET_STORE ('redis' |
// 'memory'), FLEET_REDIS_PORT, FLEET_CALLERS. Reports ready, waits for { type: 'go' }, then starts
// FLEET_CALLERS concurrent getAccessToken() calls, checks the token on the health route, and reports
// counts and a short digest of the token (never the token itself).
import { createHash } from 'node:crypto';
import { QontakAuth } from '@qontak/auth-core';
import { DEMO_PASSWORD, DEMO_USERNAME } from '@qontak/emulator';
import { RedisTokenStore } from '@qontak/redis-store';
import { Redis } from 'ioredis';

const baseUrl = process.env.FLEET_BASE_URL ?? '';
const useRedis = process.env.FLEET_STORE === 'redis';
const callers = Number(process.env.FLEET_CALLERS ?? '1000');

const redis = useRedis
  ? new Redis({ host: '127.0.0.1', port: Number(process.env.FLEET_REDIS_PORT), maxRetriesPerRequest: 1 })
  : undefined;
if (redis) await redis.ping();
const auth = new QontakAuth({
  baseUrl,
  username: DEMO_USERNAME,
  password: DEMO_PASSWORD,
  store: redis ? new RedisTokenStore(redis) : undefined,
});

process.on('message', async (message) => {
  if (message?.type !== 'go') return;
  const settled = await Promise.allSettled(Array.from({ length: callers }, () => auth.getAccessToken()));
  const tokens = new Set();
  let rejected = 0;
  let firstError;
  for (const result of settled) {
    if (result.status === 'fulfilled') tokens.add(result.value);
    else {
      rejected++;
      firstError ??= String(result.reason?.code ?? result.reason?.name ?? result.reason);
    }
  }
  const [token] = tokens;
  let healthStatus = 0;
  if (token !== undefined) {
    const response = await fetch(`${baseUrl}/api/open/v1/health`, {
      headers: { authorization: `Bearer ${token}` },
    });
    await response.arrayBuffer();
    healthStatus = response.status;
  }
  const digests = [...tokens].map((t) => createHash('sha256').update(t).digest('hex').slice(0, 12));
  process.send?.({
    type: 'report',
    fulfilled: callers - rejected,
    rejected,
    firstError,
    digests,
    healthStatus,
  });
  await auth.close();
  redis?.disconnect();
  process.disconnect?.();
  process.exit(0);
});

process.send?.({ type: 'ready' });
