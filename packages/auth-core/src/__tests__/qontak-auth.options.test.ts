import { describe, expect, it } from 'vitest';
import { QONTAK_BASE_URL, QONTAK_FULFILLMENT_CLIENT_ID } from '../config/constants';
import { QontakAuth } from '../password/password-auth';
import type { QontakAuthOptions } from '../password/password-auth-options';

function configErrorOf(build: () => unknown): Error & { code?: string } {
  try {
    build();
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected a config_error');
}

describe('QontakAuth options', () => {
  it('names every missing field in one config_error', () => {
    const error = configErrorOf(() => new QontakAuth({} as QontakAuthOptions));
    expect(error.code).toBe('config_error');
    expect(error.message).toContain('username');
    expect(error.message).toContain('password');
  });

  it('rejects empty client credentials without echoing the other secrets', () => {
    const error = configErrorOf(
      () =>
        new QontakAuth({
          username: 'u@example.com',
          password: 'hunter2-secret',
          clientId: '',
          clientSecret: ' ',
        }),
    );
    expect(error.code).toBe('config_error');
    expect(error.message).toContain('clientId');
    expect(error.message).toContain('clientSecret');
    expect(error.message).not.toContain('hunter2-secret');
  });

  it.each([
    'http://chat-service.qontak.com',
    'http://10.0.0.5:8080',
    'http://api.localhost:4000',
    'ftp://chat-service.qontak.com',
    'not a url',
  ])('refuses the base URL %s', (baseUrl) => {
    const error = configErrorOf(() => new QontakAuth({ baseUrl, username: 'u', password: 'p' }));
    expect(error.code).toBe('config_error');
    expect(error.message).toContain('baseUrl');
  });

  it.each([
    'http://127.0.0.1:4000',
    'http://localhost:4000',
    'http://[::1]:4000',
    'https://service-chat.qontak.com/',
  ])('accepts the base URL %s', (baseUrl) => {
    expect(new QontakAuth({ baseUrl, username: 'u', password: 'p' }).baseUrl).toBe(
      baseUrl.replace(/\/$/, ''),
    );
  });

  it('refuses credentials embedded in the base URL and bad numbers', () => {
    expect(
      configErrorOf(
        () =>
          new QontakAuth({ baseUrl: 'https://a:b@chat-service.qontak.com', username: 'u', password: 'p' }),
      ).code,
    ).toBe('config_error');
    expect(
      configErrorOf(() => new QontakAuth({ username: 'u', password: 'p', timeoutMs: -1 })).message,
    ).toContain('timeoutMs');
  });

  it.each([
    ['timeoutMs', { timeoutMs: 2 ** 31 }],
    ['refreshWindowMs', { refreshWindowMs: 2 ** 31 }],
    ['expiryMarginMs', { expiryMarginMs: 2 ** 31 }],
    ['refreshRetryDelayMs', { refreshRetryDelayMs: 2 ** 31 }],
    ['credentialFailureCooldownMs', { credentialFailureCooldownMs: 2 ** 31 }],
    ['lockTtlMs', { lockTtlMs: 2 ** 31 }],
    ['storeTimeoutMs', { storeTimeoutMs: 2 ** 31 }],
    ['unauthorizedRegrantIntervalMs', { unauthorizedRegrantIntervalMs: 2 ** 31 }],
    ['retry.baseDelayMs', { retry: { baseDelayMs: 2 ** 31 } }],
    ['retry.maxDelayMs', { retry: { maxDelayMs: 2 ** 31 } }],
    ['retry.maxElapsedMs', { retry: { maxElapsedMs: 2 ** 31 } }],
    ['retry.attempts', { retry: { attempts: 101 } }],
  ])('refuses %s above what a timer can wait (Node would fire it after 1 ms)', (field, options) => {
    const error = configErrorOf(() => new QontakAuth({ username: 'u', password: 'p', ...options }));
    expect(error.code).toBe('config_error');
    expect(error.message).toContain(field);
  });

  it('accepts every duration up to 2^31 - 1 ms', () => {
    const max = 2 ** 31 - 1;
    expect(
      () =>
        new QontakAuth({
          username: 'u',
          password: 'p',
          timeoutMs: max,
          refreshWindowMs: max,
          credentialFailureCooldownMs: max,
          lockTtlMs: max,
          storeTimeoutMs: max,
          unauthorizedRegrantIntervalMs: max,
          retry: { baseDelayMs: max, maxDelayMs: max, maxElapsedMs: max },
        }),
    ).not.toThrow();
  });

  it('defaults to the documented host and the published fulfillment client', () => {
    const auth = new QontakAuth({ username: 'u@example.com', password: 'p' });
    expect(auth.baseUrl).toBe(QONTAK_BASE_URL);
    expect(auth.storeKey).toBe(`qontak:${QONTAK_BASE_URL}:${QONTAK_FULFILLMENT_CLIENT_ID}:u@example.com`);
  });
});

describe('QontakAuth.fromEnv', () => {
  it('reads the QONTAK_* variables', () => {
    const auth = QontakAuth.fromEnv({
      QONTAK_BASE_URL: 'http://127.0.0.1:9',
      QONTAK_USERNAME: 'env@example.com',
      QONTAK_PASSWORD: 'pw',
      QONTAK_CLIENT_ID: 'cid',
      QONTAK_CLIENT_SECRET: 'cs',
    });
    expect(auth.baseUrl).toBe('http://127.0.0.1:9');
    expect(auth.storeKey).toBe('qontak:http://127.0.0.1:9:cid:env@example.com');
  });

  it('names each missing variable', () => {
    const error = configErrorOf(() => QontakAuth.fromEnv({ QONTAK_PASSWORD: '' }));
    expect(error.code).toBe('config_error');
    expect(error.message).toContain('QONTAK_USERNAME');
    expect(error.message).toContain('QONTAK_PASSWORD');
  });

  it('lets overrides win over the environment', () => {
    const auth = QontakAuth.fromEnv(
      { QONTAK_USERNAME: 'env@example.com' },
      { password: 'p', baseUrl: 'http://localhost:1' },
    );
    expect(auth.baseUrl).toBe('http://localhost:1');
  });
});
