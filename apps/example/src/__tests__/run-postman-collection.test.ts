import { DEMO_USERNAME, startEmulator } from '@qontak/emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { runPostmanCollection } from '../run-postman-collection';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

describe('the Postman collection run by newman', () => {
  let emulator: Emulator | undefined;

  afterEach(async () => {
    await emulator?.close();
    emulator = undefined;
  });

  it('runs every request against a fresh emulator with no failed assertion (pnpm --filter qontak-example postman)', async () => {
    const result = await runPostmanCollection({ reporters: [] });

    expect(result.failures).toEqual([]);
    // Password grant folder 5, dashboard access token 3 (health, a template message, its log), Mekari
    // gateway 1, webhooks 3 (two registrations, a customer message).
    expect(result.expectedItems).toBe(12);
    expect(result.items).toEqual({ total: 12, failed: 0 });
    // 12 requests of the collection + the pre-request script's one password grant (the token is reused)
    expect(result.requests).toEqual({ total: 13, failed: 0 });
    expect(result.assertions).toEqual({ total: 28, failed: 0 });
    expect(result.ok).toBe(true);
  });

  it('makes the calls the collection describes under each credential: two password grants, one refresh, one revoke, a dashboard-token and an HMAC health check, the webhook registrations and a customer message delivered to the bot', async () => {
    emulator = await startEmulator({ port: 0, controlApi: true });

    const result = await runPostmanCollection({ baseUrl: emulator.url, reporters: [] });

    expect(result.ok).toBe(true);
    const stats = emulator.stats();
    expect(stats.grants.password).toEqual({ ok: 2, failed: 0 });
    expect(stats.grants.refresh_token).toEqual({ ok: 1, failed: 0 });
    expect(stats.revocations).toBe(1);
    // OAuth token and dashboard access token: 200 each; the request sent without a token: 401.
    expect(stats.health).toEqual({ 200: 2, 401: 1 });
    expect(stats.gatewayHealth).toEqual({ 200: 1 });
    expect(emulator.sent()).toEqual([
      expect.objectContaining({ credential: 'access-token', to_number: '6281234567890', to_name: 'Rina' }),
    ]);
    const { messageInteractions, roomInteractions } = emulator.webhooks();
    expect(messageInteractions).toMatchObject({ receive_message_from_customer: true, status_message: false });
    expect(roomInteractions).toMatchObject({ room_resolved: true, url: messageInteractions?.url });
    expect(emulator.webhookDeliveries().map(({ attempt, status }) => ({ attempt, status }))).toEqual([
      { attempt: 1, status: 200 },
    ]);
  });

  it('fails (ok: false, with the failures named) when the credentials are wrong', async () => {
    emulator = await startEmulator({
      port: 0,
      users: [{ username: DEMO_USERNAME, password: 'another-password' }],
    });

    const result = await runPostmanCollection({ baseUrl: emulator.url, reporters: [] });

    expect(result.ok).toBe(false);
    expect(result.assertions.failed).toBeGreaterThan(0);
    expect(result.failures.some((line) => line.startsWith('Password grant: answers 200'))).toBe(true);
    expect(emulator.stats().grants.password.ok).toBe(0);
  });
});
