import { EMULATOR_DEMO_SCHEMES, type EmulatorDemoScheme } from '@qontak/emulator';

/** The scheme used when neither `--scheme` nor `QONTAK_EMULATOR_SCHEME` names one. */
export const DEFAULT_EXAMPLE_SCHEME: EmulatorDemoScheme = 'password';

/** How to start the example. */
export const USAGE = `Usage: pnpm start [--scheme ${EMULATOR_DEMO_SCHEMES.join('|')}]   (or QONTAK_EMULATOR_SCHEME; default ${DEFAULT_EXAMPLE_SCHEME}; applies to the embedded emulator only)`;

/** What the command line and the environment ask of the example. */
export interface ExampleOptions {
  /** The port to listen on (`PORT`, default 3000; 0 picks a free one). */
  port: number;
  /**
   * The kind of demo credential the embedded emulator is used with (`emulator.demoEnv(scheme)`):
   * `--scheme`, else `QONTAK_EMULATOR_SCHEME`, else `password`.
   */
  scheme: EmulatorDemoScheme;
}

/** A command-line or environment value the example cannot use; `main` prints it with {@link USAGE} and exits 2. */
export class ExampleUsageError extends Error {
  override readonly name = 'ExampleUsageError';
}

function isDemoScheme(name: string): name is EmulatorDemoScheme {
  return (EMULATOR_DEMO_SCHEMES as readonly string[]).includes(name);
}

/**
 * Reads `--scheme NAME` / `--scheme=NAME` from `argv` (it wins) and `QONTAK_EMULATOR_SCHEME` and `PORT`
 * from `env`. The scheme is one of the emulator's `EMULATOR_DEMO_SCHEMES`: `password`, `access-token`,
 * `mekari-hmac`.
 * @throws {ExampleUsageError} for an unknown argument, an unknown scheme or a bad port.
 */
export function readExampleOptions(argv: readonly string[], env: NodeJS.ProcessEnv): ExampleOptions {
  let fromFlag: string | undefined;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    if (arg === '--scheme') {
      fromFlag = argv[++index];
      if (fromFlag === undefined) throw new ExampleUsageError('--scheme needs a value.');
    } else if (arg.startsWith('--scheme=')) {
      fromFlag = arg.slice('--scheme='.length);
    } else {
      throw new ExampleUsageError(`Unknown argument ${arg}.`);
    }
  }
  const name = fromFlag ?? (env['QONTAK_EMULATOR_SCHEME'] || DEFAULT_EXAMPLE_SCHEME);
  if (!isDemoScheme(name)) {
    throw new ExampleUsageError(
      `Unknown scheme ${JSON.stringify(name)}: use one of ${EMULATOR_DEMO_SCHEMES.join(', ')}.`,
    );
  }
  const port = Number(env['PORT'] ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new ExampleUsageError(
      `PORT must be a port number (0 to 65535), not ${JSON.stringify(env['PORT'])}.`,
    );
  }
  return { port, scheme: name };
}
