import { describe, expect, it } from 'vitest';
import { createQontakClient } from '../create-qontak-client';
import { toFormData } from '../to-form-data';
import { messagesOf } from './support/error-messages';
import { authorizerFor, emulator, SCHEMES } from './support/schemes';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);

describe.each(SCHEMES)('messages and files with a %s', (scheme) => {
  it('POST /v1/file_uploader answers a URL the emulator serves, with the bytes and type uploaded', async () => {
    const server = await emulator();
    const client = createQontakClient(authorizerFor(scheme, server));
    const upload = await client.POST('/v1/file_uploader', {
      body: { file: new File([PNG], 'promo.png', { type: 'image/png' }) },
      bodySerializer: toFormData,
    });
    expect(upload.response.status).toBe(201);
    const url = upload.data!.data.url;
    expect(url.startsWith(`${server.url}/uploads/`)).toBe(true);
    const served = await fetch(url);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(PNG);

    const none = await client.POST('/v1/file_uploader', {
      body: { file: new Blob([]) },
      bodySerializer: toFormData,
    });
    expect(none.response.status).toBe(422);
    expect(messagesOf(none.error)).toEqual(['file must not be empty']);
    server.reset();
    expect((await fetch(url)).status).toBe(404);
  });

  it('POST /v1/messages/whatsapp: text and an image into a room, its file served; 422 per bad field, 404 for an unknown room', async () => {
    const server = await emulator();
    const client = createQontakClient(authorizerFor(scheme, server));
    const { roomId } = server.receiveCustomerMessage({ from: '6281234567890', text: 'Photo?' });
    const image = await client.POST('/v1/messages/whatsapp', {
      body: {
        room_id: roomId,
        type: 'image',
        text: 'Here',
        file: new File([PNG], 'shoe.png', { type: 'image/png' }),
      },
      bodySerializer: toFormData,
    });
    expect(image.response.status).toBe(201);
    expect(image.data?.data).toMatchObject({ room_id: roomId, type: 'image', participant_type: 'agent' });
    const file = image.data?.data.file;
    expect(file).toMatchObject({ filename: 'shoe.png', size: PNG.byteLength, content_type: 'image/png' });
    expect(new Uint8Array(await (await fetch(file!.url!)).arrayBuffer())).toEqual(PNG);

    const bad = await client.POST('/v1/messages/whatsapp', {
      body: { room_id: '', type: 'video' } as unknown as { room_id: string; type: 'text'; text: string },
      bodySerializer: toFormData,
    });
    expect(bad.response.status).toBe(422);
    expect(messagesOf(bad.error)).toEqual(['room_id is required', 'file is required when type is video']);
    const untyped = await client.POST('/v1/messages/whatsapp', {
      body: { room_id: roomId, text: 'Hi' } as unknown as { room_id: string; type: 'text'; text: string },
      bodySerializer: toFormData,
    });
    expect(messagesOf(untyped.error)).toEqual([
      'type is required: one of audio, contact, document, image, location, story, system, text, video, voice',
    ]);
    const unknown = await client.POST('/v1/messages/whatsapp', {
      body: { room_id: 'no-such-room', type: 'text', text: 'Hi' },
      bodySerializer: toFormData,
    });
    expect(unknown.response.status).toBe(404);
  });

  it('POST /v1/messages/whatsapp/interactive_message/bot: buttons and a list into the room; 422 per bad field', async () => {
    const server = await emulator();
    const client = createQontakClient(authorizerFor(scheme, server));
    const { roomId } = server.receiveCustomerMessage({ from: '6281234567890', text: 'Menu?' });
    const buttons = await client.POST('/v1/messages/whatsapp/interactive_message/bot', {
      body: {
        room_id: roomId,
        type: 'button',
        interactive: {
          body: 'Track or return?',
          buttons: [
            { id: 'track', title: 'Track' },
            { id: 'return', title: 'Return' },
          ],
        },
      },
    });
    expect(buttons.response.status).toBe(201);
    const list = await client.POST('/v1/messages/whatsapp/interactive_message/bot', {
      body: {
        room_id: roomId,
        type: 'list',
        interactive: {
          body: 'Pick a size',
          lists: {
            button: 'Sizes',
            sections: [{ title: 'EU', rows: [{ id: '42', title: '42', description: 'wide' }] }],
          },
        },
      },
    });
    expect(list.response.status).toBe(201);
    const histories = await client.GET('/v1/rooms/{id}/histories', { params: { path: { id: roomId } } });
    expect(histories.data?.data.slice(1)).toEqual([
      expect.objectContaining({ id: buttons.data?.data.id, type: 'interactive', text: 'Track or return?' }),
      expect.objectContaining({ id: list.data?.data.id, text: 'Pick a size', participant_type: 'bot' }),
    ]);

    const bad = await client.POST('/v1/messages/whatsapp/interactive_message/bot', {
      body: {
        room_id: roomId,
        type: 'button',
        interactive: {
          body: '',
          buttons: [
            { id: 'a', title: 'A' },
            { id: 'b', title: 'B' },
            { id: 'c', title: 'C' },
            { id: 'd', title: 'D' },
          ],
        },
      },
    });
    expect(bad.response.status).toBe(422);
    expect(messagesOf(bad.error)).toEqual([
      'interactive.body is required',
      'interactive.buttons must be an array of 1 to 3 objects',
    ]);
    const unknown = await client.POST('/v1/messages/whatsapp/interactive_message/bot', {
      body: {
        room_id: 'no-such-room',
        type: 'button',
        interactive: { body: 'Hi', buttons: [{ id: 'a', title: 'A' }] },
      },
    });
    expect(unknown.response.status).toBe(404);
  });
});
