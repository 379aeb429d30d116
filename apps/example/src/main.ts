import { EMULATOR_DEMO_SCHEMES, type EmulatorDemoScheme } from '@qontak/emulator';
import { embeddedLine, hasCredentials, runDemo, type DemoSuccess } from './run-demo';
import type { TemplateMessage } from './template-message';

/**
 * `pnpm demo`: authorizes and calls the Qontak health check with whichever credential is configured.
 *   (no arguments)         human-readable lines; exit 0 on success, 1 on failure (one line on stderr)
 *   --json                 one JSON object on stdout instead (`{ ok, ... }`), same exit codes
 *   --scheme <kind>        with no credential set: use the embedded emulator with this credential
 *                          (password, access-token or mekari-hmac; default password)
 *   --send-to <number> --template <id> --channel <id> [--param <value>]... [--language <code>] [--to-name <name>]
 *                          send this WhatsApp template message (a real server gets none otherwise;
 *                          the embedded emulator gets a demo message either way)
 */
const USAGE =
  'Usage: pnpm demo [--json] [--scheme password|access-token|mekari-hmac] [--send-to <number> --template <id> --channel <id> [--param <value>]... [--language <code>] [--to-name <name>]]   (set QONTAK_ACCESS_TOKEN, QONTAK_USERNAME and QONTAK_PASSWORD, or MEKARI_CLIENT_ID and MEKARI_CLIENT_SECRET to use a real Qontak server)';

interface Arguments {
  json: boolean;
  scheme: EmulatorDemoScheme | undefined;
  help: boolean;
  send: Partial<Record<'to' | 'templateId' | 'channelId' | 'language' | 'toName', string>>;
  params: string[];
}

/** The options that take a value, and the field of {@link Arguments.send} each fills. */
const SEND_OPTIONS: Readonly<Record<string, keyof Arguments['send']>> = {
  '--send-to': 'to',
  '--template': 'templateId',
  '--channel': 'channelId',
  '--language': 'language',
  '--to-name': 'toName',
};

/** The arguments, or the reason they are not usable. */
function parse(argv: readonly string[]): Arguments | { error: string } {
  const parsed: Arguments = { json: false, scheme: undefined, help: false, send: {}, params: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--json') parsed.json = true;
    else if (arg === '--help' || arg === '-h') parsed.help = true;
    else if (arg === '--scheme') {
      const value = argv[++i];
      if (!EMULATOR_DEMO_SCHEMES.includes(value as EmulatorDemoScheme)) {
        return {
          error: `--scheme takes one of ${EMULATOR_DEMO_SCHEMES.join(', ')}, not ${value ?? 'nothing'}.`,
        };
      }
      parsed.scheme = value as EmulatorDemoScheme;
    } else if (arg === '--param' || SEND_OPTIONS[arg] !== undefined) {
      const value = argv[++i];
      if (value === undefined || value.startsWith('--')) return { error: `${arg} needs a value.` };
      if (arg === '--param') parsed.params.push(value);
      else parsed.send[SEND_OPTIONS[arg]!] = value;
    } else return { error: `Unknown argument ${arg}.` };
  }
  return parsed;
}

/** The template message the arguments ask for, `undefined` when none, or why it is incomplete. */
function templateMessage(args: Arguments): TemplateMessage | undefined | { error: string } {
  const { to, templateId, channelId } = args.send;
  const asked = Object.keys(args.send).length > 0 || args.params.length > 0;
  if (!asked) return undefined;
  if (to === undefined || templateId === undefined || channelId === undefined) {
    return { error: 'Sending a template message needs --send-to, --template and --channel together.' };
  }
  return {
    to,
    templateId,
    channelId,
    toName: args.send.toName ?? to,
    language: args.send.language ?? 'id',
    params: args.params,
  };
}

function printHuman(result: DemoSuccess, scheme: EmulatorDemoScheme): void {
  const lines = [
    result.emulator ? embeddedLine(scheme, result.baseUrl) : `Using ${result.baseUrl}`,
    `Auth: ${JSON.stringify(result.auth)}`,
    `Credentials sent: ${Object.entries(result.credentials)
      .map(([name, value]) => `${name}: ${value}`)
      .join('; ')}`,
    `GET ${result.health.url} -> ${result.health.status}`,
    typeof result.health.body === 'string' ? result.health.body : JSON.stringify(result.health.body, null, 2),
  ];
  const broadcast = result.broadcast;
  lines.push(
    broadcast === null
      ? 'No template message sent (pass --send-to, --template and --channel to send one).'
      : `Sent template ${broadcast.templateId} to ${broadcast.to}: broadcast ${broadcast.id}, delivery log: ${broadcast.log.join(', ') || 'empty'}`,
  );
  process.stdout.write(lines.join('\n') + '\n');
}

async function main(argv: readonly string[]): Promise<number> {
  const args = parse(argv);
  if ('error' in args) {
    process.stderr.write(`${args.error} ${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (args.scheme !== undefined && hasCredentials(process.env)) {
    process.stderr.write(
      `--scheme picks the embedded emulator's credential, but credential variables are set: drop --scheme, or unset them. ${USAGE}\n`,
    );
    return 2;
  }
  const send = templateMessage(args);
  if (send !== undefined && 'error' in send) {
    process.stderr.write(`${send.error} ${USAGE}\n`);
    return 2;
  }
  const scheme = args.scheme ?? 'password';
  const result = await runDemo({
    scheme,
    send,
  });
  if (args.json) {
    process.stdout.write(JSON.stringify(result) + '\n');
  } else if (result.ok) {
    printHuman(result, scheme);
  } else {
    process.stderr.write(result.error.message + '\n');
  }
  return result.ok ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
