import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { MALFORMED_DESCRIPTION, PASSWORD_GRANT, passwordGrant, useEmulator } from './helpers';
import type { QontakEmulator } from '../index';

async function expectMalformed(res: Response): Promise<void> {
  expect(res.status).toBe(400);
  expect(res.headers.get('www-authenticate')).toContain('error="invalid_request"');
  expect(await res.json()).toEqual({ error: 'invalid_request', error_description: MALFORMED_DESCRIPTION });
}

function post(emulator: QontakEmulator, contentType: string, body: string): Promise<Response> {
  return fetch(`${emulator.url}/oauth/token`, {
    method: 'POST',
    headers: { 'Content-Type': contentType },
    body,
  });
}

describe('bad input', () => {
  const start = useEmulator();

  it('answers unparseable JSON with 400 invalid_request and keeps answering', async () => {
    const emulator = await start();
    await expectMalformed(await post(emulator, 'application/json', '{"grant_type":'));
    await expectMalformed(await post(emulator, 'application/json', '["password"]'));
    await expect(passwordGrant(emulator)).resolves.toHaveProperty('token_type', 'Bearer');
  });

  it('answers an unsupported content type with 400 invalid_request and keeps answering', async () => {
    const emulator = await start();
    await expectMalformed(await post(emulator, 'text/plain', JSON.stringify(PASSWORD_GRANT)));
    await expectMalformed(await post(emulator, 'application/xml', '<grant/>'));
    await expect(passwordGrant(emulator)).resolves.toHaveProperty('token_type', 'Bearer');
  });

  it('answers a body over the default 1 MiB limit with 400 invalid_request and keeps answering', async () => {
    const emulator = await start();
    const huge = JSON.stringify({ ...PASSWORD_GRANT, padding: 'x'.repeat(2 * 1024 * 1024) });
    await expectMalformed(await post(emulator, 'application/json', huge));
    await expect(passwordGrant(emulator)).resolves.toHaveProperty('token_type', 'Bearer');
    expect(emulator.stats().tokenErrors).toEqual({ invalid_request: 1 });
  });

  it('honours maxBodyBytes on every route', async () => {
    const emulator = await start({ maxBodyBytes: 256 });
    const big = new URLSearchParams({ ...PASSWORD_GRANT, padding: 'x'.repeat(1000) }).toString();
    await expectMalformed(await post(emulator, 'application/x-www-form-urlencoded', big));
    const revoke = await fetch(`${emulator.url}/oauth/revoke`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token: 'x'.repeat(1000) }),
    });
    expect(revoke.status).toBe(400);
    await expect(passwordGrant(emulator)).resolves.toHaveProperty('token_type', 'Bearer');
  });

  it('closes the connection instead of draining an endless oversized body', async () => {
    const emulator = await start({ maxBodyBytes: 1024 });
    const status = await new Promise<number | string>((resolve) => {
      const req = request(`${emulator.url}/oauth/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 'none');
        req.destroy();
      });
      req.on('error', () => resolve('error'));
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = (): void => {
        while (!req.destroyed && req.write(chunk));
        if (!req.destroyed) req.once('drain', pump);
      };
      pump();
    });
    expect([400, 'error']).toContain(status);
    await expect(passwordGrant(emulator)).resolves.toHaveProperty('token_type', 'Bearer');
  });

  it('survives a client that aborts mid-body', async () => {
    const emulator = await start();
    await new Promise<void>((resolve) => {
      const req = request(`${emulator.url}/oauth/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Content-Length': '1000' },
      });
      req.on('error', () => resolve());
      req.write('{"grant_type":"pass');
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 50);
    });
    await expect(passwordGrant(emulator)).resolves.toHaveProperty('token_type', 'Bearer');
  });

  it('treats an empty body as missing grant_type', async () => {
    const emulator = await start();
    const res = await fetch(`${emulator.url}/oauth/token`, { method: 'POST' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: 'invalid_request',
      error_description: 'Missing required parameter: grant_type.',
    });
  });
});
