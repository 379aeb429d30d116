import { DEMO_SCHEMES, type DemoScheme } from './demo-credentials';
import { embeddedLine, hasCredentials, runDemo, type DemoSuccess } from './run-demo';

/**
 * `pnpm demo`: authorizes and calls the Qontak health check with whichever credential is configured.
 *   (no arguments)         human-readable lines; exit 0 on success, 1 on failure (one line on stderr)
 *   --json                 one JSON object on stdout instead (`{ ok, ... }`), same exit codes
 *   --scheme <kind>        with no credential set: use the embedded emulator with this credential
 *                          (password, access-token or mekari-hmac; default password)
 */
const USAGE =
  'Usage: pnpm demo [--json] [--scheme password|access-token|mekari-hmac]   (set QONTAK_ACCESS_TOKEN, QONTAK_USERNAME and QONTAK_PASSWORD, or MEKARI_CLIENT_ID and MEKARI_CLIENT_SECRET to use a real Qontak server)';

interface Arguments {
  json: boolean;
  scheme: DemoScheme | undefined;
  help: boolean;
}

/** The arguments, or the reason they are not usable. */
function parse(argv: readonly string[]): Arguments | { error: string } {
  const parsed: Arguments = { json: false, scheme: undefined, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') parsed.json = true;
    else if (arg === '--help' || arg === '-h') parsed.help = true;
    else if (arg === '--scheme') {
      const value = argv[++i];
      if (!DEMO_SCHEMES.includes(value as DemoScheme)) {
        return { error: `--scheme takes one of ${DEMO_SCHEMES.join(', ')}, not ${value ?? 'nothing'}.` };
      }
      parsed.scheme = value as DemoScheme;
    } else return { error: `Unknown argument ${arg}.` };
  }
  return parsed;
}

function printHuman(result: DemoSuccess, scheme: DemoScheme): void {
  const lines = [
    result.emulator ? embeddedLine(scheme, result.baseUrl) : `Using ${result.baseUrl}`,
    `Auth: ${JSON.stringify(result.auth)}`,
    `Credentials sent: ${Object.entries(result.credentials)
      .map(([name, value]) => `${name}: ${value}`)
      .join('; ')}`,
    `GET ${result.health.url} -> ${result.health.status}`,
    typeof result.health.body === 'string' ? result.health.body : JSON.stringify(result.health.body, null, 2),
  ];
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
  const scheme = args.scheme ?? 'password';
  const result = await runDemo({ scheme });
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
