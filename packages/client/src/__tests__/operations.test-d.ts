import { QontakAccessTokenAuth } from '@qontak/auth-core';
import { describe, expectTypeOf, it } from 'vitest';
import { createQontakClient } from '../create-qontak-client';
import { paginate, type QontakListPath } from '../paginate';
import type { QontakErrorEnvelope, QontakPaths, QontakSchemas } from '../qontak-paths';
import { toFormData } from '../to-form-data';

const client = createQontakClient(new QontakAccessTokenAuth({ accessToken: 'token' }));
const png = new Blob(['png'], { type: 'image/png' });

/** Whether an operation is a paged list: `offset` and `limit` in its query, an array as its 200's `data`. */
type IsPagedList<Operation> = Operation extends {
  parameters: { query?: infer Query };
  responses: { 200: { content: { 'application/json': { data: unknown[] } } } };
}
  ? [NonNullable<Query>] extends [never]
    ? false
    : 'offset' | 'limit' extends keyof NonNullable<Query>
      ? true
      : false
  : false;

/** Every path of the document whose GET is a paged list. */
type PagedListPath = {
  [Path in keyof QontakPaths]: QontakPaths[Path] extends { get: infer Operation }
    ? IsPagedList<Operation> extends true
      ? Path
      : never
    : never;
}[keyof QontakPaths];

describe('an agent message (multipart)', () => {
  it('needs room_id and type, and the file of a media type or the text of a text message', () => {
    void client.POST('/v1/messages/whatsapp', {
      body: { room_id: 'r', type: 'text', text: 'hi', local_id: 'mine-1' },
      bodySerializer: toFormData,
    });
    void client.POST('/v1/messages/whatsapp', {
      body: { room_id: 'r', type: 'voice', file: png },
      bodySerializer: toFormData,
    });
    void client.POST('/v1/messages/whatsapp', { body: { room_id: 'r', type: 'location' } });
    void client.POST('/v1/messages/whatsapp', {
      // @ts-expect-error type is required for an agent message (the bot's defaults to text)
      body: { room_id: 'r', text: 'hi' },
    });
    void client.POST('/v1/messages/whatsapp', {
      // @ts-expect-error room_id is required
      body: { type: 'text', text: 'hi' },
    });
    void client.POST('/v1/messages/whatsapp', {
      // @ts-expect-error an image needs its file
      body: { room_id: 'r', type: 'image' },
    });
    void client.POST('/v1/messages/whatsapp', {
      // @ts-expect-error a file is a Blob, not a path
      body: { room_id: 'r', type: 'image', file: '/tmp/a.png' },
    });
  });

  it('answers the created message', async () => {
    const { data } = await client.POST('/v1/messages/whatsapp', {
      body: { room_id: 'r', type: 'text', text: 'hi' },
      bodySerializer: toFormData,
    });
    expectTypeOf(data).toEqualTypeOf<QontakSchemas['AgentMessageResponse'] | undefined>();
    expectTypeOf<NonNullable<typeof data>['data']>().toEqualTypeOf<QontakSchemas['BotMessage']>();
  });
});

describe('an interactive bot message', () => {
  it('is reply buttons or a list, told apart by type', () => {
    void client.POST('/v1/messages/whatsapp/interactive_message/bot', {
      body: {
        room_id: 'r',
        type: 'button',
        interactive: {
          body: 'Track your order?',
          buttons: [
            { id: 'yes', title: 'Yes' },
            { id: 'no', title: 'No' },
          ],
        },
      },
    });
    void client.POST('/v1/messages/whatsapp/interactive_message/bot', {
      body: {
        room_id: 'r',
        type: 'list',
        interactive: {
          body: 'Pick a branch',
          lists: {
            button: 'Branches',
            sections: [
              { title: 'Jakarta', rows: [{ id: 'jkt-1', title: 'Sudirman', description: '08-20' }] },
            ],
          },
        },
      },
    });
  });

  it('refuses a variant with the other variant content, an unknown type, and a button without its title', () => {
    void client.POST('/v1/messages/whatsapp/interactive_message/bot', {
      // @ts-expect-error a button message holds buttons, not lists
      body: {
        room_id: 'r',
        type: 'button',
        interactive: { body: 'b', lists: { button: 'x', sections: [] } },
      },
    });
    void client.POST('/v1/messages/whatsapp/interactive_message/bot', {
      // @ts-expect-error a list message holds lists, not buttons
      body: { room_id: 'r', type: 'list', interactive: { body: 'b', buttons: [{ id: 'a', title: 'A' }] } },
    });
    void client.POST('/v1/messages/whatsapp/interactive_message/bot', {
      // @ts-expect-error 'carousel' is not an interactive message type
      body: { room_id: 'r', type: 'carousel', interactive: { body: 'b', buttons: [] } },
    });
    void client.POST('/v1/messages/whatsapp/interactive_message/bot', {
      // @ts-expect-error a button needs its title
      body: { room_id: 'r', type: 'button', interactive: { body: 'b', buttons: [{ id: 'a' }] } },
    });
  });
});

describe('a broadcast to a contact list', () => {
  const fields = {
    name: 'January promo',
    contact_list_id: 'list-1',
    message_template_id: 't',
    channel_integration_id: 'c',
    language: { code: 'id' },
    parameters: { body: [{ key: '1', value: 'full_name', value_text: 'Customer' }] },
  };

  it('is sent now, or at send_at', () => {
    void client.POST('/v1/broadcasts/whatsapp', { body: { ...fields, execute_type: 'immediately' } });
    void client.POST('/v1/broadcasts/whatsapp', {
      body: { ...fields, execute_type: 'specific', send_at: '2026-01-31T09:00:00+07:00' },
    });
  });

  it('refuses a scheduled broadcast without send_at, and one without its contact list', () => {
    // @ts-expect-error execute_type specific needs send_at
    void client.POST('/v1/broadcasts/whatsapp', { body: { ...fields, execute_type: 'specific' } });
    const { contact_list_id: _omitted, ...withoutList } = fields;
    // @ts-expect-error contact_list_id is required
    void client.POST('/v1/broadcasts/whatsapp', { body: { ...withoutList, execute_type: 'immediately' } });
  });

  it('reads the contact list it goes to, whose progress is one of three states', async () => {
    const { data } = await client.GET('/v1/contacts/contact_lists/{id}', {
      params: { path: { id: 'list-1' } },
    });
    expectTypeOf(data?.data.progress).toEqualTypeOf<'processing' | 'success' | 'failed' | undefined>();
    void client.POST('/v1/contacts/contact_lists/async', {
      body: { name: 'Customers', source_type: 'spreadsheet', file: new Blob(['phone\n6281234567890']) },
      bodySerializer: toFormData,
    });
  });
});

describe('the other new operations', () => {
  it('type the file upload, the number check, room tags, agents and contact blocks', async () => {
    const upload = await client.POST('/v1/file_uploader', {
      body: { file: png },
      bodySerializer: toFormData,
    });
    expectTypeOf(upload.data?.data.url).toEqualTypeOf<string | undefined>();
    const check = await client.POST('/v1/broadcasts/contacts', {
      body: { channel_integration_id: 'c', phone_numbers: ['6281234567890'] },
    });
    expectTypeOf(check.data?.data.contacts).toEqualTypeOf<QontakSchemas['BroadcastContact'][] | undefined>();
    void client.POST('/v1/rooms/{id}/tags', { params: { path: { id: 'r' } }, body: { tag: 'vip' } });
    void client.DELETE('/v1/rooms/{id}/tags', {
      params: { path: { id: 'r' } },
      body: { tag: 'vip' },
      bodySerializer: toFormData,
    });
    void client.POST('/v1/rooms/{id}/agents/{user_id}', { params: { path: { id: 'r', user_id: 'u' } } });
    // @ts-expect-error the agent's user_id is part of the path
    void client.POST('/v1/rooms/{id}/agents/{user_id}', { params: { path: { id: 'r' } } });
    void client.DELETE('/v1/contact_block/{contact_id}', {
      params: { path: { contact_id: 'c' } },
      body: { room_id: 'r' },
    });
    // @ts-expect-error blocking a contact says why
    void client.POST('/v1/contact_block', { body: { room_id: 'r' } });
  });

  it('type a 429 as an error: Qontak envelope or the gateway message', async () => {
    const { error } = await client.PUT('/v1/rooms/{id}/resolve', { params: { path: { id: 'r' } } });
    expectTypeOf(error).toExtend<QontakErrorEnvelope | { message: string } | string | undefined>();
  });
});

describe('paginate', () => {
  it('walks every paged list of the document, and only those', () => {
    expectTypeOf<PagedListPath>().toEqualTypeOf<QontakListPath>();
    // The controls: a paged list is found, an unpaged one (an array without offset/limit) is not.
    expectTypeOf<IsPagedList<QontakPaths['/v1/rooms']['get']>>().toEqualTypeOf<true>();
    expectTypeOf<IsPagedList<QontakPaths['/v1/rooms/{id}/histories']['get']>>().toEqualTypeOf<false>();
  });

  it('yields each list item typed, with its filters and path parameters', () => {
    expectTypeOf(
      paginate(client, '/v1/rooms', { params: { query: { status: 'unassigned', 'tags[]': ['vip'] } } }),
    ).toEqualTypeOf<AsyncGenerator<QontakSchemas['Room'], void, undefined>>();
    expectTypeOf(paginate(client, '/v1/broadcasts/whatsapp')).toEqualTypeOf<
      AsyncGenerator<QontakSchemas['Broadcast'], void, undefined>
    >();
    expectTypeOf(paginate(client, '/v1/contacts/contact_lists')).toEqualTypeOf<
      AsyncGenerator<QontakSchemas['ContactList'], void, undefined>
    >();
    expectTypeOf(paginate(client, '/v1/users', { params: { query: { role: 'agent' } } })).toEqualTypeOf<
      AsyncGenerator<QontakSchemas['User'], void, undefined>
    >();
    expectTypeOf(
      paginate(client, '/v1/rooms/{id}/agents/assignable', { params: { path: { id: 'r' } } }),
    ).toEqualTypeOf<AsyncGenerator<QontakSchemas['User'], void, undefined>>();
    // @ts-expect-error a room's history is not a paged list
    void paginate(client, '/v1/rooms/{id}/histories');
    // @ts-expect-error paginate sets offset itself
    void paginate(client, '/v1/users', { params: { query: { offset: 2 } } });
  });
});
