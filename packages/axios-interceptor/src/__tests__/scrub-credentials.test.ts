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
});
