import {
  DEFAULT_EXAMPLE_SCHEME,
  EXAMPLE_SCHEMES,
  isExampleScheme,
  type ExampleScheme,
} from './example-schemes';

/** How to start the example. */
export const USAGE = `Usage: pnpm start [--scheme ${EXAMPLE_SCHEMES.join('|')}]   (or QONTAK_EXAMPLE_SCHEME; default ${DEFAULT_EXAMPLE_SCHEME}; applies to the embedded emulator only)`;

/** What the command line and the environment ask of the example. */
export interface ExampleOptions {
  /** The port to listen on (`PORT`, default 3000; 0 picks a free one). */
  port: number;
  /** The scheme the embedded emulator is used with: `--scheme`, else `QONTAK_EXAMPLE_SCHEME`, else `password`. */
  scheme: ExampleScheme;
}

/** A command-line or environment value the example cannot use; `main` prints it with {@link USAGE} and exits 2. */
export class ExampleUsageError extends Error {
  override readonly name = 'ExampleUsageError';
}

/**
 * Reads `--scheme NAME` / `--scheme=NAME` from `argv` (it wins) and `QONTAK_EXAMPLE_SCHEME` and `PORT`
 * from `env`.
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
  const name = fromFlag ?? (env['QONTAK_EXAMPLE_SCHEME'] || DEFAULT_EXAMPLE_SCHEME);
  if (!isExampleScheme(name)) {
    throw new ExampleUsageError(
      `Unknown scheme ${JSON.stringify(name)}: use one of ${EXAMPLE_SCHEMES.join(', ')}.`,
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
