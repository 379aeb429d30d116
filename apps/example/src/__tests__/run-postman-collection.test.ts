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
    // gateway 1, webhooks 3 (two registrations, a customer message), rooms 12, messages 3, files 2, contact
    // lists and broadcasts 8, account 7.
    expect(result.expectedItems).toBe(44);
    expect(result.items).toEqual({ total: 44, failed: 0 });
    // 44 requests of the collection + the pre-request script's one password grant (the token is reused)
    expect(result.requests).toEqual({ total: 45, failed: 0 });
    expect(result.assertions).toEqual({ total: 92, failed: 0 });
    expect(result.ok).toBe(true);
  });

  it('makes the calls the collection describes under each credential: two password grants, one refresh, one revoke, a dashboard-token and an HMAC health check, the webhook registrations, a customer message and a resolved room delivered to the bot, and each other Open API operation once', async () => {
    emulator = await startEmulator({ port: 0, controlApi: true, contactListProcessingMs: 0 });

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
    // The customer message (sent with `wait: true`) and the room the Rooms folder resolved, each delivered
    // at the first attempt; agent messages and statuses are not registered.
    expect(
      emulator.webhookDeliveries().map(({ event, attempt, status }) => ({ event, attempt, status })),
    ).toEqual([
      { event: 'receive_message_from_customer', attempt: 1, status: 200 },
      { event: 'room_resolved', attempt: 1, status: 200 },
    ]);
    // Every other operation of the Open API, each answered with its success status, once (the agent
    // message twice: a text and a document; a broadcast log twice: the direct one's and the list's).
    expect(stats.operations).toEqual({
      'broadcast-direct': { 201: 1 },
      'broadcast-log': { 200: 2 },
      'message-interactions': { 200: 1 },
      'room-interactions': { 200: 1 },
      rooms: { 200: 1 },
      room: { 200: 1 },
      'room-histories': { 200: 1 },
      'room-participants': { 200: 1 },
      'room-assignable-agents': { 200: 1 },
      'room-tag-add': { 200: 1 },
      'room-tag-remove': { 200: 1 },
      'room-agent-assign': { 200: 1 },
      'room-agent-unassign': { 200: 1 },
      'room-takeover': { 200: 1 },
      'room-mark-read': { 200: 1 },
      'room-resolve': { 200: 1 },
      'agent-message': { 201: 2 },
      'interactive-message': { 201: 1 },
      'file-upload': { 201: 1 },
      'contact-list-create': { 201: 1 },
      'contact-lists': { 200: 1 },
      'contact-list': { 200: 1 },
      'broadcast-contact-list': { 201: 1 },
      broadcasts: { 200: 1 },
      broadcast: { 200: 1 },
      'broadcast-contacts': { 200: 1 },
      users: { 200: 1 },
      'contact-block': { 201: 1 },
      'contact-unblock': { 200: 1 },
      template: { 200: 1 },
      integration: { 200: 1 },
      'message-interactions-read': { 200: 1 },
      'room-interactions-read': { 200: 1 },
    });
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
