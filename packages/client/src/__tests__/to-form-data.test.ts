import { describe, expect, it } from 'vitest';
import { createQontakClient } from '../create-qontak-client';
import type { QontakSchemas } from '../qontak-paths';
import { toFormData } from '../to-form-data';
import { recordingProxy } from './support/recording-proxy';
import { authorizerFor, emulator } from './support/schemes';

type BotMessage = QontakSchemas['BotMessageRequest'];

/** A function whose source code holds something that must never leave the process. */
function renderGreeting(): string {
  const apiKey = 'sk-live-source-code-secret';
  return `Halo ${apiKey.length}`;
}

describe('toFormData', () => {
  it('refuses a function, a symbol, NaN, Infinity, an object and an array: TypeError, and nothing is sent', async () => {
    const server = await emulator();
    const proxy = await recordingProxy(server.url);
    const client = createQontakClient(authorizerFor('dashboard access token', proxy.url));
    const fields: Array<[string, unknown]> = [
      ['a function', renderGreeting],
      ['a class', class Greeting {}],
      ['a symbol', Symbol('text')],
      ['NaN', Number.NaN],
      ['Infinity', Number.POSITIVE_INFINITY],
      ['an object', { text: 'Halo' }],
      ['an array', ['Halo']],
      ['a date', new Date(0)],
    ];
    for (const [what, text] of fields) {
      const body = { room_id: 'room-1', type: 'text', text } as unknown as BotMessage;
      const error = await client.POST('/v1/messages/whatsapp/bot', { body, bodySerializer: toFormData }).then(
        () => undefined,
        (rejected: unknown) => rejected,
      );
      expect(error, what).toBeInstanceOf(TypeError);
      expect((error as Error).message, what).toMatch(/^toFormData: the field text is /);
      expect((error as Error).message, what).not.toContain('sk-live');
    }
    expect(proxy.requests).toEqual([]);
    expect(server.botMessages()).toEqual([]);
  });

  it('makes a field of each string, finite number, bigint, boolean and Blob, and leaves out undefined and null', () => {
    const file = new Blob(['png'], { type: 'image/png' });
    const form = toFormData({
      room_id: 'room-1',
      text: 'Halo',
      local_id: 42,
      extra: 7n,
      flag: false,
      file,
      none: undefined,
      nothing: null,
    });
    expect([...form.keys()]).toEqual(['room_id', 'text', 'local_id', 'extra', 'flag', 'file']);
    expect([...form.entries()].slice(0, 5)).toEqual([
      ['room_id', 'room-1'],
      ['text', 'Halo'],
      ['local_id', '42'],
      ['extra', '7'],
      ['flag', 'false'],
    ]);
    expect(form.get('file')).toBeInstanceOf(Blob);
  });
});
