import { randomUUID } from 'node:crypto';
import { mkdir, open, type FileHandle, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { acquireLock, resolveLockWaitMs } from './acquire-lock';
import { assertOwnDirectory } from './file-permissions';
import { isSameLockHost, lockHost, parseLockHost, type LockHost } from './lock-host';
import { configError } from '../errors/config-error';
import { deserializeToken, serializeToken, type QontakToken } from './token';
import { readRegularFile } from './read-regular-file';
import type { TokenStore, TokenStoreUnlock } from './token-store';

/** Options of {@link FileTokenStore}. */
export interface FileTokenStoreOptions {
  /** Longest time {@link FileTokenStore.lock} waits for another holder, in ms: see `resolveLockWaitMs`. */
  lockWaitMs?: number | undefined;
  /**
   * The clock token expiries are read with, in ms since the epoch: pass QontakAuth's `clock` if you
   * gave it one. Default `Date.now`.
   */
  clock?: (() => number) | undefined;
}

/** What the lock file holds. */
interface LockRecord {
  readonly pid: number;
  readonly owner: string;
  readonly expiresAt: number;
  /** Where `pid` means something; missing in records of the older format, which count as foreign. */
  readonly host: LockHost | undefined;
}

const FILE_MODE = 0o600;

/**
 * A {@link TokenStore} in a file, for the processes of one host (a PM2 or cluster deployment, a
 * CLI run again and again): a restart or a second process reuses the token instead of granting.
 *
 * - The file (JSON, one entry per store key, mode 0600) is replaced atomically: written to a temp
 *   file in the same directory, then renamed over it, so a reader never sees half a file. Its
 *   directory is created (mode 0700) when missing.
 * - The file and the lock file must be regular files (a symlink to one is followed, as in a
 *   Kubernetes secret mount). A FIFO, directory, socket or device at either path is refused with a
 *   `config_error`, at once: files are opened with `O_NONBLOCK` and checked with `fstat` before they
 *   are read, so a FIFO never blocks a read waiting for a writer.
 * - Only this process's user may control them (POSIX; not checked on Windows): a file or lock file
 *   owned by another user (root excepted) or writable by group or others, and a directory owned by
 *   another user or writable by group or others without the sticky bit, are refused with a
 *   `config_error` naming the path and the fix: another user could plant their token or replace
 *   the file. Others may read the file: the store's own writes make it mode 0600.
 * - `lock()` creates `<path>.lock` exclusively (`open(..., 'wx')`) with the holder's pid, expiry and
 *   host (hostname, boot id and pid namespace). A lock is stale, and broken,
 *   when its expiry has passed, or when its holder's host is this process's host and its pid no
 *   longer runs. A holder on another host, boot or pid namespace (a container sharing the volume), or
 *   a record without a host, counts as alive until its expiry: its pid means nothing here. Waiters
 *   poll with a growing, jittered delay (10 ms up to 200 ms).
 * - One lock guards the whole file. Writes of DIFFERENT keys by different processes at the same
 *   instant may lose one of them (the core writes under the lock of one key): keep one file per
 *   account when several accounts are busy at once.
 * - The file holds usable tokens: keep it where secrets are kept.
 *
 * File system errors are thrown; the core reports them to its logger and carries on in memory.
 *
 * @throws {QontakAuthError} `config_error` from the constructor for an empty path or a `lockWaitMs`
 *   that `resolveLockWaitMs` refuses.
 */
export class FileTokenStore implements TokenStore {
  /** The file the tokens are kept in. */
  readonly path: string;
  readonly #lockPath: string;
  readonly #lockWaitMs: number | undefined;
  readonly #clock: () => number;
  /** Serializes this process's read-modify-write cycles. */
  #writes: Promise<unknown> = Promise.resolve();

  constructor(path: string, options: FileTokenStoreOptions = {}) {
    if (typeof path !== 'string' || path.trim() === '') {
      throw configError('FileTokenStore', 'path must be a non-empty file path.');
    }
    this.path = path;
    this.#lockPath = `${path}.lock`;
    this.#lockWaitMs = resolveLockWaitMs(options.lockWaitMs, 'FileTokenStore');
    this.#clock = options.clock ?? Date.now;
  }

  /**
   * The token under `key`, or `undefined` (no file, no entry, an expired entry, or a file that is not
   * this store's). @throws {QontakAuthError} `config_error` when the path is not a regular file (a
   * FIFO, directory, socket or device) or another user controls it or its directory; the file system's
   * error other than a missing file.
   */
  async get(key: string): Promise<QontakToken | undefined> {
    const text = (await this.#read())[key];
    if (text === undefined) return undefined;
    const token = deserializeToken(text);
    return token !== undefined && token.expiresAt > this.#clock() ? token : undefined;
  }

  /**
   * Keeps `token` under `key` (and drops expired entries), replacing the file atomically.
   * @throws {QontakAuthError} `config_error` when the path is not a regular file or another user
   *   controls it or its directory; the file system's error.
   */
  set(key: string, token: QontakToken): Promise<void> {
    return this.#update((entries) => {
      entries[key] = serializeToken(token);
    });
  }

  /**
   * Forgets the token under `key`.
   * @throws {QontakAuthError} `config_error` when the path is not a regular file; the file system's error.
   */
  delete(key: string): Promise<void> {
    return this.#update((entries) => {
      delete entries[key];
    });
  }

  /**
   * Forgets the token under `key` only while it is `accessToken`.
   * @throws {QontakAuthError} `config_error` when the path is not a regular file; the file system's error.
   */
  deleteIf(key: string, accessToken: string): Promise<void> {
    return this.#update((entries) => {
      const text = entries[key];
      if (text !== undefined && deserializeToken(text)?.accessToken === accessToken) delete entries[key];
    });
  }

  /**
   * Waits until this caller holds the file's lock (`<path>.lock`, stale after `ttlMs`, or once its
   * process has died when that process ran on this host, boot and pid namespace) and returns its
   * release, which never throws and only removes the lock while this caller owns it.
   * One lock guards the whole file, whatever `key` is.
   * @throws {QontakAuthError} `timeout` when a live holder keeps the lock past `lockWaitMs`;
   *   `config_error` when `<path>.lock` is not a regular file (a FIFO, directory, socket or device), or
   *   `ttlMs` is not a finite number; the file system's error when the lock file cannot be created.
   */
  async lock(_key: string, ttlMs: number, signal?: AbortSignal): Promise<TokenStoreUnlock> {
    const host = await lockHost();
    await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
    await assertOwnDirectory(dirname(this.path));
    return acquireLock({
      store: 'FileTokenStore',
      ttlMs,
      lockWaitMs: this.#lockWaitMs,
      tryAcquire: ({ owner, ttlMs: ttl }) => this.#tryLock(owner, ttl, host),
      afterMiss: ({ ttlMs: ttl }) => this.#breakIfStale(ttl, host),
      release: ({ owner }) => this.#release(owner),
      signal,
    });
  }

  /** Creates the lock file; false when it exists. */
  async #tryLock(owner: string, ttl: number, host: LockHost): Promise<boolean> {
    let handle: FileHandle;
    try {
      handle = await open(this.#lockPath, 'wx', FILE_MODE);
    } catch (error) {
      if (errorCode(error) === 'EEXIST') return false;
      throw error;
    }
    try {
      const record: LockRecord = { pid: process.pid, owner, expiresAt: Date.now() + ttl, host };
      await handle.writeFile(JSON.stringify(record), 'utf8');
    } finally {
      await handle.close();
    }
    return true;
  }

  /**
   * Removes the lock file when its holder is gone or its time is up. The file is first renamed away
   * (only one breaker can do that), then checked: a lock that turns out to be fresh is put back.
   */
  async #breakIfStale(ttl: number, host: LockHost): Promise<void> {
    const seen = await this.#readLock(ttl, host);
    if (seen === undefined || !seen.stale) return;
    const aside = `${this.#lockPath}.${process.pid}.${randomUUID()}.stale`;
    try {
      await rename(this.#lockPath, aside);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return;
      throw error;
    }
    const moved = parseLock((await readRegularFile(aside).catch(() => undefined))?.text ?? '');
    if (moved !== undefined && moved.owner !== seen.record?.owner) {
      // A new holder took the lock between our read and the rename: give it back.
      await rename(aside, this.#lockPath).catch(() => undefined);
      return;
    }
    await unlink(aside).catch(() => undefined);
  }

  /**
   * The lock file's record and whether it is stale; `undefined` when there is no lock file. A holder's
   * pid is checked only when it ran on `host` (this process's); elsewhere a pid means nothing here.
   */
  async #readLock(
    ttl: number,
    host: LockHost,
  ): Promise<{ record: LockRecord | undefined; stale: boolean } | undefined> {
    const content = await readRegularFile(this.#lockPath);
    if (content === undefined) return undefined;
    const record = parseLock(content.text);
    // A lock file without a record is still being written, unless it was left like that long ago.
    if (record === undefined) return { record, stale: Date.now() - content.modifiedAt > ttl };
    if (record.expiresAt <= Date.now()) return { record, stale: true };
    const pidMeansSomethingHere = record.host !== undefined && isSameLockHost(record.host, host);
    return { record, stale: pidMeansSomethingHere && !isRunning(record.pid) };
  }

  /** Removes the lock file while `owner` holds it. Already gone or unreadable: the next waiter breaks it once stale. */
  async #release(owner: string): Promise<void> {
    const record = parseLock((await readRegularFile(this.#lockPath))?.text ?? '');
    if (record?.owner === owner) await unlink(this.#lockPath);
  }

  async #read(): Promise<Record<string, string>> {
    await assertOwnDirectory(dirname(this.path));
    const content = await readRegularFile(this.path);
    if (content === undefined) return {};
    let data: unknown;
    try {
      data = JSON.parse(content.text);
    } catch {
      return {};
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data)) return {};
    const entries: Record<string, string> = {};
    for (const [key, value] of Object.entries(data)) {
      if (typeof value === 'string') entries[key] = value;
    }
    return entries;
  }

  /** Read, change, write atomically; one cycle at a time in this process. */
  #update(change: (entries: Record<string, string>) => void): Promise<void> {
    const run = this.#writes.then(async () => {
      const entries = await this.#read();
      change(entries);
      const now = this.#clock();
      for (const [key, text] of Object.entries(entries)) {
        const token = deserializeToken(text);
        if (token === undefined || token.expiresAt <= now) delete entries[key];
      }
      await this.#writeAtomically(JSON.stringify(entries));
    });
    this.#writes = run.catch(() => undefined);
    return run;
  }

  async #writeAtomically(text: string): Promise<void> {
    const directory = dirname(this.path);
    await mkdir(directory, { recursive: true, mode: 0o700 });
    const temp = join(directory, `.${basename(this.path)}.${process.pid}.${randomUUID()}.tmp`);
    try {
      const handle = await open(temp, 'wx', FILE_MODE);
      try {
        await handle.chmod(FILE_MODE);
        await handle.writeFile(text, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, this.path);
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      throw error;
    }
  }
}

function parseLock(text: string): LockRecord | undefined {
  try {
    const data: unknown = JSON.parse(text);
    if (typeof data !== 'object' || data === null) return undefined;
    const { pid, owner, expiresAt, host } = data as Record<string, unknown>;
    if (typeof pid !== 'number' || typeof owner !== 'string' || typeof expiresAt !== 'number')
      return undefined;
    return { pid, owner, expiresAt, host: parseLockHost(host) };
  } catch {
    return undefined;
  }
}

/** Whether a process with this pid runs (`EPERM`: it runs, under another user). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
