import { QontakAuth, type QontakLogger } from '@qontak/auth-core';
import { startEmulator, type QontakEmulator } from '@qontak/emulator';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { RedisTokenStore } from '../redis-token-store';
import { spawnReplica, stopReplicas, until } from './support/fleet';
import { useRedis } from './support/redis-fixture';
import { startRedis, type RedisServer } from './support/redis-server';

const USERNAME = 'fleet@example.com';
const PASSWORD = 'S3ntinel-Fleet-Password-51ac';
const CLIENT_ID = 'fleet-client';
const CLIENT_SECRET = 'S3ntinel-Fleet-Secret-0e97';

const redisFixture = useRedis();
const emulators: QontakEmulator[] = [];
const auths: QontakAuth[] = [];
const servers: RedisServer[] = [];

afterEach(async () => {
  await stopReplicas();
  await Promise.all(auths.splice(0).map((auth) => auth.close()));
  await Promise.all(emulators.splice(0).map((emulator) => emulator.close()));
  await Promise.all(servers.splice(0).map((server) => server.stop()));
});

async function emulator(): Promise<QontakEmulator> {
  const server = await startEmulator({
    users: [{ username: USERNAME, password: PASSWORD }],
    clients: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }],
  });
  emulators.push(server);
  return server;
}

function auth(
  server: QontakEmulator,
  options: Partial<ConstructorParameters<typeof QontakAuth>[0]> = {},
): QontakAuth {
  const created = new QontakAuth({
    baseUrl: server.url,
    username: USERNAME,
    password: PASSWORD,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    retry: { attempts: 1 },
    ...options,
  });
  auths.push(created);
  return created;
}

/** The environment of a replica process talking to `server` and the test file's Redis. */
function replicaEnv(server: QontakEmulator, extra: Record<string, string> = {}): Record<string, string> {
  return {
    QONTAK_BASE_URL: server.url,
    QONTAK_USERNAME: USERNAME,
    QONTAK_PASSWORD: PASSWORD,
    QONTAK_CLIENT_ID: CLIENT_ID,
    QONTAK_CLIENT_SECRET: CLIENT_SECRET,
    FLEET_REDIS_PORT: String(redisFixture.server.port),
    ...extra,
  };
}

/** A logger that keeps every warning (message and context) for assertions. */
function recordingLogger(): QontakLogger & { warnings: string[] } {
  const warnings: string[] = [];
  return {
    warnings,
    warn: (message, context) => warnings.push(`${message} ${JSON.stringify(context ?? {})}`),
  };
}

describe('a fleet sharing a RedisTokenStore', () => {
  it('makes 4 processes x 250 concurrent callers on an empty Redis share exactly 1 password grant', async () => {
    const server = await emulator();
    server.faults.inject('token', { type: 'latency', ms: 200 });
    await (await redisFixture.connected()).flushdb();
    const replicas = [1, 2, 3, 4].map(() => spawnReplica(replicaEnv(server, { FLEET_CALLERS: '250' })));
    await Promise.all(replicas.map((replica) => replica.ready));
    for (const replica of replicas) replica.go();
    const reports = await Promise.all(replicas.map((replica) => replica.report));

    expect(reports.map((report) => report.fulfilled)).toEqual([250, 250, 250, 250]);
    expect(reports.flatMap((report) => report.errors)).toEqual([]);
    expect(new Set(reports.flatMap((report) => report.tokens)).size).toBe(1);
    expect(server.stats().grants.password).toEqual({ ok: 1, failed: 0 });
    expect(server.stats().grants.total).toBe(1);
  });

  it('recovers from a lock holder killed mid-grant: another process gets a token within lock ttl + grant time', async () => {
    const lockTtlMs = 1_500;
    const server = await emulator();
    const redis = await redisFixture.connected();
    await redis.flushdb();
    const lockKey = `${auth(server).storeKey}:lock`;
    server.faults.inject('token', { type: 'latency', ms: 15_000 });
    const env = replicaEnv(server, { FLEET_LOCK_TTL_MS: String(lockTtlMs), FLEET_TIMEOUT_MS: '20000' });
    const holder = spawnReplica({ ...env, FLEET_CALLERS: '1' });
    const survivor = spawnReplica({ ...env, FLEET_CALLERS: '50' });
    await Promise.all([holder.ready, survivor.ready]);

    holder.go();
    await until(
      async () => (await redis.exists(lockKey)) === 1 && server.stats().requests >= 1,
      5_000,
      'the holder to lock and send its grant',
    );
    const holderLock = await redis.get(lockKey);
    survivor.go();
    await until(
      async () => survivor.saw('locking') && (await redis.get(lockKey)) === holderLock,
      5_000,
      "the survivor to queue on the holder's lock",
    );
    expect(holderLock).not.toBeNull();
    holder.process.kill('SIGKILL');
    const killedAt = Date.now();
    const report = await survivor.report;
    const recoveredInMs = Date.now() - killedAt;

    expect(report.errors).toEqual([]);
    expect(report.fulfilled).toBe(50);
    expect(report.tokens).toHaveLength(1);
    expect(recoveredInMs).toBeLessThan(lockTtlMs + 2_000);
    expect(server.stats().grants.password).toEqual({ ok: 1, failed: 0 });
    expect(await redis.exists(lockKey)).toBe(0);
  });

  it('costs N grants for N replicas without a shared store, and 1 with it', async () => {
    const alone = await emulator();
    await Promise.all([1, 2, 3, 4].map(() => auth(alone).getAccessToken()));
    expect(alone.stats().grants.password.ok).toBe(4);

    const shared = await emulator();
    await (await redisFixture.connected()).flushdb();
    const replicas = await Promise.all(
      [1, 2, 3, 4].map(async () =>
        auth(shared, { store: new RedisTokenStore(await redisFixture.connected()) }),
      ),
    );
    const tokens = await Promise.all(replicas.map((replica) => replica.getAccessToken()));
    expect(new Set(tokens).size).toBe(1);
    expect(shared.stats().grants.password.ok).toBe(1);
  });
});

describe('RedisTokenStore when Redis goes down', () => {
  it('keeps callers getting tokens with one in-process grant, and reports the store failure to the logger', async () => {
    const redisServer = await startRedis();
    servers.push(redisServer);
    const redis = new Redis({
      host: '127.0.0.1',
      port: redisServer.port,
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      retryStrategy: (times) => Math.min(times * 50, 500),
      lazyConnect: true,
    });
    redis.on('error', () => undefined);
    await redis.connect();
    const server = await emulator();
    const logger = recordingLogger();
    const qontak = auth(server, { store: new RedisTokenStore(redis), logger });
    try {
      const first = await qontak.getAccessToken();
      expect(await redis.exists(qontak.storeKey)).toBe(1);

      await redisServer.stop();
      const cached = await Promise.all(Array.from({ length: 100 }, () => qontak.getAccessToken()));
      expect(new Set(cached)).toEqual(new Set([first]));

      await qontak.invalidate(first);
      const started = Date.now();
      const renewed = await Promise.all(Array.from({ length: 100 }, () => qontak.getAccessToken()));
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(new Set(renewed).size).toBe(1);
      expect(renewed[0]).not.toBe(first);
      expect(server.stats().grants.password).toEqual({ ok: 2, failed: 0 });

      const failures = logger.warnings.filter((line) => line.startsWith('Qontak token store failed'));
      for (const operation of ['get', 'lock', 'set']) {
        expect(failures.some((line) => line.includes(`"operation":"${operation}"`))).toBe(true);
      }
      expect(logger.warnings.join('\n')).not.toContain(first);
      expect(logger.warnings.join('\n')).not.toContain(renewed[0]);
    } finally {
      redis.disconnect();
    }
  });
});

describe('RedisTokenStore on an ioredis client with its default options, while Redis is down', () => {
  it('still gets a cold caller a token, after one bounded wait per store call, not after ioredis gives up', async () => {
    const redisServer = await startRedis();
    servers.push(redisServer);
    const port = redisServer.port;
    await redisServer.stop();
    // ioredis's defaults: an offline queue, reconnecting for ever, 20 reconnections before a command fails.
    const redis = new Redis({ host: '127.0.0.1', port });
    redis.on('error', () => undefined);
    const server = await emulator();
    const logger = recordingLogger();
    const qontak = auth(server, { store: new RedisTokenStore(redis), logger, storeTimeoutMs: 500 });
    try {
      const started = Date.now();
      const tokens = await Promise.race([
        Promise.all(Array.from({ length: 20 }, () => qontak.getAccessToken())),
        new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 10_000).unref()),
      ]);
      const waitedMs = Date.now() - started;
      expect(tokens).not.toBe('hung');
      // The get goes unanswered for storeTimeoutMs; the lock is then not waited for (it would be
      // timeoutMs + storeTimeoutMs), nor a second read: far below the 20 reconnections (about 20 s)
      // ioredis waits before it fails a queued command.
      expect(waitedMs).toBeLessThan(4_000);
      expect(new Set(tokens).size).toBe(1);
      expect(server.stats().grants.password).toEqual({ ok: 1, failed: 0 });
      expect(logger.warnings.filter((line) => line.includes('did not answer in time'))).toEqual([
        'Qontak token store did not answer in time; continuing with the in-process cache {"operation":"get","timeoutMs":500}',
        'Qontak token store did not answer in time; continuing with the in-process cache {"operation":"set","timeoutMs":500}',
      ]);
      expect(logger.warnings).toContain(
        'Qontak token store is not answering; granting without its lock {"operation":"lock"}',
      );
    } finally {
      redis.disconnect();
    }
  });
});

describe('a RedisTokenStore whose lock key holds a value it did not write', () => {
  it('gets callers a token at once (one grant of its own) and reports the foreign lock key to the logger', async () => {
    const server = await emulator();
    const redis = await redisFixture.connected();
    const logger = recordingLogger();
    const qontak = auth(server, { store: new RedisTokenStore(redis), logger });
    await redis.del(`${qontak.storeKey}:lock`, qontak.storeKey);
    await redis.hset(`${qontak.storeKey}:lock`, 'planted-field', 'planted-value-7d3a');

    const started = Date.now();
    const tokens = await Promise.race([
      Promise.all(Array.from({ length: 20 }, () => qontak.getAccessToken())),
      new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 3_000).unref()),
    ]);
    expect(tokens).not.toBe('hung');
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(new Set(tokens).size).toBe(1);
    expect(server.stats().grants.password).toEqual({ ok: 1, failed: 0 });
    const failures = logger.warnings.filter((line) => line.startsWith('Qontak token store failed'));
    expect(failures.some((line) => line.includes('"operation":"lock"'))).toBe(true);
    expect(logger.warnings.join('\n')).not.toContain('planted');
  });
});

describe('an encrypted RedisTokenStore behind QontakAuth', () => {
  it('keeps no token in Redis, and a second replica adopts the token without a grant', async () => {
    const server = await emulator();
    const encryptionKey = Buffer.alloc(32, 7).toString('base64');
    const first = auth(server, {
      store: new RedisTokenStore(await redisFixture.connected(), { encryptionKey }),
    });
    const accessToken = await first.getAccessToken();
    const { refreshToken } = await first.getToken();

    const raw = await (await redisFixture.connected()).get(first.storeKey);
    expect(raw).toMatch(/^qontak-enc:v1:/);
    expect(raw).not.toContain(accessToken);
    expect(raw).not.toContain(refreshToken ?? accessToken);

    const second = auth(server, {
      store: new RedisTokenStore(await redisFixture.connected(), { encryptionKey }),
    });
    expect(await second.getAccessToken()).toBe(accessToken);
    expect(server.stats().grants.password.ok).toBe(1);
  });
});
