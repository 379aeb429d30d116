import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { DEMO_PASSWORD, DEMO_USERNAME, startEmulator } from '@qontak/emulator';
import { AppModule } from './app.module';

if (!process.env['QONTAK_USERNAME'] || !process.env['QONTAK_PASSWORD']) {
  // No QONTAK_USERNAME/QONTAK_PASSWORD: run against an embedded Qontak emulator (demo account) instead of Qontak.
  const emulator = await startEmulator();
  Object.assign(process.env, {
    QONTAK_BASE_URL: emulator.url,
    QONTAK_USERNAME: DEMO_USERNAME,
    QONTAK_PASSWORD: DEMO_PASSWORD,
  });
  console.log(
    `No QONTAK_USERNAME/QONTAK_PASSWORD set: using the embedded Qontak emulator at ${emulator.url}`,
  );
}

const app = await NestFactory.create(AppModule);
app.enableShutdownHooks();
const port = Number(process.env['PORT'] ?? 3000);
await app.listen(port);
console.log(`Listening on ${await app.getUrl()}: GET /qontak/health, GET /health`);
