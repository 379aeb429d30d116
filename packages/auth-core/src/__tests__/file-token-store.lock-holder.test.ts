import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, readlink, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileTokenStore } from '../stores/file-token-store';
import { isQontakAuthError } from '../errors/auth-error';

const KEY = 'qontak:http://127.0.0.1:1:client:ops@example.com';
let directory: string;
let path: string;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'qontak-file-store-holder-'));
  path = join(directory, 'tokens.json');
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

interface Host {
  hostname: string;
  bootId: string | null;
  pidNamespace: string | null;
}

/** This process's host, boot and pid namespace, read here straight from /proc. */
async function ourHost(): Promise<Host> {
  return {
    hostname: hostname(),
    bootId: await readFile('/proc/sys/kernel/random/boot_id', 'utf8').then(
      (text) => text.trim(),
      () => null,
    ),
    pidNamespace: await readlink('/proc/self/ns/pid').catch(() => null),
  };
}

/** The pid of a process that has already exited (here; in another pid namespace it may well run). */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid;
}

async function writeLock(record: Record<string, unknown>): Promise<void> {
  await writeFile(`${path}.lock`, JSON.stringify(record), { mode: 0o600 });
}

describe('FileTokenStore lock holders on other hosts or pid namespaces', () => {
  it('writes its host, boot id and pid namespace into the lock record', async () => {
    const unlock = await new FileTokenStore(path).lock(KEY, 5_000);
    const record = JSON.parse(await readFile(`${path}.lock`, 'utf8')) as { pid: number; host: Host };
    expect(record.pid).toBe(process.pid);
    expect(record.host).toEqual(await ourHost());
    await unlock();
  });

  it.each([
    ['another pid namespace (a container sharing the volume)', { pidNamespace: 'pid:[4026532999]' }],
    [
      'another boot (another machine, or before a reboot)',
      { bootId: '00000000-0000-4000-8000-000000000000' },
    ],
    ['another hostname', { hostname: 'replica-elsewhere' }],
  ])(
    'never breaks a live-looking lock from %s because its pid is dead here: it waits, then times out',
    async (_where, differs) => {
      const owner = 'holder-in-another-namespace';
      await writeLock({
        pid: deadPid(),
        owner,
        expiresAt: Date.now() + 60_000,
        host: { ...(await ourHost()), ...differs },
      });
      const started = Date.now();
      const error: unknown = await new FileTokenStore(path, { lockWaitMs: 300 })
        .lock(KEY, 60_000)
        .catch((caught: unknown) => caught);
      expect(isQontakAuthError(error) && error.code).toBe('timeout');
      expect(Date.now() - started).toBeGreaterThanOrEqual(300);
      expect((JSON.parse(await readFile(`${path}.lock`, 'utf8')) as { owner: string }).owner).toBe(owner);
    },
  );

  it('treats a lock record of the older format (no host) as foreign: only its expiry breaks it', async () => {
    await writeLock({ pid: deadPid(), owner: 'older-format', expiresAt: Date.now() + 60_000 });
    const error: unknown = await new FileTokenStore(path, { lockWaitMs: 300 })
      .lock(KEY, 60_000)
      .catch((caught: unknown) => caught);
    expect(isQontakAuthError(error) && error.code).toBe('timeout');

    await writeLock({ pid: deadPid(), owner: 'older-format', expiresAt: Date.now() - 1 });
    const started = Date.now();
    const unlock = await new FileTokenStore(path, { lockWaitMs: 5_000 }).lock(KEY, 60_000);
    expect(Date.now() - started).toBeLessThan(2_000);
    await unlock();
  });

  it('breaks a foreign lock once its expiresAt has passed, and not before', async () => {
    const host = { ...(await ourHost()), pidNamespace: 'pid:[4026532999]' };
    const expiresAt = Date.now() + 400;
    await writeLock({ pid: deadPid(), owner: 'expired-elsewhere', expiresAt, host });
    const unlock = await new FileTokenStore(path, { lockWaitMs: 5_000 }).lock(KEY, 60_000);
    expect(Date.now()).toBeGreaterThanOrEqual(expiresAt);
    expect(Date.now() - expiresAt).toBeLessThan(2_000);
    await unlock();
  });

  it('breaks a lock of its own host and pid namespace at once when its pid is dead', async () => {
    await writeLock({
      pid: deadPid(),
      owner: 'dead-here',
      expiresAt: Date.now() + 60_000,
      host: await ourHost(),
    });
    const started = Date.now();
    const unlock = await new FileTokenStore(path, { lockWaitMs: 5_000 }).lock(KEY, 60_000);
    expect(Date.now() - started).toBeLessThan(2_000);
    await unlock();
  });
});
