import { startEmulator, type EmulatorOptions, type QontakEmulator } from '@qontak/emulator';
import { afterEach } from 'vitest';
import { QontakAuth } from '../../password/password-auth';
import type { QontakAuthOptions } from '../../password/password-auth-options';
import type { QontakLogger } from '../../logging/logger';

export const USERNAME = 'ops@example.com';
export const PASSWORD = 'S3ntinel-Password-9f2c71';
export const CLIENT_ID = 'client-id-for-tests';
export const CLIENT_SECRET = 'S3ntinel-ClientSecret-4be1d0';

/** A clock the test moves by hand, shared by the emulator and the client. */
export class ManualClock {
  now = Date.parse('2026-01-01T00:00:00Z');
  readonly read = (): number => this.now;
  advance(ms: number): void {
    this.now += ms;
  }
}

/** Every message and context the logger received, as one string per call. */
export class RecordingLogger implements QontakLogger {
  readonly lines: string[] = [];
  readonly debug = (message: string, context?: Record<string, unknown>) =>
    this.#record('debug', message, context);
  readonly info = (message: string, context?: Record<string, unknown>) =>
    this.#record('info', message, context);
  readonly warn = (message: string, context?: Record<string, unknown>) =>
    this.#record('warn', message, context);
  readonly error = (message: string, context?: Record<string, unknown>) =>
    this.#record('error', message, context);
  #record(level: string, message: string, context?: Record<string, unknown>) {
    this.lines.push(`${level} ${message} ${JSON.stringify(context ?? {})}`);
  }
}

const emulators: QontakEmulator[] = [];
const auths: QontakAuth[] = [];

afterEach(async () => {
  await Promise.all(auths.splice(0).map((auth) => auth.close()));
  await Promise.all(emulators.splice(0).map((emulator) => emulator.close()));
});

/** Starts an emulator that knows the test account, closed after the test. */
export async function emulator(options: EmulatorOptions = {}): Promise<QontakEmulator> {
  const started = await startEmulator({
    users: [{ username: USERNAME, password: PASSWORD }],
    clients: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }],
    ...options,
  });
  emulators.push(started);
  return started;
}

/** A QontakAuth for the emulator's test account with fast retries, closed after the test. */
export function authFor(server: QontakEmulator, options: Partial<QontakAuthOptions> = {}): QontakAuth {
  const auth = new QontakAuth({
    baseUrl: server.url,
    username: USERNAME,
    password: PASSWORD,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    retry: { baseDelayMs: 5, maxDelayMs: 50 },
    ...options,
  });
  auths.push(auth);
  return auth;
}

/** Calls the emulator's health route with `token`; returns the status. */
export async function healthStatus(server: QontakEmulator, token: string): Promise<number> {
  const response = await fetch(`${server.url}/api/open/v1/health`, {
    headers: { authorization: `Bearer ${token}` },
  });
  await response.arrayBuffer();
  return response.status;
}

/** Resolves with the next token `auth` obtains (use with the `onToken` option). */
export function nextToken(): {
  onToken: (token: { accessToken: string }) => void;
  next: () => Promise<string>;
} {
  let waiters: Array<(token: string) => void> = [];
  return {
    onToken: (token) => {
      const current = waiters;
      waiters = [];
      for (const resolve of current) resolve(token.accessToken);
    },
    next: () => new Promise<string>((resolve) => waiters.push(resolve)),
  };
}
