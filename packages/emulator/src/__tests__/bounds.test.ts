import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MAX_ISSUED_TOKEN_PAIRS, TokenRegistry } from '../state/token-registry';
import { callApi, directBroadcast, jsonOf, type BroadcastData, type Envelope } from './api-helpers';
import { useEmulator } from './helpers';

const MIB = 1024 * 1024;
/** What the emulator keeps of each kind of accepted message, in bytes of their bodies (README). */
const RECORD_BYTES = 16 * MIB;
/** The most an error answer may weigh, whatever the request. */
const ERROR_BODY_LIMIT = 4 * 1024;
const packageDir = fileURLToPath(new URL('../..', import.meta.url));

function botMessage(text: string): FormData {
  const form = new FormData();
  form.set('room_id', 'room-1');
  form.set('text', text);
  return form;
}

async function sendBroadcast(
  emulator: Awaited<ReturnType<ReturnType<typeof useEmulator>>>,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const res = await callApi(emulator, 'access-token', '/v1/broadcasts/whatsapp/direct', {
    json: directBroadcast(overrides),
  });
  expect(res.status).toBe(201);
  return (await jsonOf<Envelope<BroadcastData>>(res)).data.id;
}

describe('what the emulator keeps of accepted messages', () => {
  const start = useEmulator();

  it('keeps the newest maxRecords broadcasts, dropping the oldest (and its log)', async () => {
    const emulator = await start({ maxRecords: 3 });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await sendBroadcast(emulator, { to_name: `name-${i}` }));
    expect(emulator.sent().map((sent) => sent.id)).toEqual(ids.slice(2));
    expect(emulator.stats().broadcasts).toEqual({ accepted: 5, rejected: 0 });
    const dropped = await callApi(emulator, 'access-token', `/v1/broadcasts/${ids[0]}/whatsapp/log`);
    expect(dropped.status).toBe(404);
    const kept = await callApi(emulator, 'access-token', `/v1/broadcasts/${ids[4]}/whatsapp/log`);
    expect(kept.status).toBe(200);
  });

  it('keeps the newest maxRecords bot messages', async () => {
    const emulator = await start({ maxRecords: 2 });
    for (let i = 0; i < 4; i++) {
      const res = await callApi(emulator, 'access-token', '/v1/messages/whatsapp/bot', {
        form: botMessage(`text-${i}`),
      });
      expect(res.status).toBe(201);
    }
    expect(emulator.botMessages().map((message) => message.text)).toEqual(['text-2', 'text-3']);
    expect(emulator.stats().botMessages).toEqual({ accepted: 4, rejected: 0 });
  });

  it('keeps at most 16 MiB of broadcast bodies by default: 40 bodies of 1 MiB are not all kept', async () => {
    const emulator = await start();
    const name = 'x'.repeat(MIB - 1024);
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) ids.push(await sendBroadcast(emulator, { to_name: `${i}-${name}` }));
    const sent = emulator.sent();
    const keptBytes = sent.reduce((total, record) => total + JSON.stringify(record).length, 0);
    expect(keptBytes).toBeLessThanOrEqual(RECORD_BYTES + MIB);
    expect(sent.length).toBeGreaterThanOrEqual(14);
    expect(sent.at(-1)?.id).toBe(ids.at(-1));
    expect(sent.map((record) => record.id)).toEqual(ids.slice(ids.length - sent.length));
  });

  it('keeps at most 16 MiB of bot message texts by default', async () => {
    const emulator = await start();
    const text = 'y'.repeat(MIB - 1024);
    for (let i = 0; i < 30; i++) {
      const res = await callApi(emulator, 'access-token', '/v1/messages/whatsapp/bot', {
        form: botMessage(`${i}-${text}`),
      });
      expect(res.status).toBe(201);
    }
    const kept = emulator.botMessages();
    expect(kept.reduce((total, message) => total + (message.text?.length ?? 0), 0)).toBeLessThanOrEqual(
      RECORD_BYTES + MIB,
    );
    expect(kept.at(-1)?.text?.startsWith('29-')).toBe(true);
  });

  it('remembers the newest issued token pairs only (10,000 by default): an older pair becomes unknown', () => {
    expect(MAX_ISSUED_TOKEN_PAIRS).toBe(10_000);
    const registry = new TokenRegistry(7200, 'on-first-use', Date.now, [], 3);
    const pairs = Array.from({ length: 5 }, () => registry.issue('client', 'user'));
    expect(pairs.map((pair) => registry.authenticate(pair.access_token).ok)).toEqual([
      false,
      false,
      true,
      true,
      true,
    ]);
    expect(registry.refresh(pairs[0]!.refresh_token, 'client')).toBeUndefined();
    expect(registry.refresh(pairs[4]!.refresh_token, 'client')).toHaveProperty('token_type', 'Bearer');
  });

  it('refuses a maxRecords that is not a positive integer', async () => {
    for (const maxRecords of [0, -1, 1.5, Number.NaN]) {
      await expect(start({ maxRecords })).rejects.toThrow(RangeError);
    }
  });
});

describe('error answers stay proportional to the request', () => {
  const start = useEmulator();

  it('a 1 MiB body of unknown fields gets a short 422, not one message per field', async () => {
    const emulator = await start();
    const fields = Array.from({ length: Math.floor((MIB - 64) / 12) }, (_, i) => `"k${i}":1`);
    const res = await callApi(emulator, 'access-token', '/v1/broadcasts/whatsapp/direct', {
      body: `{${fields.join(',')}}`,
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(422);
    const text = await res.text();
    expect(text.length).toBeLessThanOrEqual(ERROR_BODY_LIMIT);
    const { error } = JSON.parse(text) as { error: { messages: string[] } };
    expect(error.messages[0]).toBe('k0 is not a permitted field');
    expect(error.messages.at(-1)).toMatch(/^and \d+ more errors$/);
  });

  it('a 1 MiB array of empty entries gets a short 422 (it was 46 MB: 45 times the request)', async () => {
    const emulator = await start();
    const entries = Array.from({ length: Math.floor((MIB - 512) / 3) }, () => ({}));
    const res = await callApi(emulator, 'access-token', '/v1/broadcasts/whatsapp/direct', {
      json: directBroadcast({ parameters: { body: entries } }),
    });
    expect(res.status).toBe(422);
    expect((await res.text()).length).toBeLessThanOrEqual(ERROR_BODY_LIMIT);
  });

  it('a field name of 1 MiB is quoted shortened, in JSON and multipart bodies alike', async () => {
    const emulator = await start();
    const long = 'z'.repeat(MIB - 2048);
    const json = await callApi(emulator, 'access-token', '/v1/broadcasts/whatsapp/direct', {
      json: { ...directBroadcast(), [long]: 1 },
    });
    expect(json.status).toBe(422);
    const jsonText = await json.text();
    expect(jsonText.length).toBeLessThanOrEqual(ERROR_BODY_LIMIT);
    expect(jsonText).toContain(`${'z'.repeat(64)}… is not a permitted field`);

    const form = botMessage('hi');
    form.set(long, 'x');
    const multipart = await callApi(emulator, 'access-token', '/v1/messages/whatsapp/bot', { form });
    expect(multipart.status).toBe(422);
    expect((await multipart.text()).length).toBeLessThanOrEqual(ERROR_BODY_LIMIT);
  });
});

describe('an emulator bound to a non-loopback address', () => {
  it('warns once on stderr that it serves the public demo credentials, and not for loopback', async () => {
    const script = [
      "import { startEmulator } from './src/index.ts';",
      "const a = await startEmulator({ host: '127.0.0.1' });",
      "const b = await startEmulator({ host: '0.0.0.0' });",
      "const c = await startEmulator({ host: '0.0.0.0' });",
      'await Promise.all([a.close(), b.close(), c.close()]);',
    ].join('\n');
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: packageDir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(0);
    const warnings = stderr.split('\n').filter((line) => line.includes('not a loopback address'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /listens on 0\.0\.0\.0:\d+, which is not a loopback address: .*demo credentials/,
    );
  });
});
