#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { CONTROL_PATH_PREFIX } from './control/dispatch';
import { runInbound, type InboundCommand } from './control/inbound-command';
import type { EmulatorDemoScheme } from './demo-env';
import { startEmulator } from './emulator';
import { DEMO_CHANNEL_INTEGRATION_ID, DEMO_TEMPLATE_ID } from './state/seed-catalog';
import type { EmulatorOptions, EmulatorUser } from './server/options';
import { isAccessToken } from './server/options';
import { isLoopbackHostname } from './server/hosts';

const USAGE = `Usage: qontak-emulator [options]
       qontak-emulator inbound --url URL --from NUMBER --text TEXT [--name NAME] [--channel ID] [--wait]

A local, Doorkeeper-faithful Qontak Chat API: token, refresh and revoke, and the
Open API (health, WhatsApp direct broadcasts and their logs, templates,
integrations, bot messages, webhook registrations) under /api/open with a bearer
and under /qontak/chat with the Mekari API gateway's HMAC signature; it POSTs
webhook events to the URLs registered with PUT /v1/message_interactions and
PUT /v1/room_interactions.

Options:
  --port N               port to listen on (default 0: a free port)
  --host H               interface to listen on (default 127.0.0.1)
  --token-ttl SECONDS    access token lifetime (default 7200)
  --user EMAIL:PASSWORD  a user the password grant accepts (repeatable; default demo@example.com:demo-password)
  --access-token TOKEN   a static dashboard access token the API accepts (repeatable; default the demo token)
  --control-api          serve the control API under /_emulator/ (stats, sent, reset,
                         revoke, faults, inbound, webhook-deliveries; JSON); needs a
                         loopback --host
  -h, --help             show this help

inbound: a customer's WhatsApp message into a running emulator started with
--control-api (POST URL/_emulator/inbound), delivered to its message webhook;
prints {"roomId","messageId"} (with --wait, once delivered, with "delivery").
  --url URL              the emulator's base URL, e.g. http://127.0.0.1:4010
  --from NUMBER          the customer's phone number (5 to 15 digits, optional +)
  --text TEXT            the message
  --name NAME            the customer's name (default: the room's, else the number)
  --channel ID           the WhatsApp channel integration (default: the first)
  --wait                 wait for the delivery's outcome; exit 1 unless delivered
`;

class UsageError extends Error {
  override name = 'UsageError';
}

function integer(flag: string, value: string, min: number, max: number): number {
  const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(`${flag} must be an integer from ${min} to ${max}, got '${value}'`);
  }
  return n;
}

function user(value: string): EmulatorUser {
  const colon = value.indexOf(':');
  if (colon < 1 || colon === value.length - 1) {
    throw new UsageError('--user must look like EMAIL:PASSWORD (both non-empty)');
  }
  return { username: value.slice(0, colon), password: value.slice(colon + 1) };
}

function accessToken(value: string): string {
  if (!isAccessToken(value)) {
    throw new UsageError('--access-token must be a non-empty token of visible ASCII without spaces');
  }
  return value;
}

function parseInbound(argv: string[]): InboundCommand {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      url: { type: 'string' },
      from: { type: 'string' },
      text: { type: 'string' },
      name: { type: 'string' },
      channel: { type: 'string' },
      wait: { type: 'boolean' },
    },
  });
  const { url, from, text } = values;
  if (url === undefined || from === undefined || text === undefined) {
    throw new UsageError('inbound needs --url, --from and --text');
  }
  if (!/^https?:\/\/[^/]/.test(url)) {
    throw new UsageError(`--url must be the emulator's http URL, got '${url}'`);
  }
  return {
    url,
    from,
    text,
    ...(values.name === undefined ? {} : { name: values.name }),
    ...(values.channel === undefined ? {} : { channelIntegrationId: values.channel }),
    wait: values.wait ?? false,
  };
}

function parse(argv: string[]): EmulatorOptions | InboundCommand | 'help' {
  if (argv[0] === 'inbound') return parseInbound(argv.slice(1));
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'token-ttl': { type: 'string' },
      user: { type: 'string', multiple: true },
      'access-token': { type: 'string', multiple: true },
      'control-api': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  const options: EmulatorOptions = {};
  if (values.port !== undefined) options.port = integer('--port', values.port, 0, 65_535);
  if (values.host !== undefined) {
    if (values.host === '') throw new UsageError('--host must not be empty');
    options.host = values.host;
  }
  if (values['token-ttl'] !== undefined) {
    options.tokenTtlSeconds = integer('--token-ttl', values['token-ttl'], 0, Number.MAX_SAFE_INTEGER);
  }
  if (values.user !== undefined) options.users = values.user.map(user);
  if (values['access-token'] !== undefined) options.accessTokens = values['access-token'].map(accessToken);
  if (values['control-api']) {
    const host = options.host;
    if (host !== undefined && !isLoopbackHostname(host)) {
      throw new UsageError(
        '--control-api needs a loopback --host (127.0.0.1, ::1 or localhost): whoever reaches it can reset, revoke and inject faults',
      );
    }
    options.controlApi = true;
  }
  return options;
}

async function main(): Promise<void> {
  let options: EmulatorOptions | InboundCommand | 'help';
  try {
    options = parse(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(
      `qontak-emulator: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`,
    );
    process.exitCode = 2;
    return;
  }
  if (options === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  if ('text' in options) {
    process.exitCode = await runInbound(options);
    return;
  }

  const emulator = await startEmulator(options);
  // Before the banner: a signal sent as soon as it appears must close the emulator, not kill it.
  const stop = (): void => {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    void emulator.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const variables = (scheme: EmulatorDemoScheme) =>
    Object.entries(emulator.demoEnv(scheme)).map(([name, value]) => `  ${name}=${value}`);
  process.stdout.write(
    [
      `Qontak emulator listening on ${emulator.url}`,
      '',
      "Use these (the emulator's own demo credentials):",
      ...variables('password'),
      '',
      'Or, a static access token as copied from the Qontak dashboard (instead of the password grant):',
      ...variables('access-token'),
      '',
      'Or, for the Mekari API gateway routes /qontak/chat/v1/... (HMAC; instead of QONTAK_*):',
      ...variables('mekari-hmac'),
      '',
      'To send a WhatsApp template (POST /api/open/v1/broadcasts/whatsapp/direct):',
      `  message_template_id=${DEMO_TEMPLATE_ID}  (order_shipped: "Hi {{1}}, your order {{2}} has shipped.")`,
      `  channel_integration_id=${DEMO_CHANNEL_INTEGRATION_ID}  (wa_cloud)`,
      '',
      ...(options.controlApi
        ? [
            `Control API: ${emulator.url}${CONTROL_PATH_PREFIX}`,
            '  GET stats, GET sent, POST reset, POST revoke, GET|POST|DELETE faults,',
            '  POST inbound (a customer message), GET webhook-deliveries (JSON; see the README)',
            '',
          ]
        : []),
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  const code = (error as { code?: unknown } | null)?.code;
  const detail = error instanceof Error ? error.message : String(error);
  process.stderr.write(
    `qontak-emulator: could not start${typeof code === 'string' ? ` (${code})` : ''}: ${detail}\n`,
  );
  process.exitCode = 1;
});
