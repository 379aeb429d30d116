import { mkdtemp, readFile, readlink, rm } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockHost, readLockHost } from '../stores/lock-host';

describe('readLockHost', () => {
  it('reads the boot id and pid namespace from /proc, and the hostname', async () => {
    expect(await readLockHost('/proc')).toEqual({
      hostname: hostname(),
      bootId: (await readFile('/proc/sys/kernel/random/boot_id', 'utf8')).trim(),
      pidNamespace: await readlink('/proc/self/ns/pid'),
    });
  });

  it('falls back to the hostname alone where there is no /proc', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'qontak-no-proc-'));
    try {
      expect(await readLockHost(directory)).toEqual({
        hostname: hostname(),
        bootId: null,
        pidNamespace: null,
      });
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it('is read once per process: lockHost() hands out the same answer every time', async () => {
    const first = lockHost();
    expect(lockHost()).toBe(first);
    expect(await first).toEqual(await readLockHost('/proc'));
  });
});
