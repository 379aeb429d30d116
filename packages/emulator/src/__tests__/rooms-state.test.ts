import { describe, expect, it } from 'vitest';
import { callApi, CREDENTIAL_KINDS, jsonOf, type Envelope } from './api-helpers';
import { useEmulator } from './helpers';

const MIB = 1024 * 1024;

function upload(bytes: number, name = 'file.bin'): FormData {
  const form = new FormData();
  form.set('file', new File([new Uint8Array(bytes).fill(7)], name, { type: 'application/octet-stream' }));
  return form;
}

async function uploaded(
  emulator: Awaited<ReturnType<ReturnType<typeof useEmulator>>>,
  form: FormData,
): Promise<string> {
  const res = await callApi(emulator, 'access-token', '/v1/file_uploader', { form });
  expect(res.status).toBe(201);
  return (await jsonOf<Envelope<{ url: string }>>(res)).data.url;
}

describe('the rooms, uploads and blocks the emulator keeps', () => {
  const start = useEmulator();

  it('keeps the newest maxRecords uploads: an older one is no longer served (404)', async () => {
    const emulator = await start({ maxRecords: 2 });
    const urls = [];
    for (let i = 0; i < 3; i++) urls.push(await uploaded(emulator, upload(10, `f${i}.bin`)));
    const statuses = await Promise.all(urls.map(async (url) => (await fetch(url)).status));
    expect(statuses).toEqual([404, 200, 200]);
  });

  it('keeps at most 32 MiB of uploads: 20 files of 2 MiB are not all served, the newest is', async () => {
    const emulator = await start({ maxBodyBytes: 3 * MIB });
    const urls = [];
    for (let i = 0; i < 20; i++) urls.push(await uploaded(emulator, upload(2 * MIB)));
    expect((await fetch(urls[0]!)).status).toBe(404);
    const newest = await fetch(urls[19]!);
    expect(newest.status).toBe(200);
    expect((await newest.arrayBuffer()).byteLength).toBe(2 * MIB);
  });

  it('serves an upload as a sandboxed, unsniffed download whatever its type', async () => {
    const emulator = await start();
    const form = new FormData();
    form.set('file', new File(['<script>alert(1)</script>'], 'x.html', { type: 'text/html' }));
    const res = await fetch(await uploaded(emulator, form));
    expect(res.headers.get('content-security-policy')).toBe('sandbox');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('opens seedRooms rooms at start and again after reset; refuses more than maxRecords', async () => {
    const emulator = await start({ seedRooms: 3 });
    const list = async () =>
      (await jsonOf<Envelope<{ id: string; name: string }[]>>(await callApi(emulator, 'hmac', '/v1/rooms')))
        .data;
    const before = await list();
    expect(before.map((room) => room.name)).toEqual(['Customer 3', 'Customer 2', 'Customer 1']);
    emulator.reset();
    const after = await list();
    expect(after).toHaveLength(3);
    expect(after.map((room) => room.id)).not.toEqual(before.map((room) => room.id));
    await expect(start({ maxRecords: 2, seedRooms: 3 })).rejects.toThrow(RangeError);
  });

  it('takes a tag as JSON or multipart only (415 otherwise), once per field, at most 100 per room', async () => {
    const emulator = await start();
    const { roomId } = emulator.receiveCustomerMessage({ from: '6281234567890', text: 'Halo' });
    const path = `/v1/rooms/${roomId}/tags`;
    const plain = await callApi(emulator, 'bearer', path, {
      body: 'tag=vip',
      headers: { 'content-type': 'text/plain' },
    });
    expect(plain.status).toBe(415);
    const twice = new FormData();
    twice.append('tag', 'a');
    twice.append('tag', 'b');
    const doubled = await callApi(emulator, 'bearer', path, { form: twice });
    expect(doubled.status).toBe(422);
    expect((await jsonOf<{ error: { messages: string[] } }>(doubled)).error.messages).toEqual([
      'tag must be a string',
    ]);
    for (let i = 0; i < 100; i++) {
      expect((await callApi(emulator, 'access-token', path, { json: { tag: `t${i}` } })).status).toBe(200);
    }
    const full = await callApi(emulator, 'access-token', path, { json: { tag: 'one-more' } });
    expect(full.status).toBe(422);
  });

  it('refuses the new operations without a credential, under both base paths', async () => {
    const emulator = await start();
    for (const path of ['/api/open/v1/rooms', '/qontak/chat/v1/users', '/api/open/v1/file_uploader']) {
      const res = await fetch(`${emulator.url}${path}`, {
        method: path.endsWith('uploader') ? 'POST' : 'GET',
      });
      expect(res.status).toBe(401);
    }
    for (const kind of CREDENTIAL_KINDS) {
      expect((await callApi(emulator, kind, '/v1/users')).status).toBe(200);
    }
  });

  it('injects faults into the new routes, the served files included', async () => {
    const emulator = await start();
    const url = await uploaded(emulator, upload(4));
    emulator.faults.inject('rooms', { type: 'status', status: 503 });
    emulator.faults.inject('uploaded-file', { type: 'status', status: 502 });
    expect((await callApi(emulator, 'access-token', '/v1/rooms')).status).toBe(503);
    expect((await fetch(url)).status).toBe(502);
    expect((await fetch(url)).status).toBe(200);
    expect(emulator.stats().faultsServed).toBe(2);
  });
});
