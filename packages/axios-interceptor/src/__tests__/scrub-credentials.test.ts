import { inspect } from 'node:util';
import { QontakAuth } from '@qontak/auth-core';
import { DEMO_PASSWORD, DEMO_USERNAME, startEmulator, type QontakEmulator } from '@qontak/emulator';
import { isAxiosError } from 'axios';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createQontakAxios } from '../create-qontak-axios';

const HEALTH = '/api/open/v1/health';
let emulator: QontakEmulator;
let auth: QontakAuth;

beforeEach(async () => {
  emulator = await startEmulator();
  auth = new QontakAuth({ baseUrl: emulator.url, username: DEMO_USERNAME, password: DEMO_PASSWORD });
});

afterEach(async () => {
  await auth.close();
  await emulator.close();
});

/** Every way a caller might log `value`. */
function renderings(value: unknown): string[] {
  return [
    inspect(value, { depth: 8 }),
    inspect(value, { depth: 3, showHidden: true }),
    JSON.stringify(isAxiosError(value) ? value.toJSON() : (value as { config?: unknown }).config),
  ];
}

describe('credentials after the request', () => {
  it('are not in a logged response, and the request object is still there for code', async () => {
    const http = createQontakAxios(auth);
    const response = await http.get(HEALTH);
    const token = await auth.getAccessToken();
    expect(response.status).toBe(200);
    for (const text of renderings(response)) expect(text).not.toContain(token);
    expect(response.request).toBeDefined();
  });

  it('are not in a logged AxiosError, and its config can be sent again (authorized afresh)', async () => {
    const http = createQontakAxios(auth);
    emulator.faults.inject('health', { type: 'status', status: 500 }, 1);
    const error: unknown = await http.get(HEALTH).catch((caught: unknown) => caught);
    const token = await auth.getAccessToken();
    expect(isAxiosError(error) && error.response?.status).toBe(500);
    for (const text of renderings(error)) expect(text).not.toContain(token);
    expect(isAxiosError(error) && error.request).toBeTruthy();

    const again = await http.request(isAxiosError(error) ? error.config! : {});
    expect(again.status).toBe(200);
    expect(emulator.stats().grants.total).toBe(1);
  });

  it.each(['stream', 'arraybuffer', 'json'] as const)(
    'are not in a logged %s response at any depth, and the body still reads',
    async (responseType) => {
      const http = createQontakAxios(auth);
      const response = await http.get(HEALTH, { responseType });
      const token = await auth.getAccessToken();
      expect(inspect(response)).not.toContain(token);
      expect(inspect(response, { depth: Infinity })).not.toContain(token);
      if (responseType === 'stream') {
        expect(inspect(response.data)).not.toContain(token);
        const chunks: Buffer[] = [];
        for await (const chunk of response.data as AsyncIterable<Buffer>) chunks.push(chunk);
        expect(JSON.parse(Buffer.concat(chunks).toString('utf8'))).toMatchObject({ status: 'success' });
      }
    },
  );

  it('are not in a logged AxiosError of a stream request, nor in its request objects', async () => {
    const http = createQontakAxios(auth);
    emulator.faults.inject('health', { type: 'status', status: 500 }, 1);
    const error: unknown = await http
      .get(HEALTH, { responseType: 'stream' })
      .catch((caught: unknown) => caught);
    const token = await auth.getAccessToken();
    expect(isAxiosError(error) && error.response?.status).toBe(500);
    expect(inspect(error)).not.toContain(token);
    expect(inspect(error, { depth: Infinity })).not.toContain(token);
    if (isAxiosError(error)) {
      expect(inspect(error.request, { depth: Infinity })).not.toContain(token);
      expect(inspect(error.response?.data, { depth: Infinity })).not.toContain(token);
    }
  });

  it.each(['http', 'fetch'] as const)(
    'are not in a logged response or error of the %s adapter after a redirect within Qontak',
    async (adapter) => {
      const http = createQontakAxios(auth, { adapter });
      const moved = {
        type: 'raw',
        status: 302,
        headers: { location: `${HEALTH}?moved=1` },
        body: '',
      } as const;
      emulator.faults.inject('health', moved, 1);
      const token = await auth.getAccessToken();
      const expectNoToken = (logged: unknown) => {
        for (const text of renderings(logged)) expect(text).not.toContain(token);
        expect(inspect(logged, { depth: Infinity, showHidden: true })).not.toContain(token);
      };
      const response = await http.get(HEALTH);
      expect(response.status).toBe(200);
      expectNoToken(response);
      emulator.faults.inject('health', moved, 1);
      emulator.faults.inject('health', { type: 'status', status: 500 }, 1);
      const error: unknown = await http.get(HEALTH).catch((caught: unknown) => caught);
      expect(isAxiosError(error) && error.response?.status).toBe(500);
      expectNoToken(error);
    },
  );

  it('are not in a logged stream response after a redirect within Qontak', async () => {
    const http = createQontakAxios(auth);
    emulator.faults.inject(
      'health',
      { type: 'raw', status: 302, headers: { location: `${HEALTH}?moved=1` }, body: '' },
      1,
    );
    const response = await http.get(HEALTH, { responseType: 'stream' });
    const token = await auth.getAccessToken();
    expect(inspect(response, { depth: Infinity })).not.toContain(token);
    (response.data as NodeJS.ReadableStream).resume();
  });
});

describe('the sent header block', () => {
  it('keeps every line but the credentials', async () => {
    const http = createQontakAxios(auth);
    const response = await http.get(HEALTH, {
      headers: { 'X-Authorization-Note': 'kept', 'X-Trace': 'a:b' },
    });
    const token = await auth.getAccessToken();
    const sent = (response.request as { _header: string })._header;
    expect(sent).not.toContain(token);
    expect(sent).toMatch(/^GET \/api\/open\/v1\/health HTTP\/1\.1\r\n/);
    expect(sent).toMatch(/\r\nauthorization: \[redacted\]\r\n/i);
    expect(sent).toContain('\r\nX-Authorization-Note: kept\r\n');
    expect(sent).toContain('\r\nX-Trace: a:b\r\n');
    expect(sent.endsWith('\r\n\r\n')).toBe(true);
  });
});
