import { describe, expect, it } from 'vitest';
import {
  DEMO_ACCESS_TOKEN,
  DEMO_HMAC_CLIENT_ID,
  DEMO_PASSWORD,
  DEMO_USERNAME,
  startEmulator,
} from '../index';

describe('emulator.demoEnv', () => {
  it('gives the variables of each kind of demo credential, pointing at this emulator', async () => {
    const emulator = await startEmulator();
    try {
      expect(emulator.demoEnv('password')).toMatchObject({
        QONTAK_BASE_URL: emulator.url,
        QONTAK_USERNAME: DEMO_USERNAME,
        QONTAK_PASSWORD: DEMO_PASSWORD,
      });
      expect(emulator.demoEnv('access-token')).toEqual({
        QONTAK_BASE_URL: emulator.url,
        QONTAK_ACCESS_TOKEN: DEMO_ACCESS_TOKEN,
      });
      expect(emulator.demoEnv('mekari-hmac')).toMatchObject({
        MEKARI_BASE_URL: emulator.url,
        MEKARI_CLIENT_ID: DEMO_HMAC_CLIENT_ID,
      });
      // The access token it names is one the emulator accepts.
      const health = await fetch(`${emulator.url}/api/open/v1/health`, {
        headers: { authorization: `Bearer ${emulator.demoEnv('access-token')['QONTAK_ACCESS_TOKEN']}` },
      });
      expect(health.status).toBe(200);
    } finally {
      await emulator.close();
    }
  });

  it('follows the emulator options, and refuses a kind it has no credential of', async () => {
    const emulator = await startEmulator({
      users: [{ username: 'ops@example.com', password: 'pw' }],
      hmacClients: [],
    });
    try {
      expect(emulator.demoEnv('password')['QONTAK_USERNAME']).toBe('ops@example.com');
      expect(() => emulator.demoEnv('mekari-hmac')).toThrow(/no HMAC client/);
      expect(() => emulator.demoEnv('kerberos' as never)).toThrow(RangeError);
    } finally {
      await emulator.close();
    }
  });
});
