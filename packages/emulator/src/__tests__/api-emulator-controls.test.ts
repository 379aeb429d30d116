import { describe, expect, it } from 'vitest';
import { DEMO_ACCESS_TOKEN } from '../index';
import type { ApiOperationRoute } from '../index';
import type { BroadcastData, Envelope } from './api-helpers';
import { callApi, directBroadcast, errorEnvelope, hmacHeaders, jsonOf } from './api-helpers';
import { passwordGrant, useEmulator } from './helpers';

describe('faults, stats, sent() and reset() on the Open API operations', () => {
  const start = useEmulator();

  it('serves a fault injected into a route under either base path, first in first out', async () => {
    const emulator = await start();
    emulator.faults.inject('templates', { type: 'status', status: 503, retryAfter: '2' }, 2);
    expect(emulator.faults.pending('templates')).toBe(2);
    const open = await callApi(emulator, 'access-token', '/v1/templates/whatsapp');
    expect(open.status).toBe(503);
    expect(open.headers.get('retry-after')).toBe('2');
    await open.arrayBuffer();
    const gateway = await callApi(emulator, 'hmac', '/v1/templates/whatsapp');
    expect(gateway.status).toBe(503);
    await gateway.arrayBuffer();
    expect((await callApi(emulator, 'hmac', '/v1/templates/whatsapp')).status).toBe(200);
    expect(emulator.stats()).toMatchObject({ faultsServed: 2, operations: { templates: { 200: 1 } } });
  });

  it.each<[ApiOperationRoute, string, Record<string, unknown>]>([
    ['broadcast-direct', '/v1/broadcasts/whatsapp/direct', { json: directBroadcast() }],
    ['integrations', '/v1/integrations', {}],
    ['room-interactions', '/v1/room_interactions', { method: 'PUT', json: { url: 'https://a.example.com' } }],
  ])(
    "answers route '%s' with an injected malformed body, before authenticating",
    async (route, path, request) => {
      const emulator = await start();
      emulator.faults.inject(route, { type: 'malformed-json' });
      const res = await callApi(emulator, 'bearer', path, { ...request, token: 'not-even-valid' });
      expect(res.status).toBe(200);
      await expect(res.json()).rejects.toThrow(SyntaxError);
      expect(emulator.sent()).toEqual([]);
    },
  );

  it("drops, patches ('token-body') and replays normally after a fault on 'broadcast-direct'", async () => {
    const emulator = await start();
    emulator.faults.inject('broadcast-direct', { type: 'drop' });
    emulator.faults.inject('broadcast-direct', { type: 'token-body', patch: { status: 'queued' } });
    await expect(
      callApi(emulator, 'access-token', '/v1/broadcasts/whatsapp/direct', { json: directBroadcast() }),
    ).rejects.toThrow();
    const patched = await callApi(emulator, 'access-token', '/v1/broadcasts/whatsapp/direct', {
      json: directBroadcast(),
    });
    expect(patched.status).toBe(201);
    expect(await patched.json()).toMatchObject({ status: 'queued', data: { name: 'Rina' } });
    expect(emulator.sent()).toHaveLength(1);
  });

  it('accepts every API route name in faults.inject, and still refuses an unknown one', async () => {
    const emulator = await start();
    const routes: ApiOperationRoute[] = [
      'broadcast-direct',
      'broadcast-log',
      'templates',
      'integrations',
      'bot-message',
      'message-interactions',
      'room-interactions',
    ];
    for (const route of routes) emulator.faults.inject(route, { type: 'empty', status: 502 });
    expect(emulator.faults.pending()).toBe(7);
    // @ts-expect-error an unknown route, as a JavaScript caller might pass
    expect(() => emulator.faults.inject('no-such-route', { type: 'drop' })).toThrow(TypeError);
  });

  it('sent(), botMessages() and webhooks() return copies: changing them changes nothing', async () => {
    const emulator = await start();
    await callApi(emulator, 'access-token', '/v1/broadcasts/whatsapp/direct', { json: directBroadcast() });
    const form = new FormData();
    form.append('room_id', 'r');
    form.append('type', 'image');
    form.append('file', new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' }), 'a.png');
    await callApi(emulator, 'access-token', '/v1/messages/whatsapp/bot', { form });
    await callApi(emulator, 'access-token', '/v1/room_interactions', {
      method: 'PUT',
      json: { url: 'https://a.example.com' },
    });

    const [broadcast] = emulator.sent();
    const [message] = emulator.botMessages();
    const hooks = emulator.webhooks();
    if (broadcast === undefined || message?.file === undefined || hooks.roomInteractions === null) {
      throw new Error('nothing recorded');
    }
    broadcast.to_number = '000';
    broadcast.parameters?.body?.splice(0);
    message.file.size = 0;
    hooks.roomInteractions.url = 'https://evil.example.com';

    expect(emulator.sent()[0]).toMatchObject({
      to_number: '6281234567890',
      parameters: { body: [{ key: '1' }, { key: '2' }] },
    });
    expect(emulator.botMessages()[0]?.file?.size).toBe(3);
    expect(emulator.webhooks().roomInteractions?.url).toBe('https://a.example.com');
  });

  it('never records a credential, only its kind', async () => {
    const emulator = await start();
    const issued = await passwordGrant(emulator);
    await callApi(emulator, 'bearer', '/v1/broadcasts/whatsapp/direct', {
      token: issued.access_token,
      json: directBroadcast(),
    });
    await callApi(emulator, 'access-token', '/v1/broadcasts/whatsapp/direct', { json: directBroadcast() });
    await callApi(emulator, 'hmac', '/v1/broadcasts/whatsapp/direct', { json: directBroadcast() });
    const recorded = JSON.stringify([
      emulator.sent(),
      emulator.botMessages(),
      emulator.webhooks(),
      emulator.stats(),
    ]);
    expect(emulator.sent().map((b) => b.credential)).toEqual(['bearer', 'access-token', 'hmac']);
    for (const secret of [issued.access_token, DEMO_ACCESS_TOKEN, 'demo-hmac-secret']) {
      expect(recorded).not.toContain(secret);
    }
  });

  it('reset() forgets broadcasts (and their logs), bot messages, webhooks and the new counters', async () => {
    const emulator = await start();
    const sent = await callApi(emulator, 'access-token', '/v1/broadcasts/whatsapp/direct', {
      json: directBroadcast(),
    });
    const { data } = await jsonOf<Envelope<BroadcastData>>(sent);
    const form = new FormData();
    form.append('room_id', 'r');
    form.append('text', 'hi');
    await callApi(emulator, 'access-token', '/v1/messages/whatsapp/bot', { form });
    await callApi(emulator, 'access-token', '/v1/room_interactions', {
      method: 'PUT',
      json: { url: 'https://a.example.com' },
    });
    emulator.reset();
    expect(emulator.sent()).toEqual([]);
    expect(emulator.botMessages()).toEqual([]);
    expect(emulator.webhooks()).toEqual({ messageInteractions: null, roomInteractions: null });
    expect(emulator.stats()).toMatchObject({
      broadcasts: { accepted: 0, rejected: 0 },
      botMessages: { accepted: 0, rejected: 0 },
      operations: {},
    });
    const log = await callApi(emulator, 'access-token', `/v1/broadcasts/${data.id}/whatsapp/log`);
    expect(log.status).toBe(404);
  });

  it('answers unknown paths under both base paths with the 404 envelope, authenticated or not', async () => {
    const emulator = await start();
    const paths = [
      '/api/open/v2/health',
      '/api/open/v1/broadcasts/whatsapp/scheduled',
      '/api/open/v1/broadcasts/a/b/whatsapp/log',
      '/qontak/chat/v2/rooms',
      '/qontak/chat/health',
    ];
    for (const path of paths) {
      const res = await fetch(`${emulator.url}${path}`, {
        headers: path.startsWith('/qontak')
          ? hmacHeaders('GET', path)
          : { authorization: `Bearer ${DEMO_ACCESS_TOKEN}` },
      });
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual(errorEnvelope(404, ['Not found']));
    }
    expect(emulator.stats().operations).toEqual({});
  });

  it('accepts a trailing slash, as on the other routes', async () => {
    const emulator = await start();
    expect((await callApi(emulator, 'hmac', '/v1/templates/whatsapp/')).status).toBe(200);
  });
});
