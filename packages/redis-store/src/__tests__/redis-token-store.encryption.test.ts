import { randomBytes } from 'node:crypto';
import { isQontakAuthError } from '@qontak/auth-core';
import { describe, expect, it } from 'vitest';
import { RedisTokenStore } from '../redis-token-store';
import { freshKey, token, useRedis } from './support/redis-fixture';

const { connected } = useRedis();

describe('RedisTokenStore with encryptionKey', () => {
  it('keeps no token in the raw Redis value, and reads the token back', async () => {
    const key = freshKey();
    const encryptionKey = randomBytes(32);
    const stored = token();
    await new RedisTokenStore(await connected(), { encryptionKey }).set(key, stored);

    const raw = await (await connected()).get(key);
    expect(raw).not.toBeNull();
    expect(raw).toMatch(/^qontak-enc:v1:[A-Za-z0-9+/]+=*$/);
    expect(raw).not.toContain(stored.accessToken);
    expect(raw).not.toContain(stored.refreshToken);
    expect(raw).not.toContain('accessToken');
    expect(Buffer.from(raw!.slice('qontak-enc:v1:'.length), 'base64').toString('latin1')).not.toContain(
      stored.accessToken,
    );

    const read = await new RedisTokenStore(await connected(), { encryptionKey }).get(key);
    expect(read?.accessToken).toBe(stored.accessToken);
    expect(read?.refreshToken).toBe(stored.refreshToken);
    expect(read?.expiresAt).toBe(stored.expiresAt);
  });

  it('accepts the key as base64 text', async () => {
    const key = freshKey();
    const encryptionKey = randomBytes(32);
    const redis = await connected();
    const stored = token();
    await new RedisTokenStore(redis, { encryptionKey }).set(key, stored);
    const read = await new RedisTokenStore(redis, { encryptionKey: encryptionKey.toString('base64') }).get(
      key,
    );
    expect(read?.accessToken).toBe(stored.accessToken);
  });

  it('uses a fresh IV for every write: the same token never encrypts to the same value twice', async () => {
    const key = freshKey();
    const redis = await connected();
    const store = new RedisTokenStore(redis, { encryptionKey: randomBytes(32) });
    const stored = token();
    await store.set(key, stored);
    const first = await redis.get(key);
    await store.set(key, stored);
    expect(await redis.get(key)).not.toBe(first);
  });

  it('reads an entry sealed with another key as no token', async () => {
    const key = freshKey();
    const redis = await connected();
    await new RedisTokenStore(redis, { encryptionKey: randomBytes(32) }).set(key, token());
    await expect(
      new RedisTokenStore(redis, { encryptionKey: randomBytes(32) }).get(key),
    ).resolves.toBeUndefined();
  });

  it('reads an encrypted entry copied under another key as no token (the key is authenticated)', async () => {
    const [from, to] = [freshKey(), freshKey()];
    const redis = await connected();
    const store = new RedisTokenStore(redis, { encryptionKey: randomBytes(32) });
    await store.set(from, token());
    await redis.set(to, (await redis.get(from))!);
    await expect(store.get(to)).resolves.toBeUndefined();
  });

  it('reads a tampered entry as no token', async () => {
    const key = freshKey();
    const redis = await connected();
    const store = new RedisTokenStore(redis, { encryptionKey: randomBytes(32) });
    await store.set(key, token());
    const raw = (await redis.get(key))!;
    const bytes = Buffer.from(raw.slice('qontak-enc:v1:'.length), 'base64');
    bytes[bytes.length - 1]! ^= 1;
    await redis.set(key, `qontak-enc:v1:${bytes.toString('base64')}`);
    await expect(store.get(key)).resolves.toBeUndefined();
  });

  it('does not accept a plaintext entry once encryption is on', async () => {
    const key = freshKey();
    const redis = await connected();
    await new RedisTokenStore(redis).set(key, token());
    await expect(
      new RedisTokenStore(redis, { encryptionKey: randomBytes(32) }).get(key),
    ).resolves.toBeUndefined();
  });

  it('refuses a key that is not 32 bytes with config_error, without echoing the key', async () => {
    const redis = await connected();
    const shortKey = randomBytes(16).toString('base64');
    let error: unknown;
    try {
      new RedisTokenStore(redis, { encryptionKey: shortKey });
    } catch (caught) {
      error = caught;
    }
    expect(isQontakAuthError(error) && error.code).toBe('config_error');
    expect((error as Error).message).toMatch(/32 bytes/);
    expect((error as Error).message).not.toContain(shortKey);
  });
});
