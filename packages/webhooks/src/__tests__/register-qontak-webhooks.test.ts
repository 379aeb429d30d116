import { describe, expect, it } from 'vitest';
import { QontakWebhookError } from '../qontak-webhook-error';
import { registerQontakWebhooks } from '../register-qontak-webhooks';
import { qontakWebhookUrl } from '../webhook-secret';
import { clientOn, SCHEMES } from './support/emulator-clients';

const SECRET = 'Hx4Wq9Nc2Lz7Rv5Bt8Kp3Ms6Dj1Fy0Ge';
const URL_WITH_SECRET = qontakWebhookUrl('https://bot.example.com/qontak/webhook', SECRET);

describe.each(SCHEMES)('registerQontakWebhooks with a %s', (_scheme, scheme, credential) => {
  it('registers the URL for every event by default and returns what Qontak answered', async () => {
    const { emulator, client } = await clientOn(scheme);
    const settings = await registerQontakWebhooks(client, { url: URL_WITH_SECRET });
    expect(emulator.webhooks()).toEqual({
      messageInteractions: {
        receive_message_from_customer: true,
        receive_message_from_agent: true,
        status_message: true,
        broadcast_log_status: true,
        url: URL_WITH_SECRET,
        credential,
      },
      roomInteractions: { room_resolved: true, url: URL_WITH_SECRET, credential },
    });
    expect(settings.roomInteractions).toMatchObject({
      receive_message_from_customer: {
        enabled: true,
        webhooks: [{ event: 'message_interaction', url: URL_WITH_SECRET }],
      },
      room_resolved: { enabled: true, webhooks: [{ event: 'room_interaction', url: URL_WITH_SECRET }] },
    });
    expect(settings.messageInteractions.status_message?.enabled).toBe(true);
    expect(settings.messageInteractions.broadcast_log_status?.enabled).toBe(true);
  });

  it('turns off what is asked: customers only, no statuses, no rooms', async () => {
    const { emulator, client } = await clientOn(scheme);
    await registerQontakWebhooks(client, { url: URL_WITH_SECRET });
    const settings = await registerQontakWebhooks(client, {
      url: URL_WITH_SECRET,
      messages: { customer: true },
      statuses: false,
      rooms: false,
    });
    expect(emulator.webhooks().messageInteractions).toMatchObject({
      receive_message_from_customer: true,
      receive_message_from_agent: false,
      status_message: false,
      broadcast_log_status: false,
    });
    expect(emulator.webhooks().roomInteractions).toMatchObject({ room_resolved: false });
    expect(settings.roomInteractions.room_resolved?.enabled).toBe(false);
  });

  it("turns each kind of status on its own: a message's, a broadcast's", async () => {
    const { emulator, client } = await clientOn(scheme);
    await registerQontakWebhooks(client, { url: URL_WITH_SECRET, statuses: { broadcasts: true } });
    expect(emulator.webhooks().messageInteractions).toMatchObject({
      status_message: false,
      broadcast_log_status: true,
    });
    const settings = await registerQontakWebhooks(client, {
      url: URL_WITH_SECRET,
      statuses: { messages: true },
    });
    expect(emulator.webhooks().messageInteractions).toMatchObject({
      status_message: true,
      broadcast_log_status: false,
    });
    expect(settings.messageInteractions.broadcast_log_status?.enabled).toBe(false);
  });
});

describe('registerQontakWebhooks when Qontak refuses', () => {
  it('throws registration_failed with the status and Qontak messages, the secret redacted from them', async () => {
    const { emulator, client } = await clientOn(SCHEMES[1]![1]);
    emulator.faults.inject('message-interactions', {
      type: 'raw',
      status: 422,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        status: 'error',
        error: { code: 422, messages: [`url ${URL_WITH_SECRET} is unreachable`] },
      }),
    });
    const error = await registerQontakWebhooks(client, { url: URL_WITH_SECRET }).catch(
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(QontakWebhookError);
    expect(error).toMatchObject({ code: 'registration_failed', status: 422 });
    expect((error as Error).message).toMatch(
      /^Qontak answered HTTP 422 to PUT \/v1\/message_interactions: url .*\[redacted\] is unreachable$/,
    );
    expect(`${(error as Error).message} ${JSON.stringify(error)}`).not.toContain(SECRET);
    expect(emulator.webhooks()).toEqual({ messageInteractions: null, roomInteractions: null });
  });

  it('says the message webhooks were registered when only the room registration failed', async () => {
    const { emulator, client } = await clientOn(SCHEMES[1]![1]);
    emulator.faults.inject('room-interactions', { type: 'status', status: 503 }, 3);
    await expect(registerQontakWebhooks(client, { url: URL_WITH_SECRET })).rejects.toMatchObject({
      code: 'registration_failed',
      status: 503,
      message: 'Qontak answered HTTP 503 to PUT /v1/room_interactions (the message webhooks were registered)',
    });
    expect(emulator.webhooks().messageInteractions).not.toBeNull();
  });

  it.each([
    ['a URL without the secret', 'https://bot.example.com/qontak/webhook'],
    ['a URL with an empty secret', 'https://bot.example.com/qontak/webhook?qontak_secret='],
    ['no URL', undefined],
  ])('refuses %s with a config_error before calling Qontak', async (_case, url) => {
    const { emulator, client } = await clientOn(SCHEMES[1]![1]);
    await expect(registerQontakWebhooks(client, { url: url as string })).rejects.toMatchObject({
      code: 'config_error',
    });
    expect(emulator.stats().requests).toBe(0);
  });
});
