import { runDemo, type DemoResult, type DemoSuccess } from './run-demo';

/**
 * `pnpm demo`: gets a Qontak token and calls `GET /api/open/v1/health`.
 *   (no arguments)  human-readable lines; exit 0 on success, 1 on failure (one line on stderr)
 *   --json          one JSON object on stdout instead (`{ ok, ... }`), same exit codes
 * Without QONTAK_USERNAME/QONTAK_PASSWORD it runs against the embedded emulator.
 */
const USAGE =
  'Usage: pnpm demo [--json]   (set QONTAK_USERNAME and QONTAK_PASSWORD to use a real Qontak server)';

function printHuman(result: DemoSuccess): void {
  const lines: string[] = [];
  if (result.emulator) {
    lines.push(
      `No QONTAK_USERNAME/QONTAK_PASSWORD set: started the embedded Qontak emulator at ${result.baseUrl} (set both to use the real Qontak).`,
    );
  } else {
    lines.push(`Using ${result.baseUrl}`);
  }
  const minutes = Math.max(0, Math.round((Date.parse(result.token.expiresAt) - Date.now()) / 60_000));
  lines.push(
    `Token: ${result.token.type} ${result.token.preview}, expires ${result.token.expiresAt} (in ${minutes} min)`,
  );
  lines.push(`GET /api/open/v1/health -> ${result.health.status}`);
  lines.push(
    typeof result.health.body === 'string' ? result.health.body : JSON.stringify(result.health.body, null, 2),
  );
  process.stdout.write(lines.join('\n') + '\n');
}

async function main(argv: readonly string[]): Promise<number> {
  const unknown = argv.filter((arg) => arg !== '--json');
  if (unknown.includes('--help') || unknown.includes('-h')) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (unknown.length > 0) {
    process.stderr.write(`Unknown argument ${unknown.join(' ')}. ${USAGE}\n`);
    return 2;
  }
  const json = argv.includes('--json');
  const result: DemoResult = await runDemo();
  if (json) {
    process.stdout.write(JSON.stringify(result) + '\n');
  } else if (result.ok) {
    printHuman(result);
  } else {
    process.stderr.write(result.error.message + '\n');
  }
  return result.ok ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
