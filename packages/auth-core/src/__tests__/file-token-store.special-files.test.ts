import { execFileSync } from 'node:child_process';
import { closeSync, constants, openSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileTokenStore } from '../stores/file-token-store';
import { isQontakAuthError } from '../errors/auth-error';
import { QontakToken } from '../stores/token';

const KEY = 'qontak:http://127.0.0.1:1:client:ops@example.com';
/** A call that has not settled after this long is hung: a FIFO read blocks forever, not for seconds. */
const HANG_MS = 2_000;
let directory: string;
let path: string;
const fifos: string[] = [];
const servers: Server[] = [];

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'qontak-file-store-special-'));
  path = join(directory, 'tokens.json');
});

afterEach(async () => {
  fifos.splice(0).forEach(releaseReaders);
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  await rm(directory, { recursive: true, force: true });
});

function token(): QontakToken {
  return new QontakToken({
    accessToken: 'access-special-files',
    refreshToken: 'refresh-special-files',
    expiresAt: Date.now() + 60_000,
    issuedAt: Date.now(),
  });
}

/** A real FIFO made with mkfifo(1). */
function mkfifo(at: string): void {
  execFileSync('mkfifo', [at]);
  fifos.push(at);
}

/** Opens `fifo` for writing and closes it, which wakes any reader stuck in open(2) on it. */
function releaseReaders(fifo: string): void {
  try {
    closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
  } catch {
    // No reader is waiting (ENXIO), or the FIFO is gone.
  }
}

/** How `call` settled within {@link HANG_MS}: its value, its error, or `'hung'`. */
async function settle(
  call: Promise<unknown>,
): Promise<{ outcome: 'resolved'; value: unknown } | { outcome: 'rejected'; error: unknown } | 'hung'> {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<'hung'>((resolve) => (timer = setTimeout(() => resolve('hung'), HANG_MS)));
  try {
    return await Promise.race([
      call.then(
        (value) => ({ outcome: 'resolved' as const, value }),
        (error: unknown) => ({ outcome: 'rejected' as const, error }),
      ),
      hung,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Asserts `call` rejects in time with config_error whose message names `at` and `kind`. */
async function expectRefused(call: Promise<unknown>, at: string, kind: string): Promise<void> {
  const result = await settle(call);
  expect(result).not.toBe('hung');
  expect(result !== 'hung' && result.outcome).toBe('rejected');
  const error = result !== 'hung' && result.outcome === 'rejected' ? result.error : undefined;
  expect(isQontakAuthError(error) && error.code).toBe('config_error');
  expect((error as Error).message).toContain(`FileTokenStore: ${at} is ${kind}, not a regular file;`);
}

describe('FileTokenStore at a path that is not a regular file', () => {
  it('refuses a FIFO at its path at once: get() and set() never block waiting for a writer', async () => {
    mkfifo(path);
    await expectRefused(new FileTokenStore(path).get(KEY), path, 'a FIFO');
    await expectRefused(new FileTokenStore(path).set(KEY, token()), path, 'a FIFO');
    await expectRefused(new FileTokenStore(path).delete(KEY), path, 'a FIFO');
  });

  it('refuses a FIFO at its lock path at once: lock() never blocks waiting for a writer', async () => {
    mkfifo(`${path}.lock`);
    await expectRefused(
      new FileTokenStore(path, { lockWaitMs: 10_000 }).lock(KEY, 60_000),
      `${path}.lock`,
      'a FIFO',
    );
  });

  it('refuses a directory at its path and at its lock path', async () => {
    await mkdir(path);
    await expectRefused(new FileTokenStore(path).get(KEY), path, 'a directory');
    await expectRefused(new FileTokenStore(path).set(KEY, token()), path, 'a directory');
    const other = join(directory, 'other.json');
    await mkdir(`${other}.lock`);
    await expectRefused(
      new FileTokenStore(other, { lockWaitMs: 10_000 }).lock(KEY, 60_000),
      `${other}.lock`,
      'a directory',
    );
  });

  it('refuses a socket at its path', async () => {
    const server = createServer();
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(path, resolve));
    await expectRefused(new FileTokenStore(path).get(KEY), path, 'a socket');
  });

  it('refuses a device behind a symlink at its path and at its lock path', async () => {
    await symlink('/dev/null', path);
    await expectRefused(new FileTokenStore(path).get(KEY), path, 'a character device');
    await expectRefused(new FileTokenStore(path).set(KEY, token()), path, 'a character device');
    const other = join(directory, 'other.json');
    await symlink('/dev/null', `${other}.lock`);
    await expectRefused(
      new FileTokenStore(other, { lockWaitMs: 10_000 }).lock(KEY, 60_000),
      `${other}.lock`,
      'a character device',
    );
  });

  it('follows a symlink to a regular file (a Kubernetes secret mount)', async () => {
    const target = join(directory, '..data-tokens.json');
    await writeFile(target, '{}', { mode: 0o600 });
    await symlink(target, path);
    const stored = token();
    await new FileTokenStore(target).set(KEY, stored);
    expect((await new FileTokenStore(path).get(KEY))?.accessToken).toBe(stored.accessToken);
  });
});
