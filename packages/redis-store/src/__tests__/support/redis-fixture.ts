import { QontakToken } from '@qontak/auth-core';
import { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import { startRedis, type RedisServer } from './redis-server';

/** A redis-server for the calling test file (started in beforeAll, stopped in afterAll) and its clients. */
export interface RedisFixture {
  /** The running server (available once beforeAll has run). */
  readonly server: RedisServer;
  /** A fail-fast ioredis client (no offline queue, no reconnect), not yet connected. */
  client(port?: number): Redis;
  /** Like {@link client}, connected. */
  connected(port?: number): Promise<Redis>;
}

/** Starts a real redis-server for this test file; every client made through it is closed in afterAll. */
export function useRedis(): RedisFixture {
  let server: RedisServer | undefined;
  const clients: Redis[] = [];
  beforeAll(async () => {
    server = await startRedis();
  });
  afterAll(async () => {
    for (const redis of clients.splice(0)) redis.disconnect();
    await server?.stop();
  });
  const fixture: RedisFixture = {
    get server() {
      if (!server) throw new Error('redis-server not started yet');
      return server;
    },
    client(port) {
      const redis = new Redis({
        host: '127.0.0.1',
        port: port ?? fixture.server.port,
        maxRetriesPerRequest: 1,
        enableOfflineQueue: false,
        retryStrategy: () => null,
        lazyConnect: true,
      });
      redis.on('error', () => undefined);
      clients.push(redis);
      return redis;
    },
    async connected(port) {
      const redis = fixture.client(port);
      await redis.connect();
      return redis;
    },
  };
  return fixture;
}

let keyCounter = 0;

/** A store key shaped like the core's, unique in this run. */
export function freshKey(): string {
  return `qontak:http://127.0.0.1:1:test-client:user-${process.pid}-${++keyCounter}@example.com`;
}

/** A token living `lifetimeMs` from now, with a refresh token. */
export function token(
  lifetimeMs = 60_000,
  accessToken = `access-${Math.random().toString(36).slice(2)}`,
): QontakToken {
  return new QontakToken({
    accessToken,
    refreshToken: `refresh-${accessToken}`,
    expiresAt: Date.now() + lifetimeMs,
    createdAt: 1_700_000_000,
    issuedAt: Date.now(),
  });
}
