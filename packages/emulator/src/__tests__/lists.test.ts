import { describe, expect, it } from 'vitest';
import {
  DEMO_CHANNEL_INTEGRATION_ID,
  DEMO_IMAGE_TEMPLATE_ID,
  DEMO_ORGANIZATION_ID,
  DEMO_PLAIN_TEMPLATE_ID,
  DEMO_SUPPORT_CHANNEL_INTEGRATION_ID,
  DEMO_TEMPLATE_ID,
  DEMO_WA_CHANNEL_INTEGRATION_ID,
  startEmulator,
} from '../index';
import type { EmulatorTemplate, QontakEmulator } from '../index';
import type { Envelope } from './api-helpers';
import { callApi, errorEnvelope, jsonOf } from './api-helpers';
import { useEmulator } from './helpers';

type Item = { id: string; name?: string; target_channel?: string };

async function list(emulator: QontakEmulator, path: string): Promise<Envelope<Item[]>> {
  const res = await callApi(emulator, 'access-token', path);
  expect(res.status).toBe(200);
  return jsonOf<Envelope<Item[]>>(res);
}

function manyTemplates(n: number): EmulatorTemplate[] {
  return Array.from({ length: n }, (_, i) => ({ id: `tpl-${i}`, name: `template_${i}`, body: 'Hi {{1}}' }));
}

describe('the lists: GET /v1/templates/whatsapp and GET /v1/integrations', () => {
  const start = useEmulator();

  it('serves the seeded templates as Qontak renders them', async () => {
    const emulator = await start();
    const { status, data, meta } = await list(emulator, '/v1/templates/whatsapp');
    expect(status).toBe('success');
    expect(data.map((t) => t.id)).toEqual([DEMO_TEMPLATE_ID, DEMO_IMAGE_TEMPLATE_ID, DEMO_PLAIN_TEMPLATE_ID]);
    expect(data[1]).toEqual({
      id: DEMO_IMAGE_TEMPLATE_ID,
      organization_id: DEMO_ORGANIZATION_ID,
      name: 'weekly_promo',
      language: 'en',
      header: { format: 'IMAGE', example: 'https://cdn.example.com/promo.jpg' },
      body: 'Hi {{1}}, {{2}} is on sale this week.',
      footer: 'Reply STOP to opt out',
      buttons: [{ type: 'URL', text: 'Shop now', url: 'https://shop.example.com/{{1}}' }],
      status: 'APPROVED',
      category: 'MARKETING',
    });
    expect(meta).toEqual({
      pagination: { limit: 10, offset: 0, total: 3, cursor: { next: null, prev: null } },
    });
  });

  it('serves the seeded integrations with their channel and number', async () => {
    const emulator = await start();
    const { data } = await list(emulator, '/v1/integrations');
    expect(data).toEqual([
      expect.objectContaining({
        id: DEMO_CHANNEL_INTEGRATION_ID,
        target_channel: 'wa_cloud',
        settings: { account_name: 'Demo Store', server_wa_id: '6281100000001' },
        organization_id: DEMO_ORGANIZATION_ID,
        is_active: true,
      }),
      expect.objectContaining({ id: DEMO_SUPPORT_CHANNEL_INTEGRATION_ID, target_channel: 'wa_cloud' }),
      expect.objectContaining({ id: DEMO_WA_CHANNEL_INTEGRATION_ID, target_channel: 'wa' }),
    ]);
  });

  it('filters integrations by target_channel (an unknown channel gives an empty page)', async () => {
    const emulator = await start();
    const wa = await list(emulator, '/v1/integrations?target_channel=wa');
    expect(wa.data.map((i) => i.id)).toEqual([DEMO_WA_CHANNEL_INTEGRATION_ID]);
    expect(wa.meta?.pagination.total).toBe(1);
    const ig = await list(emulator, '/v1/integrations?target_channel=ig');
    expect(ig.data).toEqual([]);
    expect(ig.meta?.pagination).toEqual({
      limit: 10,
      offset: 0,
      total: 0,
      cursor: { next: null, prev: null },
    });
    const paged = await list(emulator, '/v1/integrations?target_channel=wa_cloud&limit=1&offset=1');
    expect(paged.data.map((i) => i.id)).toEqual([DEMO_SUPPORT_CHANNEL_INTEGRATION_ID]);
    expect(paged.meta?.pagination).toMatchObject({ limit: 1, offset: 1, total: 2 });
  });

  it('pages with offset and limit: a first page, a last partial page, and a page past the end', async () => {
    const emulator = await start({ templates: manyTemplates(25) });
    const first = await list(emulator, '/v1/templates/whatsapp');
    expect(first.data).toHaveLength(10);
    expect(first.data[0]?.id).toBe('tpl-0');
    expect(first.meta?.pagination).toMatchObject({ limit: 10, offset: 0, total: 25 });
    expect(first.meta?.pagination.cursor.prev).toBeNull();
    expect(first.meta?.pagination.cursor.next).toEqual(expect.any(String));

    const last = await list(emulator, '/v1/templates/whatsapp?offset=20&limit=10');
    expect(last.data.map((t) => t.id)).toEqual(['tpl-20', 'tpl-21', 'tpl-22', 'tpl-23', 'tpl-24']);
    expect(last.meta?.pagination.cursor.next).toBeNull();

    const beyond = await list(emulator, '/v1/templates/whatsapp?offset=25');
    expect(beyond.data).toEqual([]);
    expect(beyond.meta?.pagination).toMatchObject({ offset: 25, total: 25 });

    const max = await list(emulator, '/v1/templates/whatsapp?limit=100');
    expect(max.data).toHaveLength(25);
    const one = await list(emulator, '/v1/templates/whatsapp?limit=1');
    expect(one.data).toHaveLength(1);
  });

  it('walks the whole list forwards and back with the cursors', async () => {
    const emulator = await start({ templates: manyTemplates(7) });
    const seen: string[] = [];
    let path: string | null = '/v1/templates/whatsapp?limit=3';
    let lastCursor: { next: string | null; prev: string | null } = { next: null, prev: null };
    while (path !== null) {
      const page: Envelope<Item[]> = await list(emulator, path);
      seen.push(...page.data.map((t) => t.id));
      lastCursor = page.meta?.pagination.cursor ?? lastCursor;
      path = lastCursor.next === null ? null : `/v1/templates/whatsapp?limit=3&cursor=${lastCursor.next}`;
    }
    expect(seen).toEqual(manyTemplates(7).map((t) => t.id));
    const back = await list(emulator, `/v1/templates/whatsapp?limit=3&cursor=${lastCursor.prev}`);
    expect(back.data.map((t) => t.id)).toEqual(['tpl-3', 'tpl-4', 'tpl-5']);
    expect(back.meta?.pagination.offset).toBe(3);
  });

  it.each([
    ['offset=-1', ['offset must be a non-negative integer']],
    ['offset=1.5', ['offset must be a non-negative integer']],
    ['offset=abc', ['offset must be a non-negative integer']],
    ['limit=0', ['limit must be an integer from 1 to 100']],
    ['limit=101', ['limit must be an integer from 1 to 100']],
    ['limit=', ['limit must be an integer from 1 to 100']],
    ['offset=x&limit=x', ['offset must be a non-negative integer', 'limit must be an integer from 1 to 100']],
    ['cursor=bm90LWEtY3Vyc29y', ['cursor is not a cursor this API issued']],
  ])('answers ?%s with 422 naming each bad parameter, on both lists', async (query, messages) => {
    const emulator = await start();
    for (const path of ['/v1/templates/whatsapp', '/v1/integrations']) {
      for (const kind of ['bearer', 'hmac'] as const) {
        const res = await callApi(emulator, kind, `${path}?${query}`);
        expect(res.status).toBe(422);
        expect(await res.json()).toEqual(errorEnvelope(422, messages));
      }
    }
    expect(emulator.stats().operations).toEqual({ templates: { 422: 2 }, integrations: { 422: 2 } });
  });

  it('ignores query parameters it does not know', async () => {
    const emulator = await start();
    const page = await list(emulator, '/v1/templates/whatsapp?order_by=created_at&query=order');
    expect(page.meta?.pagination.total).toBe(3);
  });

  it('serves the templates and integrations given as options instead of the seeds', async () => {
    const emulator = await start({
      templates: [
        {
          id: 'mine',
          name: 'my_template',
          body: 'Hello {{1}}',
          language: 'id',
          header: { format: 'DOCUMENT' },
        },
      ],
      integrations: [{ id: 'my-int', targetChannel: 'telegram', accountName: 'Bot' }],
    });
    const templates = await list(emulator, '/v1/templates/whatsapp');
    expect(templates.data).toEqual([
      {
        id: 'mine',
        organization_id: DEMO_ORGANIZATION_ID,
        name: 'my_template',
        language: 'id',
        header: { format: 'DOCUMENT' },
        body: 'Hello {{1}}',
        footer: null,
        buttons: [],
        status: 'APPROVED',
        category: 'UTILITY',
      },
    ]);
    const integrations = await list(emulator, '/v1/integrations');
    expect(integrations.data).toEqual([
      expect.objectContaining({
        id: 'my-int',
        target_channel: 'telegram',
        settings: { account_name: 'Bot', server_wa_id: '' },
      }),
    ]);
  });

  it.each([
    [
      { templates: [{ id: '', name: 'x', body: '' }] },
      /templates\[0\] needs a non-empty string id and name and a string body/,
    ],
    [
      { templates: [{ id: 'a', name: 'x', body: '', header: { format: 'GIF' } }] },
      /templates\[0\]: header.format must be one of IMAGE, VIDEO, DOCUMENT, TEXT/,
    ],
    [
      {
        templates: [
          { id: 'a', name: 'x', body: '' },
          { id: 'a', name: 'y', body: '' },
        ],
      },
      /templates\[1\].id duplicates templates\[0\].id/,
    ],
    [{ integrations: [{ id: 'a' }] }, /integrations\[0\] needs a non-empty string id and targetChannel/],
  ])('rejects bad catalog options at start (%j)', async (options, message) => {
    await expect(startEmulator(options as never)).rejects.toThrow(message);
  });
});
