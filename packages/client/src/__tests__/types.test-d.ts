import { QontakAccessTokenAuth } from '@qontak/auth-core';
import { describe, expectTypeOf, it } from 'vitest';
import { createQontakClient } from '../create-qontak-client';
import type { QontakErrorEnvelope } from '../qontak-paths';

const client = createQontakClient(new QontakAccessTokenAuth({ accessToken: 'token' }));

describe('the typed client refuses at compile time', () => {
  it('a direct broadcast without a required field', () => {
    void client.POST('/v1/broadcasts/whatsapp/direct', {
      // @ts-expect-error to_number is required
      body: {
        to_name: 'Rina',
        message_template_id: 't',
        channel_integration_id: 'c',
        language: { code: 'id' },
      },
    });
  });

  it('a bot message of a type Qontak does not know', () => {
    void client.POST('/v1/messages/whatsapp/bot', {
      // @ts-expect-error 'sticker' is not one of the bot message types
      body: { room_id: 'r', type: 'sticker' },
    });
  });

  it('a bot message without what its type needs: the file of an image, the text of a text message', () => {
    void client.POST('/v1/messages/whatsapp/bot', {
      // @ts-expect-error an image needs its file
      body: { room_id: 'r', type: 'image' },
    });
    void client.POST('/v1/messages/whatsapp/bot', {
      // @ts-expect-error a text message (the default type) needs its text
      body: { room_id: 'r' },
    });
    // The control: each kind with what it needs compiles.
    void client.POST('/v1/messages/whatsapp/bot', { body: { room_id: 'r', text: 'hi' } });
    void client.POST('/v1/messages/whatsapp/bot', {
      body: { room_id: 'r', type: 'image', file: new Blob(['x']) },
    });
    void client.POST('/v1/messages/whatsapp/bot', { body: { room_id: 'r', type: 'location' } });
  });

  it('a path the API does not have, and the OAuth endpoints', () => {
    // @ts-expect-error no such operation
    void client.GET('/v1/no-such-thing');
    // @ts-expect-error the token endpoint is the schemes' business, not the client's
    void client.POST('/oauth/token', { body: {} });
  });

  it('and types the error as Qontak error envelope (or the gateway message, or an empty 401)', async () => {
    const { error } = await client.GET('/v1/templates/whatsapp');
    expectTypeOf(error).toExtend<QontakErrorEnvelope | { message: string } | string | undefined>();
  });
});
