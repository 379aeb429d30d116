import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { QontakAuth } from '@qontak/auth-core';
import { DEMO_PASSWORD, DEMO_USERNAME, startEmulator } from '@qontak/emulator';
import { createApp } from './app';

/**
 * Starts the example on `PORT` (default 3000): against Qontak when `QONTAK_USERNAME` and
 * `QONTAK_PASSWORD` are set (`QontakAuth.fromEnv()`), otherwise against an embedded emulator.
 * Closes the server, the QontakAuth and the emulator on SIGINT / SIGTERM. Errors are logged to the
 * console and answered with generic bodies, unless `NODE_ENV` is `development` or `test`.
 */
async function main(): Promise<void> {
  const port = Number(process.env['PORT'] ?? 3000);
  const useQontak = Boolean(process.env['QONTAK_USERNAME'] && process.env['QONTAK_PASSWORD']);
  const emulator = useQontak ? undefined : await startEmulator();
  const auth = emulator
    ? new QontakAuth({ baseUrl: emulator.url, username: DEMO_USERNAME, password: DEMO_PASSWORD })
    : QontakAuth.fromEnv();
  if (emulator) {
    console.log(
      `QONTAK_USERNAME/QONTAK_PASSWORD not set: using the embedded Qontak emulator at ${emulator.url}`,
    );
  }

  const app = createApp(auth);
  const server: Server = app.listen(port, '127.0.0.1');
  server.once('listening', () => {
    const { port: actual } = server.address() as AddressInfo;
    console.log(
      `example-express listening on http://127.0.0.1:${actual} (env ${String(app.get('env'))}; try GET /qontak/health)`,
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

main().catch((error: unknown) => {
  console.error(
    error instanceof Error ? `${error.name}: ${error.message}` : 'example-express failed to start',
  );
  process.exitCode = 1;
});
