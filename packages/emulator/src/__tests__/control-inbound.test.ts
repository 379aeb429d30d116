import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { QontakEmulator } from '../index';
import { useEmulator } from './helpers';
import { registerMessages, startReceiver } from './webhook-receiver';

async function control(emulator: QontakEmulator, method: string, path: string, body?: unknown) {
  const res = await fetch(`${emulator.url}/_emulator${path}`, {
    method,
    headers: method === 'GET' ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

/** Runs `qontak-emulator inbound --url <the emulator> <flags>` (flags split at spaces) to its end. */
function inboundCli(
  emulator: QontakEmulator,
  flags: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const args = ['src/cli.ts', 'inbound', '--url', emulator.url, ...flags.split(' ')];
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

describe('the control API and the CLI trigger a customer message', () => {
  const start = useEmulator();

  it('POST /_emulator/inbound delivers it and answers the ids (and, with wait, the outcome)', async () => {
    const emulator = await start({ controlApi: true });
    const receiver = await startReceiver();
    await registerMessages(emulator, receiver.url, { receive_message_from_customer: true });

    const quick = await control(emulator, 'POST', '/inbound', {
      from: '6281234567890',
      name: 'Rina',
      text: 'Halo',
    });
    expect(quick).toEqual({
      status: 201,
      json: { roomId: expect.any(String), messageId: expect.any(String) },
    });
    const waited = await control(emulator, 'POST', '/inbound', {
      from: '6281234567890',
      text: 'Lagi',
      wait: true,
    });
    expect(waited.status).toBe(201);
    expect(waited.json).toMatchObject({
      roomId: quick.json['roomId'],
      delivery: {
        result: 'delivered',
        attempts: [{ attempt: 1, status: 200, event: 'receive_message_from_customer' }],
      },
    });

    await receiver.received(2);
    expect(receiver.events('receive_message_from_customer').map((event) => event['text'])).toEqual([
      'Halo',
      'Lagi',
    ]);
    const deliveries = await control(emulator, 'GET', '/webhook-deliveries');
    expect(deliveries).toEqual({ status: 200, json: { deliveries: emulator.webhookDeliveries() } });
    expect(emulator.webhookDeliveries()).toHaveLength(2);
  });

  it.each([
    [{ text: 'Halo' }, /from must be a string/],
    [{ from: 'abc', text: 'Halo' }, /from must be a phone number/],
    [{ from: '6281234567890', text: 'Halo', wait: 'yes' }, /wait must be a boolean/],
    [
      { from: '6281234567890', text: 'Halo', channel_integration_id: 'x' },
      /channel_integration_id is not a field/,
    ],
    [[], /the request body must be a JSON object/],
  ])('POST /_emulator/inbound %j answers 422 naming what is wrong', async (body, message) => {
    const emulator = await start({ controlApi: true });
    const answer = await control(emulator, 'POST', '/inbound', body);
    expect(answer.status).toBe(422);
    expect(answer.json).toMatchObject({ error: 'invalid_request', message: expect.stringMatching(message) });
  });

  it('qontak-emulator inbound sends it from a shell and, with --wait, exits 0 once delivered', async () => {
    const emulator = await start({ controlApi: true });
    const receiver = await startReceiver();
    await registerMessages(emulator, receiver.url, { receive_message_from_customer: true });

    const run = await inboundCli(emulator, '--from 6281234567890 --text Halo --name Rina --wait');

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const printed = JSON.parse(run.stdout) as { roomId: string; delivery: { result: string } };
    expect(printed.delivery.result).toBe('delivered');
    expect(receiver.events('receive_message_from_customer')[0]).toMatchObject({
      room_id: printed.roomId,
      text: 'Halo',
      sender: { name: 'Rina' },
    });
  });

  it('qontak-emulator inbound exits 1 when the event was not delivered or the emulator refused, 2 for bad flags', async () => {
    const emulator = await start({ controlApi: true });

    const skipped = await inboundCli(emulator, '--from 6281234567890 --text Halo --wait');
    expect(skipped.code).toBe(1);
    expect(JSON.parse(skipped.stdout)).toMatchObject({ delivery: { result: 'skipped' } });
    const refused = await inboundCli(emulator, '--from nobody --text Halo');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /^qontak-emulator inbound: the emulator answered 422: .*from must be a phone number/,
    );
    const usage = await inboundCli(emulator, '--text Halo');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/^qontak-emulator: inbound needs --url, --from and --text/);
  });
});
