import { describe, expect, it } from 'vitest';
import { health, PASSWORD_GRANT, passwordGrant, postJson, useEmulator } from './helpers';
import type { TokenBody } from './helpers';
import type { QontakEmulator } from '../index';

function token(emulator: QontakEmulator): Promise<Response> {
  return postJson(`${emulator.url}/oauth/token`, PASSWORD_GRANT);
}

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('fault injection', () => {
  const start = useEmulator();

  it("'latency' delays the answer, then answers normally", async () => {
    const emulator = await start();
    emulator.faults.inject('token', { type: 'latency', ms: 150 });
    const started = performance.now();
    const res = await token(emulator);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect(res.status).toBe(200);
    expect(emulator.stats().grants.password.ok).toBe(1);
  });

  it("'status' answers a JSON-less error page with Retry-After when given", async () => {
    const emulator = await start();
    emulator.faults.inject('token', { type: 'status', status: 503, retryAfter: '2' });
    emulator.faults.inject('token', { type: 'status', status: 429 });
    const unavailable = await token(emulator);
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get('retry-after')).toBe('2');
    expect(unavailable.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await unavailable.text()).toContain('Service Unavailable');
    const limited = await token(emulator);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBeNull();
    expect((await token(emulator)).status).toBe(200);
  });

  it("'malformed-json' answers 200 application/json with a truncated body", async () => {
    const emulator = await start();
    emulator.faults.inject('token', { type: 'malformed-json' });
    const res = await token(emulator);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    await expect(res.json()).rejects.toThrow(SyntaxError);
  });

  it("'html' answers an HTML error page, 502 by default", async () => {
    const emulator = await start();
    emulator.faults.inject('token', { type: 'html' });
    emulator.faults.inject('token', { type: 'html', status: 504 });
    const res = await token(emulator);
    expect(res.status).toBe(502);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toContain('<h1>502 Bad Gateway</h1>');
    expect((await token(emulator)).status).toBe(504);
  });

  it("'empty' answers an empty application/json body, 200 by default", async () => {
    const emulator = await start();
    emulator.faults.inject('token', { type: 'empty' });
    const res = await token(emulator);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.text()).toBe('');
  });

  it("'drop' destroys the socket without answering", async () => {
    const emulator = await start();
    emulator.faults.inject('token', { type: 'drop' });
    await expect(token(emulator)).rejects.toThrow();
    expect((await token(emulator)).status).toBe(200);
  });

  it("'hang' never answers, and close() still resolves promptly", async () => {
    const emulator = await start();
    emulator.faults.inject('health', { type: 'hang' });
    const pending = health(emulator, 'whatever');
    const outcome = pending.then(
      () => 'answered',
      () => 'failed',
    );
    await until(() => emulator.stats().requests === 1);
    const raced = await Promise.race([
      outcome,
      new Promise((resolve) => setTimeout(() => resolve('hung'), 200)),
    ]);
    expect(raced).toBe('hung');
    const started = performance.now();
    await emulator.close();
    expect(performance.now() - started).toBeLessThan(1000);
    expect(await outcome).toBe('failed');
  });

  it("'token-body' patches and omits fields of a real grant", async () => {
    const emulator = await start();
    emulator.faults.inject('token', {
      type: 'token-body',
      patch: { token_type: 'mac', expires_in: 0 },
      omit: ['refresh_token'],
    });
    const res = await token(emulator);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Partial<TokenBody>;
    expect(body.token_type).toBe('mac');
    expect(body.expires_in).toBe(0);
    expect(body).not.toHaveProperty('refresh_token');
    expect((await health(emulator, body.access_token)).status).toBe(200);
    expect(emulator.stats().grants.password.ok).toBe(1);
  });

  it("'token-body' leaves a failed grant unchanged", async () => {
    const emulator = await start();
    emulator.faults.inject('token', { type: 'token-body', patch: { token_type: 'mac' } });
    const res = await postJson(`${emulator.url}/oauth/token`, { ...PASSWORD_GRANT, password: 'x' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe('invalid_grant');
  });

  it("'raw' answers exactly the given status, headers and body", async () => {
    const emulator = await start();
    emulator.faults.inject('revoke', {
      type: 'raw',
      status: 418,
      headers: { 'X-Fuzz': 'yes', 'Content-Type': 'application/octet-stream' },
      body: new Uint8Array([0, 1, 2, 255]),
    });
    const res = await postJson(`${emulator.url}/oauth/revoke`, { token: 'x' });
    expect(res.status).toBe(418);
    expect(res.headers.get('x-fuzz')).toBe('yes');
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(new Uint8Array([0, 1, 2, 255]));
  });

  it('serves faults per route, first in first out, `times` times, and counts them', async () => {
    const emulator = await start();
    const { access_token } = await passwordGrant(emulator);
    emulator.faults.inject('health', { type: 'status', status: 500 }, 2);
    emulator.faults.inject('health', { type: 'status', status: 502 });
    expect(emulator.faults.pending('health')).toBe(3);
    expect(emulator.faults.pending('token')).toBe(0);
    expect(emulator.faults.pending()).toBe(3);

    expect((await token(emulator)).status).toBe(200);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await health(emulator, access_token)).status);
    expect(statuses).toEqual([500, 500, 502, 200]);
    expect(emulator.faults.pending()).toBe(0);
    expect(emulator.stats().faultsServed).toBe(3);
    expect(emulator.stats().health).toEqual({ 200: 1 });
  });

  it('clear() forgets pending faults', async () => {
    const emulator = await start();
    emulator.faults.inject('token', { type: 'drop' }, 5);
    emulator.faults.clear();
    expect(emulator.faults.pending()).toBe(0);
    expect((await token(emulator)).status).toBe(200);
  });

  it('rejects an unknown route, fault type or a bad count', async () => {
    const emulator = await start();
    // @ts-expect-error an unknown route, as a JavaScript caller might pass
    expect(() => emulator.faults.inject('nope', { type: 'drop' })).toThrow(TypeError);
    // @ts-expect-error an unknown fault type
    expect(() => emulator.faults.inject('token', { type: 'explode' })).toThrow(TypeError);
    expect(() => emulator.faults.inject('token', { type: 'drop' }, 0)).toThrow(RangeError);
    expect(() => emulator.faults.inject('token', { type: 'status', status: 42 })).toThrow(RangeError);
  });
});
