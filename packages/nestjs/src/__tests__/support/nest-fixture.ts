import 'reflect-metadata';
import type { INestApplication, ModuleMetadata } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { startEmulator, type QontakEmulator } from '@qontak/emulator';
import { afterEach } from 'vitest';
import type { QontakAuthModuleOptions } from '../../qontak-auth-module-options';

export const USERNAME = 'ops@example.com';
export const PASSWORD = 'S3ntinel-Password-5a1e93';
export const CLIENT_ID = 'nest-client-for-tests';
export const CLIENT_SECRET = 'S3ntinel-ClientSecret-7c20b4';

const emulators: QontakEmulator[] = [];
const apps: INestApplication[] = [];

afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
  await Promise.all(emulators.splice(0).map((server) => server.close()));
});

/** Starts an emulator that knows the test account; closed after the test. */
export async function emulator(): Promise<QontakEmulator> {
  const server = await startEmulator({
    users: [{ username: USERNAME, password: PASSWORD }],
    clients: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }],
  });
  emulators.push(server);
  return server;
}

/** Closes `server` now (and not again after the test). */
export async function closeEmulator(server: QontakEmulator): Promise<void> {
  const index = emulators.indexOf(server);
  if (index >= 0) emulators.splice(index, 1);
  await server.close();
}

/** Module options for the emulator's test account, with fast retries. */
export function optionsFor(
  server: { url: string },
  overrides: Partial<QontakAuthModuleOptions> = {},
): QontakAuthModuleOptions {
  return {
    baseUrl: server.url,
    username: USERNAME,
    password: PASSWORD,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    retry: { baseDelayMs: 5, maxDelayMs: 50 },
    ...overrides,
  };
}

/** A real Nest application (Test.createTestingModule -> createNestApplication) listening on a loopback port; closed after the test. */
export async function startApp(metadata: ModuleMetadata): Promise<{ app: INestApplication; url: string }> {
  const moduleRef = await Test.createTestingModule(metadata).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  apps.push(app);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return { app, url: `http://127.0.0.1:${address.port}` };
}

/** Closes `app` now (and not again after the test). */
export async function closeApp(app: INestApplication): Promise<void> {
  const index = apps.indexOf(app);
  if (index >= 0) apps.splice(index, 1);
  await app.close();
}

/** GET `url`; the status and the parsed JSON body. */
export async function getJson(url: string): Promise<{ status: number; body: unknown; text: string }> {
  const response = await fetch(url);
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : JSON.parse(text), text };
}
