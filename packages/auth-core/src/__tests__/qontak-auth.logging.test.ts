import { Console } from 'node:console';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { DEMO_ACCESS_TOKEN } from '@qontak/emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { FileTokenStore } from '../stores/file-token-store';
import { QontakAccessTokenAuth } from '../access-token/access-token-auth';
import { QontakAuth } from '../password/password-auth';
import { isQontakAuthError } from '../errors/auth-error';
import type { QontakLogger } from '../logging/logger';
import { MemoryTokenStore } from '../stores/memory-token-store';
import { authFor, emulator } from './support/emulator-fixture';
import { recordingServer } from './support/recording-server';

/** What forges a log line, or hides text in a terminal: C0, DEL, C1, line separators and bidi controls. */
// eslint-disable-next-line no-control-regex -- control characters are what the test looks for.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
/** Qontak's text as a hostile server (or a WAF echoing the request) could send it. */
const HOSTILE =
  'bad grant\r\n2026-01-01T00:00:00Z INFO forged line\u0085next\u2028sep\u001b[31mred\u202eevil\u0000end';
const HOSTILE_ESCAPED =
  'bad grant\\r\\n2026-01-01T00:00:00Z INFO forged line\\u0085next\\u2028sep\\u001b[31mred\\u202eevil\\u0000end';

/** A logger that keeps every call's arguments exactly as received. */
function recordingLogger(): { calls: unknown[][]; logger: Required<QontakLogger> } {
  const calls: unknown[][] = [];
  const record =
    (level: string) =>
    (...args: unknown[]) => {
      calls.push([level, ...args]);
    };
  return {
    calls,
    logger: { debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') },
  };
}

/** Every string in `value`, however deep. */
function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(stringsIn);
  return [];
}

/** A Console writing to captured streams: what `logger: console` prints, line by line. */
function capturedConsole(): { console: Console; output: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  return {
    console: new Console({ stdout: stream, stderr: stream, colorMode: false }),
    output: () => Buffer.concat(chunks).toString('utf8'),
  };
}

const directories: string[] = [];
afterEach(async () => {
  await Promise.all(directories.splice(0).map((path) => rm(path, { recursive: true, force: true })));
});

describe('what QontakAuth logs, and the errors it throws, against hostile text', () => {
  it("escapes the control characters of a token endpoint's error_description (CR/LF, C1, separators, ESC, bidi)", async () => {
    const server = await recordingServer((_request, response) => {
      response
        .writeHead(400, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: 'invalid_grant', error_description: HOSTILE }));
    });
    const { calls, logger } = recordingLogger();
    const auth = new QontakAuth({
      baseUrl: server.url,
      username: 'ops@example.com',
      password: 'S3ntinel-Password-log',
      retry: { attempts: 1 },
      logger,
    });
    const error: unknown = await auth.getAccessToken().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    await auth.close();
    if (!isQontakAuthError(error)) return expect.unreachable('the grant should have failed');

    expect(error.code).toBe('invalid_grant');
    expect(error.description).toBe(HOSTILE_ESCAPED);
    for (const text of [error.message, ...stringsIn(error.toJSON())]) expect(text).not.toMatch(CONTROL);
    expect(error.stack?.split('\n')[0]).toMatch(/Error: Qontak rejected the grant/);
    expect(calls.length).toBeGreaterThan(0);
    for (const text of stringsIn(calls)) expect(text).not.toMatch(CONTROL);
  });

  it("escapes the control characters of a store's error before the logger gets them", async () => {
    // A store from another copy of the package (or an older one) whose error carries its backend's text.
    const foreign = Object.assign(new Error(`backend said: ${HOSTILE}`), {
      name: 'QontakAuthError',
      code: 'config_error',
    });
    class RelayingStore extends MemoryTokenStore {
      override async get(): Promise<undefined> {
        throw foreign;
      }
    }
    class BadlyNamedStore extends MemoryTokenStore {
      override async get(): Promise<undefined> {
        throw Object.assign(new Error('x'), { name: `StoreError\r\nERROR forged` });
      }
    }
    const server = await emulator();
    for (const store of [new RelayingStore(), new BadlyNamedStore()]) {
      const { calls, logger } = recordingLogger();
      await authFor(server, { store, logger }).getAccessToken();
      const warnings = calls.filter(([level]) => level === 'warn');
      expect(warnings.length).toBeGreaterThan(0);
      for (const text of stringsIn(calls)) expect(text).not.toMatch(CONTROL);
    }
  });

  it('names a FileTokenStore path that holds a line break without breaking the log line', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'qontak-log-'));
    directories.push(directory);
    const tenant = join(directory, 'tenant\nERROR forged');
    // The token path is a directory: the store refuses it with a config_error naming the path.
    await mkdir(join(tenant, 'tokens.json'), { recursive: true });
    const server = await emulator();
    const { calls, logger } = recordingLogger();
    const store = new FileTokenStore(join(tenant, 'tokens.json'));
    await authFor(server, { store, logger }).getAccessToken();
    const logged = stringsIn(calls).join('\n');
    expect(logged).toContain('tenant\\nERROR forged');
    for (const text of stringsIn(calls)) expect(text).not.toMatch(CONTROL);
  });
});

describe('logger: console', () => {
  it('prints a message without fields as the message alone (no trailing "undefined")', async () => {
    const server = await emulator();
    const { console: captured, output } = capturedConsole();
    const auth = authFor(server, {
      logger: captured,
      onToken: () => {
        throw new Error('hook failed');
      },
    });
    await auth.getAccessToken();
    const lines = output().split('\n');
    expect(lines).toContain('onToken hook failed; ignored');
    expect(lines.find((line) => line.startsWith('Qontak token obtained'))).toMatch(
      /^Qontak token obtained \{ expiresAt: '[^']+' \}$/,
    );
    expect(output()).not.toContain('undefined');
  });

  it('prints QontakAccessTokenAuth\'s one warning on a revoked token without a trailing "undefined"', async () => {
    const server = await emulator();
    const { console: captured, output } = capturedConsole();
    const auth = new QontakAccessTokenAuth({
      accessToken: DEMO_ACCESS_TOKEN,
      baseUrl: server.url,
      logger: captured,
    });
    server.revokeAll();
    const response = await auth.fetch(auth.healthUrl);
    expect(response.status).toBe(401);
    const lines = output().split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/access token/i);
    expect(lines[0]).not.toMatch(/undefined$/);
  });
});
