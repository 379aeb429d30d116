import type { Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { QontakAuthError } from '../errors/auth-error';
import { configError } from '../errors/config-error';

/** Write permission for the group or for others. */
const WRITABLE_BY_OTHERS = 0o022;
const STICKY = 0o1000;

function refused(message: string): QontakAuthError {
  return configError('FileTokenStore', message);
}

/** This process's user id, or `undefined` where files have no POSIX owner and mode (Windows). */
function processUid(): number | undefined {
  return typeof process.getuid === 'function' && process.platform !== 'win32' ? process.getuid() : undefined;
}

function octal(mode: number): string {
  return `0${(mode & 0o7777).toString(8)}`;
}

/**
 * Checks that only this process's user controls the file at `path` (`info` is its `fstat`): it is
 * owned by this user (or by root, who controls everything anyway) and no one else can write it.
 * Others may read it: a file the store writes is mode 0600 from then on.
 * @throws {QontakAuthError} `config_error` naming the path, what is wrong and the fix (never its content).
 */
export function assertOwnFile(path: string, info: Stats): void {
  const uid = processUid();
  if (uid === undefined) return;
  if (info.uid !== uid && info.uid !== 0) {
    throw refused(
      `${path} is owned by uid ${info.uid}, not by this process's user (uid ${uid}): its owner could put ` +
        'their token in it or read yours. Delete it (the store creates its own, mode 0600), or give the ' +
        'store a path in a directory only this user can write.',
    );
  }
  if ((info.mode & WRITABLE_BY_OTHERS) !== 0) {
    throw refused(
      `${path} can be written by other users (mode ${octal(info.mode)}): they could put their token in it. ` +
        `Run chmod 600 ${path}, or delete it (the store creates its own, mode 0600).`,
    );
  }
}

/**
 * Checks that no other user can replace the files in `directory`: it is owned by this process's user
 * (or root) and others cannot write it, unless it has the sticky bit (like `/tmp`, where only a file's
 * owner may rename or delete it).
 * @throws {QontakAuthError} `config_error` naming the directory, what is wrong and the fix; the file
 *   system's error other than a missing directory.
 */
export async function assertOwnDirectory(directory: string): Promise<void> {
  const uid = processUid();
  if (uid === undefined) return;
  let info: Stats;
  try {
    info = await stat(directory);
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code === 'ENOENT') return;
    throw error;
  }
  if (info.uid !== uid && info.uid !== 0) {
    throw refused(
      `the directory ${directory} is owned by uid ${info.uid}, not by this process's user (uid ${uid}): ` +
        'its owner could replace the token file. Give the store a path in a directory this user owns.',
    );
  }
  if ((info.mode & WRITABLE_BY_OTHERS) !== 0 && (info.mode & STICKY) === 0) {
    throw refused(
      `the directory ${directory} can be written by other users (mode ${octal(info.mode)}) and has no ` +
        `sticky bit: they could replace the token file. Run chmod 700 ${directory}, or give the store a ` +
        'path in another directory.',
    );
  }
}
