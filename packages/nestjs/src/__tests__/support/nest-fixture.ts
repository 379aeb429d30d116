import 'reflect-metadata';
import type { INestApplication, LoggerService, ModuleMetadata, NestApplicationOptions } from '@nestjs/common';
import type { AbstractHttpAdapter } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import type { QontakAuthOptions, QontakCredentialOptions } from '@qontak/auth-core';
import {
  DEMO_ACCESS_TOKEN,
  type EmulatorCredentialKind,
  DEMO_HMAC_CLIENT_ID,
  DEMO_HMAC_CLIENT_SECRET,
  startEmulator,
  type QontakEmulator,
} from '@qontak/emulator';
import { afterEach } from 'vitest';

export const USERNAME = 'ops@example.com';
export const PASSWORD = 'S3ntinel-Password-5a1e93';
export const CLIENT_ID = 'nest-client-for-tests';
export const CLIENT_SECRET = 'S3ntinel-ClientSecret-7c20b4';

/** Every secret the tests configure: none may appear in an answer or a log line. */
export const SECRETS = [PASSWORD, CLIENT_SECRET, DEMO_ACCESS_TOKEN, DEMO_HMAC_CLIENT_SECRET];

const emulators: QontakEmulator[] = [];
const apps: INestApplication[] = [];

afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
  await Promise.all(emulators.splice(0).map((server) => server.close()));
});

/**
 * Starts an emulator that knows the test account and OAuth client, the demo dashboard access token
 * and the demo HMAC client; closed after the test.
 */
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

/** Password-grant options for the emulator's test account, with fast retries. */
export function optionsFor(
  server: { url: string },
  overrides: Partial<QontakAuthOptions> = {},
): QontakAuthOptions {
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

/** One of the three credential kinds, as the tests run each of them. */
export interface Scheme {
  /** The test name of the scheme. */
  name: string;
  /** The module options for the emulator at `url`. */
  options(url: string): QontakCredentialOptions;
  /** The same credentials as configuration variables (what an app keeps in its environment). */
  variables(url: string): Record<string, string>;
  /** The emulator's count of health answers with status 200 on this scheme's base path. */
  healthOk(server: QontakEmulator): number;
  /** Grants the scheme makes for any number of requests: 1 for the password grant, else 0. */
  grants: number;
  /** The kind of credential the emulator records for what this scheme sent (`emulator.sent()`). */
  credential: EmulatorCredentialKind;
}

export const SCHEMES: readonly Scheme[] = [
  {
    name: 'password grant (username/password)',
    options: (url) => optionsFor({ url }),
    variables: (url) => ({
      QONTAK_BASE_URL: url,
      QONTAK_USERNAME: USERNAME,
      QONTAK_PASSWORD: PASSWORD,
      QONTAK_CLIENT_ID: CLIENT_ID,
      QONTAK_CLIENT_SECRET: CLIENT_SECRET,
    }),
    healthOk: (server) => server.stats().health[200] ?? 0,
    grants: 1,
    credential: 'bearer',
  },
  {
    name: 'dashboard access token (accessToken)',
    options: (url) => ({ baseUrl: url, accessToken: DEMO_ACCESS_TOKEN }),
    variables: (url) => ({ QONTAK_BASE_URL: url, QONTAK_ACCESS_TOKEN: DEMO_ACCESS_TOKEN }),
    healthOk: (server) => server.stats().health[200] ?? 0,
    grants: 0,
    credential: 'access-token',
  },
  {
    name: 'Mekari gateway HMAC (clientId/clientSecret)',
    options: (url) => ({
      baseUrl: url,
      clientId: DEMO_HMAC_CLIENT_ID,
      clientSecret: DEMO_HMAC_CLIENT_SECRET,
    }),
    variables: (url) => ({
      MEKARI_BASE_URL: url,
      MEKARI_CLIENT_ID: DEMO_HMAC_CLIENT_ID,
      MEKARI_CLIENT_SECRET: DEMO_HMAC_CLIENT_SECRET,
    }),
    healthOk: (server) => server.stats().gatewayHealth[200] ?? 0,
    grants: 0,
    credential: 'hmac',
  },
];

/**
 * A real Nest application (Test.createTestingModule -> createNestApplication) listening on a loopback
 * port; closed after the test. `logger` gets Nest's logs (default: none); `configure` runs before
 * `listen` (where `main.ts` would call `app.useGlobalFilters(...)`); `httpAdapter` picks the HTTP
 * platform (default: Express); `options` are the rest of `NestFactory.create`'s (`rawBody`, `bodyParser`).
 */
export async function startApp(
  metadata: ModuleMetadata,
  {
    logger = false,
    configure,
    httpAdapter,
    options = {},
  }: {
    logger?: LoggerService | false;
    configure?: (app: INestApplication) => void;
    httpAdapter?: AbstractHttpAdapter;
    options?: Omit<NestApplicationOptions, 'logger'>;
  } = {},
): Promise<{ app: INestApplication; url: string }> {
  const moduleRef = await Test.createTestingModule(metadata).compile();
  const app =
    httpAdapter === undefined
      ? moduleRef.createNestApplication({ ...options, logger })
      : moduleRef.createNestApplication(httpAdapter, { ...options, logger });
  apps.push(app);
  configure?.(app);
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

/** GET `url`; the status, the parsed JSON body, the raw text and the headers. */
export async function getJson(
  url: string,
): Promise<{ status: number; body: unknown; text: string; headers: Headers }> {
  const response = await fetch(url);
  const text = await response.text();
  return {
    status: response.status,
    body: text === '' ? undefined : JSON.parse(text),
    text,
    headers: response.headers,
  };
}

/** A Nest `LoggerService` that keeps every line it is given, by level. */
export class RecordingLogger implements LoggerService {
  readonly lines: { level: string; message: string; rest: unknown[] }[] = [];

  log(message: unknown, ...rest: unknown[]): void {
    this.lines.push({ level: 'log', message: String(message), rest });
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.lines.push({ level: 'error', message: String(message), rest });
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.lines.push({ level: 'warn', message: String(message), rest });
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.lines.push({ level: 'debug', message: String(message), rest });
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.lines.push({ level: 'verbose', message: String(message), rest });
  }

  /** The error lines logged under `context`. */
  errors(context: string): { message: string; rest: unknown[] }[] {
    return this.lines.filter((line) => line.level === 'error' && line.rest.includes(context));
  }
}
