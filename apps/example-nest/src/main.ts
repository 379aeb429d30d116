import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { QONTAK_CREDENTIAL_VARIABLES } from '@qontak/auth-core';
import { AppModule } from './app.module';
import { useEmbeddedEmulator } from './embedded-emulator';

// The credentials may be in .env, which ConfigModule reads only later: read it now (variables already
// set win, as with ConfigModule), so that the embedded emulator starts only when none is set anywhere.
if (existsSync('.env')) process.loadEnvFile('.env');

// Without Qontak credentials, run against an embedded Qontak emulator (QONTAK_EMULATOR_SCHEME picks the credential).
const embedded = await useEmbeddedEmulator(process.env);
if (embedded) {
  console.log(
    `No ${QONTAK_CREDENTIAL_VARIABLES.join('/')} set: using the embedded Qontak emulator at ${embedded.emulator.url} (scheme: ${embedded.scheme})`,
  );
}

const app = await NestFactory.create(AppModule.forRoot({ messageDefaults: embedded?.messageDefaults }));
app.enableShutdownHooks();
const port = Number(process.env['PORT'] ?? 3000);
await app.listen(port);
console.log(`Listening on ${await app.getUrl()}: GET /qontak/health, POST /qontak/messages, GET /health`);
