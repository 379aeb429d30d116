import { constants, type Stats } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { assertOwnFile } from './file-permissions';
import type { QontakAuthError } from '../errors/auth-error';
import { configError } from '../errors/config-error';

/** A regular file's text and the time it was last written. */
interface RegularFileContent {
  readonly text: string;
  /** `mtimeMs` of the file. */
  readonly modifiedAt: number;
}

/**
 * Reads `path` as UTF-8 when it is a regular file that only this process's user controls (a symlink to
 * one is followed: Kubernetes secret mounts are symlinks), and never blocks on anything else: it opens
 * with `O_RDONLY | O_NONBLOCK` (so a FIFO without a writer opens at once instead of waiting for one)
 * and checks the open handle with `fstat` before reading (see {@link assertOwnFile}).
 * @returns the content, or `undefined` when nothing is at `path`.
 * @throws {QontakAuthError} `config_error` when `path` is a FIFO, a directory, a socket or a device,
 *   naming the path and its kind, or when another user owns it or can write it; the file system's
 *   other errors.
 */
export async function readRegularFile(path: string): Promise<RegularFileContent | undefined> {
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    // A socket cannot be opened at all (ENXIO): name it like the others.
    const info = await stat(path).catch(() => undefined);
    if (info !== undefined && !info.isFile()) throw notRegular(path, info);
    throw error;
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw notRegular(path, info);
    assertOwnFile(path, info);
    return { text: await handle.readFile('utf8'), modifiedAt: info.mtimeMs };
  } finally {
    await handle.close();
  }
}

function notRegular(path: string, info: Stats): QontakAuthError {
  return configError(
    'FileTokenStore',
    `${path} is ${kindOf(info)}, not a regular file; give the store the path of a regular file, or of nothing yet.`,
  );
}

function kindOf(info: Stats): string {
  if (info.isDirectory()) return 'a directory';
  if (info.isFIFO()) return 'a FIFO';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  return 'a special file';
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
