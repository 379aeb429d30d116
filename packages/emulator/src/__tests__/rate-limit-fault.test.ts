import { describe, expect, it } from 'vitest';
import type { ApiOperationRoute, EmulatorFault } from '../index';
import { callApi, CREDENTIAL_KINDS, errorEnvelope } from './api-helpers';
import { useEmulator } from './helpers';

const JSON_HEADERS = { 'content-type': 'application/json' };

describe("the 'rate-limit' fault", () => {
  const start = useEmulator();

  it.each(CREDENTIAL_KINDS)(
    'answers 429 with Retry-After and x-ratelimit-* (a %s credential), then the route answers again',
    async (kind) => {
      const now = Date.now();
      const emulator = await start({ clock: () => now });
      emulator.faults.inject('contact-lists', { type: 'rate-limit', retryAfterSeconds: 30, limit: 10 });
      const limited = await callApi(emulator, kind, '/v1/contacts/contact_lists');
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('30');
      expect(limited.headers.get('x-ratelimit-limit')).toBe('10');
      expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
      expect(limited.headers.get('x-ratelimit-reset')).toBe(String(Math.ceil(now / 1000) + 30));
      expect(await limited.json()).toEqual(
        kind === 'hmac'
          ? { message: 'API rate limit exceeded' }
          : errorEnvelope(429, ['Too many requests, please try again later']),
      );
      expect((await callApi(emulator, kind, '/v1/contacts/contact_lists')).status).toBe(200);
      expect(emulator.stats().faultsServed).toBe(1);
    },
  );

  it('defaults to a 1 s wait and a limit of 100, on any API route, the body drained', async () => {
    const emulator = await start();
    const routes: ApiOperationRoute[] = [
      'broadcast-direct',
      'broadcast-contact-list',
      'contact-list-create',
      'broadcast-contacts',
    ];
    for (const route of routes) emulator.faults.inject(route, { type: 'rate-limit' });
    const paths = [
      '/v1/broadcasts/whatsapp/direct',
      '/v1/broadcasts/whatsapp',
      '/v1/contacts/contact_lists/async',
      '/v1/broadcasts/contacts',
    ];
    for (const path of paths) {
      const res = await callApi(emulator, 'access-token', path, { json: { big: 'x'.repeat(100_000) } });
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('1');
      expect(res.headers.get('x-ratelimit-limit')).toBe('100');
    }
    expect(emulator.faults.pending()).toBe(0);
  });

  it('is injected over the control API, and a bad one is refused with what is wrong', async () => {
    const emulator = await start({ controlApi: true });
    const inject = (fault: unknown) =>
      fetch(`${emulator.url}/_emulator/faults`, {
        method: 'POST',
        headers: JSON_HEADERS,
        body: JSON.stringify({ route: 'broadcasts', fault, times: 2 }),
      });
    const injected = await inject({ type: 'rate-limit', retryAfterSeconds: 2 });
    expect(injected.status).toBe(201);
    expect(await injected.json()).toEqual({ pending: 2, routes: { broadcasts: 2 } });
    for (let i = 0; i < 2; i += 1) {
      const res = await callApi(emulator, 'hmac', '/v1/broadcasts/whatsapp');
      expect([res.status, res.headers.get('retry-after')]).toEqual([429, '2']);
    }
    expect((await callApi(emulator, 'hmac', '/v1/broadcasts/whatsapp')).status).toBe(200);

    for (const bad of [
      { type: 'rate-limit', retryAfterSeconds: -1 },
      { type: 'rate-limit', limit: 0.5 },
    ]) {
      const refused = await inject(bad);
      expect(refused.status).toBe(422);
      expect(JSON.stringify(await refused.json())).toMatch(/must be an integer from/);
    }
    const faults: EmulatorFault[] = [
      { type: 'rate-limit', retryAfterSeconds: 86_401 },
      { type: 'rate-limit', limit: 0 },
    ];
    for (const fault of faults) expect(() => emulator.faults.inject('broadcast', fault)).toThrow(RangeError);
  });
});
