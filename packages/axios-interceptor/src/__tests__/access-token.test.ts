import { QontakAccessTokenAuth, type QontakLogger } from '@qontak/auth-core';
import { DEMO_ACCESS_TOKEN, startEmulator } from '@qontak/emulator';
import { isAxiosError } from 'axios';
import { afterEach, describe, expect, it } from 'vitest';
import { createQontakAxios } from '../create-qontak-axios';

const HEALTH = '/api/open/v1/health';
const emulators: Array<Awaited<ReturnType<typeof startEmulator>>> = [];
const auths: QontakAccessTokenAuth[] = [];

afterEach(async () => {
  await Promise.all(auths.splice(0).map((auth) => auth.close()));
  await Promise.all(emulators.splice(0).map((emulator) => emulator.close()));
});

async function setUp() {
  const emulator = await startEmulator({ port: 0 });
  emulators.push(emulator);
  const warnings: string[] = [];
  const logger: QontakLogger = {
    warn: (message, context) => warnings.push(`${message} ${JSON.stringify(context ?? {})}`),
  };
  const auth = new QontakAccessTokenAuth({ accessToken: DEMO_ACCESS_TOKEN, baseUrl: emulator.url, logger });
  auths.push(auth);
  return { emulator, auth, warnings, http: createQontakAxios(auth) };
}

describe('createQontakAxios with a dashboard access token', () => {
  it('sends the token on 50 concurrent requests to Qontak, with no grant', async () => {
    const { emulator, http } = await setUp();
    const responses = await Promise.all(Array.from({ length: 50 }, () => http.get(HEALTH)));
    expect(responses.map((response) => response.status)).toEqual(Array(50).fill(200));
    expect(emulator.stats().health).toEqual({ 200: 50 });
    expect(emulator.stats().grants.total).toBe(0);
  });

  it('hands a revoked token’s 401 to the caller without a replay, and warns once without quoting it', async () => {
    const { emulator, http, warnings } = await setUp();
    emulator.revokeAll();
    for (let call = 0; call < 3; call++) {
      const error = await http.get(HEALTH).then(
        () => expect.unreachable('a revoked token must not succeed'),
        (rejected: unknown) => rejected,
      );
      expect(isAxiosError(error) && error.response?.status).toBe(401);
      expect(JSON.stringify(isAxiosError(error) ? error.toJSON() : error)).not.toContain(DEMO_ACCESS_TOKEN);
    }
    expect(emulator.stats().health).toEqual({ 401: 3 });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/revoked or replaced.*Qontak dashboard/);
    expect(warnings.join('\n')).not.toContain(DEMO_ACCESS_TOKEN);
  });
});
