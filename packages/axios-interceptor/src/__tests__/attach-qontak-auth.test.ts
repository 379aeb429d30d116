import { isQontakAuthError, QontakAuth, QontakAuthError } from '@qontak/auth-core';
import axios, { isCancel } from 'axios';
import { afterEach, describe, expect, it } from 'vitest';
import { attachQontakAuth, type QontakAuthAttachment } from '../attach-qontak-auth';
import { createQontakAxios } from '../create-qontak-axios';
import { isQontakAxiosAuthError } from '../qontak-axios-auth-error';
import {
  answerJson,
  answerTokenRequest,
  receivedOn,
  startLocalServer,
  type LocalServer,
} from './local-server';

const servers: LocalServer[] = [];
const auths: QontakAuth[] = [];
const attachments: QontakAuthAttachment[] = [];

afterEach(async () => {
  attachments.splice(0).forEach((attachment) => attachment.eject());
  await Promise.all(auths.splice(0).map((auth) => auth.close()));
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A Qontak stand-in whose token endpoint answers as `token` says (default: a new token, after `tokenDelayMs`). */
async function startQontak(token: 'ok' | 'invalid_grant' = 'ok', tokenDelayMs = 0) {
  let grants = 0;
  const server = await startLocalServer((req, res) => {
    if (req.method === 'POST' && req.url === '/oauth/token') {
      if (token === 'invalid_grant') {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            error: 'invalid_grant',
            error_description: 'The provided authorization grant is invalid.',
          }),
        );
      } else {
        setTimeout(() => answerTokenRequest(res, ++grants), tokenDelayMs);
      }
    } else {
      answerJson(res, { path: req.url });
    }
  });
  servers.push(server);
  const auth = new QontakAuth({
    baseUrl: server.url,
    username: 'user@example.com',
    password: 'secret',
    retry: { attempts: 1 },
  });
  auths.push(auth);
  return { server, auth, grants: () => grants };
}

describe('attachQontakAuth', () => {
  it('works on the default axios instance, and eject() restores it', async () => {
    const { server, auth } = await startQontak();
    const attachment = attachQontakAuth(axios, auth);
    attachments.push(attachment);
    await axios.get(`${server.url}/api/open/v1/health`);
    attachment.eject();
    await axios.get(`${server.url}/api/open/v1/health`);
    expect(receivedOn(server, '/api/open/v1/health').map((r) => r.headers.authorization)).toEqual([
      'Bearer tok-1',
      undefined,
    ]);
    expect(axios.interceptors.request.handlers?.filter((h) => h !== null)).toEqual([]);
    expect(axios.interceptors.response.handlers?.filter((h) => h !== null)).toEqual([]);
  });

  it('works on axios.create() instances, several sharing one QontakAuth and one token', async () => {
    const { server, auth, grants } = await startQontak();
    const first = axios.create({ baseURL: server.url });
    const second = axios.create({ baseURL: server.url });
    attachments.push(attachQontakAuth(first, auth), attachQontakAuth(second, auth));
    await Promise.all([first.get('/api/open/v1/health'), second.get('/api/open/v1/health')]);
    expect(receivedOn(server, '/api/open/v1/health').map((r) => r.headers.authorization)).toEqual([
      'Bearer tok-1',
      'Bearer tok-1',
    ]);
    expect(grants()).toBe(1);
  });

  it('rejects with a QontakAuthError carrying the request config when the core cannot get a token', async () => {
    const { server, auth } = await startQontak('invalid_grant');
    const instance = createQontakAxios(auth);
    const errors = await Promise.all(
      ['/api/open/v1/health', '/api/open/v1/rooms'].map((path) =>
        instance.get(path).then(
          () => expect.unreachable('the request should have failed'),
          (error: unknown) => error,
        ),
      ),
    );
    for (const [index, path] of ['/api/open/v1/health', '/api/open/v1/rooms'].entries()) {
      const error = errors[index];
      expect(error).toBeInstanceOf(QontakAuthError);
      expect(axios.isAxiosError(error)).toBe(false);
      expect(isQontakAuthError(error) && error.code).toBe('invalid_grant');
      expect(isQontakAuthError(error) && error.status).toBe(400);
      expect(isQontakAxiosAuthError(error) && error.config.url).toBe(path);
      expect(Object.keys(error as object)).not.toContain('config');
      expect(JSON.stringify(error)).not.toContain('secret');
    }
    expect((errors[0] as Error).cause).toBeInstanceOf(QontakAuthError);
    expect(server.received.filter((r) => r.path.startsWith('/api/'))).toEqual([]);
  });

  it('rejects with a CanceledError, and sends nothing, when the signal aborts while waiting for a token', async () => {
    const { server, auth } = await startQontak('ok', 300);
    const controller = new AbortController();
    const pending = createQontakAxios(auth).get('/api/open/v1/health', { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    const error = await pending.then(
      () => expect.unreachable('the request should have been canceled'),
      (e: unknown) => e,
    );
    expect(isCancel(error)).toBe(true);
    expect(receivedOn(server, '/api/open/v1/health')).toEqual([]);
  });
});
