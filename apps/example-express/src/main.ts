import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app';
import { ExampleUsageError, USAGE, readExampleOptions } from './example-options';
import { startExampleAuth } from './start-example-auth';

/**
 * Starts the example on `PORT` (default 3000): against Qontak when the environment holds a credential
 * (`authFromEnv()`: `QONTAK_ACCESS_TOKEN`, `QONTAK_USERNAME` + `QONTAK_PASSWORD`, or `MEKARI_CLIENT_ID` +
 * `MEKARI_CLIENT_SECRET`), otherwise against an embedded emulator with the scheme `--scheme` or
 * `QONTAK_EMULATOR_SCHEME` names (`password`, `access-token`, `mekari-hmac`; default `password`), whose
 * demo template and channel are then the defaults of `POST /qontak/messages`. Closes the
 * server, the authorizer and the emulator on SIGINT / SIGTERM. Errors are logged to the console and
 * answered with generic bodies, unless `NODE_ENV` is `development` or `test`. Exits 2 on a usage error,
 * 1 when it cannot start.
 */
async function main(argv: readonly string[]): Promise<void> {
  const options = readExampleOptions(argv, process.env);
  const { auth, emulator, messageDefaults, description } = await startExampleAuth(
    process.env,
    options.scheme,
  );
  console.log(`example-express: ${description}`);

  const app = createApp(auth, { messageDefaults });
  const server: Server = app.listen(options.port, '127.0.0.1');
  server.once('listening', () => {
    const { port } = server.address() as AddressInfo;
    console.log(
      `example-express listening on http://127.0.0.1:${port} (env ${String(app.get('env'))}; try GET /qontak/health, GET /qontak/templates, POST /qontak/messages)`,
    );
  });

  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    console.log(`${signal}: closing`);
    server.closeAllConnections();
    server.close(() => {
      void auth
        .close()
        .then(() => emulator?.close())
        .then(() => {
          process.exitCode = 0;
        });
    });
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof ExampleUsageError) {
    console.error(`${error.message}\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  console.error(
    error instanceof Error ? `${error.name}: ${error.message}` : 'example-express failed to start',
  );
  process.exitCode = 1;
});
