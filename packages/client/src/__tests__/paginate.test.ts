import { describe, expect, it } from 'vitest';
import { createQontakClient } from '../create-qontak-client';
import { paginate, type QontakListParams } from '../paginate';
import { authorizerFor, emulator } from './support/schemes';

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

describe('paginate', () => {
  it('walks a list page by page to its end: 3 templates, pages of 1, 3 requests', async () => {
    const server = await emulator();
    const client = createQontakClient(authorizerFor('dashboard access token', server));
    const templates = await collect(paginate(client, '/v1/templates/whatsapp', { pageSize: 1 }));
    expect(templates.map((template) => template.id)).toHaveLength(3);
    expect(new Set(templates.map((template) => template.id)).size).toBe(3);
    expect(server.stats().operations['templates']).toMatchObject({ 200: 3 });
  });

  it("walks the emulator's 250 seeded rooms in pages of 100: each room once, 3 requests", async () => {
    const server = await emulator({ seedRooms: 250 });
    const client = createQontakClient(authorizerFor('Mekari HMAC', server));
    const rooms = await collect(paginate(client, '/v1/rooms', { pageSize: 100 }));
    expect(rooms).toHaveLength(250);
    expect(new Set(rooms.map((room) => room.id)).size).toBe(250);
    expect(rooms[0]).toMatchObject({ name: 'Customer 250', status: 'unassigned' });
    expect(server.stats().operations['rooms']).toEqual({ 200: 3 });
  });

  it('stops at maxItems, asking for no more than it will yield', async () => {
    const server = await emulator();
    const client = createQontakClient(authorizerFor('Mekari HMAC', server));
    const two = await collect(paginate(client, '/v1/integrations', { pageSize: 100, maxItems: 2 }));
    expect(two).toHaveLength(2);
    expect(server.stats().operations['integrations']).toMatchObject({ 200: 1 });
  });

  it('keeps the filters of the list (target_channel) and its path parameters', async () => {
    const server = await emulator();
    const client = createQontakClient(authorizerFor('password grant', server));
    const wa = await collect(
      paginate(client, '/v1/integrations', { params: { query: { target_channel: 'wa_cloud' } } }),
    );
    expect(wa.every((integration) => integration.target_channel === 'wa_cloud')).toBe(true);
    expect(wa).toHaveLength(2);
  });

  it('throws a QontakApiError for an error status (code http_error), and a RangeError for a page size out of range', async () => {
    const server = await emulator();
    const client = createQontakClient(authorizerFor('dashboard access token', server));
    const missing = paginate(client, '/v1/broadcasts/{id}/whatsapp/log', {
      params: { path: { id: 'no-such-id' } },
    });
    await expect(collect(missing)).rejects.toMatchObject({
      name: 'QontakApiError',
      code: 'http_error',
      status: 404,
    });
    await expect(collect(paginate(client, '/v1/templates/whatsapp', { pageSize: 101 }))).rejects.toThrow(
      RangeError,
    );
  });

  it("leaves out a caller's cursor, which would take the place of offset: every template once, one request per page", async () => {
    const server = await emulator();
    const client = createQontakClient(authorizerFor('dashboard access token', server));
    const first = await client.GET('/v1/templates/whatsapp', { params: { query: { limit: 1 } } });
    const cursor = first.data?.meta?.pagination?.cursor?.next;
    expect(cursor).toEqual(expect.any(String));
    const query = { cursor } as QontakListParams<'/v1/templates/whatsapp'>['query'];
    const templates = await collect(
      paginate(client, '/v1/templates/whatsapp', { pageSize: 1, maxItems: 10, params: { query } }),
    );
    expect(templates.map((template) => template.id)).toHaveLength(3);
    expect(new Set(templates.map((template) => template.id)).size).toBe(3);
    expect(server.stats().operations['templates']).toMatchObject({ 200: 1 + 3 });
  });
});
