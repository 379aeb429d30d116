import { describe, expect, it } from 'vitest';
import { DEMO_ORGANIZATION_ID } from '../index';
import type { QontakEmulator } from '../index';
import type { Envelope } from './api-helpers';
import { callApi, errorEnvelope, jsonOf } from './api-helpers';
import { useEmulator } from './helpers';

const PATH = '/v1/messages/whatsapp/bot';

function form(fields: Record<string, string | Blob | [Blob, string]>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (Array.isArray(value)) data.append(name, value[0], value[1]);
    else data.append(name, value);
  }
  return data;
}

const PNG = new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4])], { type: 'image/png' });

async function refused(emulator: QontakEmulator, data: FormData): Promise<string[]> {
  const res = await callApi(emulator, 'bearer', PATH, { form: data });
  expect(res.status).toBe(422);
  return (await jsonOf<{ error: { messages: string[] } }>(res)).error.messages;
}

describe('POST /v1/messages/whatsapp/bot (multipart/form-data)', () => {
  const start = useEmulator();

  it('sends a text message; type defaults to text', async () => {
    const now = Date.parse('2026-02-02T02:02:02Z');
    const emulator = await start({ clock: () => now });
    const res = await callApi(emulator, 'access-token', PATH, {
      form: form({ room_id: 'room-9', text: 'Halo' }),
    });
    expect(res.status).toBe(201);
    const { data } = await jsonOf<Envelope<Record<string, unknown>>>(res);
    expect(data).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      type: 'text',
      room_id: 'room-9',
      text: 'Halo',
      file: null,
      status: 'created',
      participant_type: 'bot',
      organization_id: DEMO_ORGANIZATION_ID,
      created_at: '2026-02-02T02:02:02.000Z',
    });
  });

  it('sends an image with its file, and records the file as name, type and size', async () => {
    const emulator = await start();
    const res = await callApi(emulator, 'hmac', PATH, {
      form: form({ room_id: 'room-1', type: 'image', file: [PNG, 'receipt.png'], text: 'Your receipt' }),
    });
    expect(res.status).toBe(201);
    const { data } = await jsonOf<Envelope<{ id: string; file: Record<string, unknown> }>>(res);
    expect(data.file).toMatchObject({ filename: 'receipt.png', size: 8, content_type: 'image/png' });
    expect(emulator.botMessages()).toEqual([
      {
        id: data.id,
        credential: 'hmac',
        room_id: 'room-1',
        type: 'image',
        text: 'Your receipt',
        file: { name: 'receipt.png', type: 'image/png', size: 8 },
      },
    ]);
  });

  it.each(['contact', 'location', 'system'])('accepts type %s with only a room_id', async (type) => {
    const emulator = await start();
    const res = await callApi(emulator, 'bearer', PATH, { form: form({ room_id: 'r', type }) });
    expect(res.status).toBe(201);
  });

  it('names each missing or bad field', async () => {
    const emulator = await start();
    expect(await refused(emulator, form({}))).toEqual([
      'room_id is required',
      'text is required when type is text',
    ]);
    expect(await refused(emulator, form({ room_id: 'r', type: 'sticker' }))).toEqual([
      'type must be one of audio, contact, document, image, location, system, text, video',
    ]);
    for (const type of ['audio', 'document', 'image', 'video']) {
      expect(await refused(emulator, form({ room_id: 'r', type }))).toEqual([
        `file is required when type is ${type}`,
      ]);
    }
    expect(await refused(emulator, form({ room_id: 'r', type: 'text', text: '  ' }))).toEqual([
      'text is required when type is text',
    ]);
    expect(await refused(emulator, form({ room_id: 'r', type: 'image', file: 'not-a-file' }))).toEqual([
      'file must be a file upload',
    ]);
    expect(
      await refused(emulator, form({ room_id: 'r', type: 'image', file: [new Blob([]), 'empty.png'] })),
    ).toEqual(['file must not be empty']);
    expect(await refused(emulator, form({ room_id: [PNG, 'x.png'], text: 'hi', caption: 'x' }))).toEqual([
      'caption is not a permitted field',
      'room_id must be a text field, not a file',
    ]);
    const twice = form({ room_id: 'r', text: 'a' });
    twice.append('text', 'b');
    expect(await refused(emulator, twice)).toEqual(['text must be given once']);
    expect(emulator.botMessages()).toEqual([]);
    expect(emulator.stats().botMessages).toEqual({ accepted: 0, rejected: 11 });
  });

  it('takes multipart only: 415 for JSON, 400 for a body that does not parse, 413 past maxBodyBytes', async () => {
    const emulator = await start({ maxBodyBytes: 1024 });
    const json = await callApi(emulator, 'bearer', PATH, {
      json: { room_id: 'r', type: 'text', text: 'hi' },
    });
    expect(json.status).toBe(415);
    expect(await json.json()).toEqual(errorEnvelope(415, ['Content-Type must be multipart/form-data']));
    const broken = await callApi(emulator, 'bearer', PATH, {
      body: '--x\r\nContent-Disposition: form-data; name="room_id"\r\n\r\nr',
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
    });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toEqual(
      errorEnvelope(400, ['the request body is not valid multipart/form-data']),
    );
    const big = form({ room_id: 'r', type: 'image', file: [new Blob([new Uint8Array(4096)]), 'big.png'] });
    const tooLarge = await callApi(emulator, 'bearer', PATH, { form: big });
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.json()).toEqual(errorEnvelope(413, ['the request body is larger than 1024 bytes']));
    expect(emulator.stats().botMessages).toEqual({ accepted: 0, rejected: 3 });
    expect(
      (await callApi(emulator, 'bearer', PATH, { form: form({ room_id: 'r', text: 'ok' }) })).status,
    ).toBe(201);
  });
});
