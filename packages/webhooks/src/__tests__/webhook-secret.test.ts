import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createQontakWebhookHandler } from '../create-qontak-webhook-handler';
import { isQontakWebhookError, QontakWebhookError } from '../qontak-webhook-error';
import { qontakWebhookUrl } from '../webhook-secret';
import { CUSTOMER_MESSAGE } from './support/payloads';

const SECRET = 'Zq8Lr2Vx6Tn0Pk4Jh9Gc3Fb7Dm1Sw5Ya';

/** What `fn` throws. */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('it did not throw');
}

describe('qontakWebhookUrl', () => {
  it('puts the secret in the qontak_secret query parameter, keeping the path and the query', () => {
    expect(qontakWebhookUrl('https://bot.example.com/qontak/webhook', SECRET)).toBe(
      `https://bot.example.com/qontak/webhook?qontak_secret=${SECRET}`,
    );
    expect(qontakWebhookUrl(new URL('https://bot.example.com/hooks?tenant=a%20b'), SECRET)).toBe(
      `https://bot.example.com/hooks?tenant=a%20b&qontak_secret=${SECRET}`,
    );
  });

  it('takes plain http on loopback only', () => {
    expect(qontakWebhookUrl('http://127.0.0.1:3000/hook', SECRET)).toMatch(
      /^http:\/\/127\.0\.0\.1:3000\/hook\?/,
    );
    expect(qontakWebhookUrl('http://localhost/hook', SECRET)).toMatch(/^http:\/\/localhost\/hook\?/);
    expect(() => qontakWebhookUrl('http://bot.example.com/hook', SECRET)).toThrow(/https/);
  });

  it.each([
    ['not a URL', 'tenant-9.example/hook'],
    ['an ftp URL', 'ftp://tenant-9.example/hook'],
    ['a URL with a fragment', 'https://tenant-9.example/hook#x'],
    ['a URL that already has a secret', `https://tenant-9.example/hook?qontak_secret=${SECRET}`],
  ])('refuses %s with a config_error that quotes neither the URL nor the secret', (_case, url) => {
    const error = thrown(() => qontakWebhookUrl(url, SECRET));
    expect(error).toBeInstanceOf(QontakWebhookError);
    expect(error).toMatchObject({ code: 'config_error' });
    expect(String((error as Error).message)).not.toContain(SECRET);
    expect(String((error as Error).message)).not.toContain('tenant-9');
  });
});

describe('the webhook secret', () => {
  const bad: Array<[string, unknown]> = [
    ['15 characters', 'Zq8Lr2Vx6Tn0Pk4'],
    ['a space', 'Zq8Lr2Vx6Tn0Pk4J h9Gc'],
    ['a slash', 'Zq8Lr2Vx6Tn0Pk4J/h9Gc'],
    ['a percent sign', 'Zq8Lr2Vx6Tn0Pk4J%h9Gc'],
    ['non-ASCII letters', 'Zq8Lr2Vx6Tn0Pk4Jé9Gc'],
    ['513 characters', 'a'.repeat(513)],
    ['a number', 1_234_567_890_123_456],
    ['nothing', undefined],
  ];

  it.each(bad)(
    'with %s is a config_error at creation, naming the rule and not the secret',
    (_case, secret) => {
      for (const create of [
        () => createQontakWebhookHandler({ secret: secret as string, onEvent: () => undefined }),
        () => qontakWebhookUrl('https://bot.example.com/hook', secret as string),
      ]) {
        const error = thrown(create);
        expect(isQontakWebhookError(error)).toBe(true);
        expect(error).toMatchObject({ code: 'config_error', name: 'QontakWebhookError' });
        expect(JSON.stringify(error)).toContain('config_error');
        if (typeof secret === 'string') {
          expect(`${String(error)} ${JSON.stringify(error)} ${inspect(error)}`).not.toContain(secret);
        }
      }
    },
  );

  it('appears nowhere in the handler: not in util.inspect, JSON.stringify or String of it', () => {
    const options = { secret: SECRET, onEvent: () => undefined };
    const handler = createQontakWebhookHandler(options);
    const shown = [
      inspect(handler, { showHidden: true, depth: 5 }),
      JSON.stringify(handler) ?? '',
      String(handler),
    ];
    for (const text of shown) expect(text).not.toContain(SECRET);
    expect(Object.keys(handler)).toEqual([]);
  });
});

describe('the secret in a request URL', () => {
  const base = 'https://bot.example.com/hook';
  const cases: Array<[string, string, number]> = [
    ['the only parameter', `${base}?qontak_secret=${SECRET}`, 200],
    ['between others', `${base}?a=1&qontak_secret=${SECRET}&b=2`, 200],
    ['before a fragment', `${base}?qontak_secret=${SECRET}#top`, 200],
    ['first of others', `${base}?qontak_secret=${SECRET}&b=2`, 200],
    ['after empty parameters', `${base}?&&qontak_secret=${SECRET}&`, 200],
    ['with its name percent-encoded', `${base}?qontak%5Fsecret=${SECRET}`, 200],
    ['in the fragment', `${base}#qontak_secret=${SECRET}`, 401],
    ['in a query-like fragment', `${base}#?qontak_secret=${SECRET}`, 401],
    ['after a second ?', `${base}??qontak_secret=${SECRET}`, 401],
    ['followed by a + (a space)', `${base}?qontak_secret=${SECRET}+`, 401],
    ['twice', `${base}?qontak_secret=${SECRET}&qontak_secret=${SECRET}`, 401],
    ['once more without a value', `${base}?qontak_secret=${SECRET}&qontak_secret`, 401],
    ["in another parameter's value", `${base}?a=qontak_secret=${SECRET}`, 401],
    ['under a longer name', `${base}?qontak_secretx=${SECRET}`, 401],
    ['under the name in capitals', `${base}?QONTAK_SECRET=${SECRET}`, 401],
    ['as a name without a value', `${base}?qontak_secret&${SECRET}`, 401],
    ['empty', `${base}?qontak_secret=`, 401],
    ['cut short by its last character', `${base}?qontak_secret=${SECRET.slice(0, -1)}`, 401],
    ['with one character more', `${base}?qontak_secret=${SECRET}0`, 401],
    ['with its last character changed', `${base}?qontak_secret=${SECRET.slice(0, -1)}_`, 401],
    ['twice over', `${base}?qontak_secret=${SECRET}${SECRET}`, 401],
  ];

  it.each(cases)('%s: %s answers %i', async (_case, url, status) => {
    const handler = createQontakWebhookHandler({ secret: SECRET, onEvent: () => undefined, dedupe: false });
    const response = await handler(
      new Request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(CUSTOMER_MESSAGE),
      }),
    );
    expect(response.status).toBe(status);
  });
});

describe('createQontakWebhookHandler options', () => {
  const base = { secret: SECRET, onEvent: () => undefined };
  it.each([
    ['onEvent', { onEvent: 'log' }, /onEvent/],
    ['dedupe', { dedupe: { claim: () => 'claimed' } }, /dedupe/],
    ['dedupeTtlMs', { dedupeTtlMs: 500 }, /dedupeTtlMs/],
    ['claimTtlMs', { claimTtlMs: 2 * 3_600_000 }, /claimTtlMs/],
    ['maxBodyBytes', { maxBodyBytes: 1.5 }, /maxBodyBytes/],
    ['bodyTimeoutMs', { bodyTimeoutMs: 0 }, /bodyTimeoutMs/],
    ['logger', { logger: 'console' }, /logger/],
  ])('refuses a bad %s with a config_error naming it', (_name, patch, message) => {
    const error = thrown(() => createQontakWebhookHandler({ ...base, ...patch } as never));
    expect(error).toMatchObject({ code: 'config_error', message: expect.stringMatching(message) });
  });
});
