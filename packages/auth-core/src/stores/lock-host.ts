import { readFile, readlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';

/**
 * Where a lock holder's pid means something. A pid names the same process only for processes on one
 * host, in one boot and one pid namespace: pid 7 in one container is not pid 7 in another container
 * sharing the volume. {@link FileTokenStore} writes this into its lock record and judges a holder
 * dead by its pid only when the record's host equals its own.
 */
export interface LockHost {
  /** `os.hostname()`. */
  readonly hostname: string;
  /** The kernel's boot id (`/proc/sys/kernel/random/boot_id`); `null` where it cannot be read. */
  readonly bootId: string | null;
  /** The pid namespace (`readlink /proc/self/ns/pid`, e.g. `pid:[4026531836]`); `null` where it cannot be read. */
  readonly pidNamespace: string | null;
}

let cached: Promise<LockHost> | undefined;

/** This process's {@link LockHost}, read once per process (later calls share the first answer). Never rejects. */
export function lockHost(): Promise<LockHost> {
  return (cached ??= readLockHost());
}

/**
 * Reads the {@link LockHost} of this process from `procDirectory` (default `/proc`) without blocking
 * the event loop; a field that cannot be read (no /proc: macOS, Windows) is `null`, so the host is
 * then known by its hostname alone. Never rejects.
 */
export async function readLockHost(procDirectory = '/proc'): Promise<LockHost> {
  const [bootId, pidNamespace] = await Promise.all([
    readFile(join(procDirectory, 'sys/kernel/random/boot_id'), 'utf8').then(
      (text) => text.trim() || null,
      () => null,
    ),
    readlink(join(procDirectory, 'self/ns/pid')).catch(() => null),
  ]);
  return { hostname: hostname(), bootId, pidNamespace };
}

/** Whether two lock hosts are the same host, boot and pid namespace, so that one's pids are the other's. */
export function isSameLockHost(a: LockHost, b: LockHost): boolean {
  return a.hostname === b.hostname && a.bootId === b.bootId && a.pidNamespace === b.pidNamespace;
}

/** `value` as a {@link LockHost}, or `undefined` when it is not one (e.g. a lock record of the older format). */
export function parseLockHost(value: unknown): LockHost | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { hostname, bootId, pidNamespace } = value as Record<string, unknown>;
  if (typeof hostname !== 'string') return undefined;
  if (!isTextOrNull(bootId) || !isTextOrNull(pidNamespace)) return undefined;
  return { hostname, bootId, pidNamespace };
}

function isTextOrNull(value: unknown): value is string | null {
  return value === null || typeof value === 'string';
}
