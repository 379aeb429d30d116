import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileTokenStore } from '../stores/file-token-store';
import { isQontakAuthError } from '../errors/auth-error';
import { QontakToken } from '../stores/token';
import { CLIENT_ID, CLIENT_SECRET, emulator, PASSWORD, USERNAME } from './support/emulator-fixture';

const KEY = 'qontak:http://127.0.0.1:1:client:ops@example.com';
let directory: string;
let path: string;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'qontak-file-store-'));
  path = join(directory, 'tokens.json');
});

afterEach(async () => {
  await Promise.all(children.splice(0).map(stop));
  await rm(directory, { recursive: true, force: true });
});

function token(
  lifetimeMs = 60_000,
  accessToken = `access-${Math.random().toString(36).slice(2)}`,
): QontakToken {
  return new QontakToken({
    accessToken,
    refreshToken: `refresh-${accessToken}`,
    expiresAt: Date.now() + lifetimeMs,
    issuedAt: Date.now(),
  });
}

/** The pid of a process that has already exited. */
function deadPid(): number {
  const exited = spawnSync(process.execPath, ['-e', '']);
  return exited.pid;
}

describe('FileTokenStore', () => {
  it('returns the token it stored, token strings and expiry included', async () => {
    const stored = token();
    await new FileTokenStore(path).set(KEY, stored);
    const read = await new FileTokenStore(path).get(KEY);
    expect(read).toBeInstanceOf(QontakToken);
    expect(read?.accessToken).toBe(stored.accessToken);
    expect(read?.refreshToken).toBe(stored.refreshToken);
    expect(read?.expiresAt).toBe(stored.expiresAt);
  });

  it('writes the file with mode 0600 and leaves no temp file behind', async () => {
    const store = new FileTokenStore(path);
    await store.set(KEY, token());
    await store.set(KEY, token());
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readdir(directory)).toEqual(['tokens.json']);
  });

  it('replaces a file that others could read with a 0600 one', async () => {
    await writeFile(path, '{}', { mode: 0o644 });
    await new FileTokenStore(path).set(KEY, token());
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('creates the missing directory', async () => {
    const nested = join(directory, 'a', 'b', 'tokens.json');
    const stored = token();
    await new FileTokenStore(nested).set(KEY, stored);
    expect((await new FileTokenStore(nested).get(KEY))?.accessToken).toBe(stored.accessToken);
  });

  it('returns undefined when there is no file, or the file is not its own', async () => {
    await expect(new FileTokenStore(path).get(KEY)).resolves.toBeUndefined();
    await writeFile(path, 'garbage{');
    await expect(new FileTokenStore(path).get(KEY)).resolves.toBeUndefined();
    const stored = token();
    await new FileTokenStore(path).set(KEY, stored);
    expect((await new FileTokenStore(path).get(KEY))?.accessToken).toBe(stored.accessToken);
  });

  it('does not hand out an expired token, and drops expired entries when it writes', async () => {
    const store = new FileTokenStore(path);
    await store.set('expired', token(-1));
    await expect(store.get('expired')).resolves.toBeUndefined();
    await store.set(KEY, token());
    expect(Object.keys(JSON.parse(await readFile(path, 'utf8')) as object)).toEqual([KEY]);
  });

  it('forgets a deleted token and keeps the others', async () => {
    const store = new FileTokenStore(path);
    await store.set(KEY, token());
    await store.set('other', token());
    await store.delete(KEY);
    await expect(store.get(KEY)).resolves.toBeUndefined();
    await expect(store.get('other')).resolves.toBeDefined();
  });

  it('loses no key when one process writes many keys at once', async () => {
    const store = new FileTokenStore(path);
    await Promise.all(Array.from({ length: 20 }, (_, index) => store.set(`key-${index}`, token())));
    const stored = await Promise.all(Array.from({ length: 20 }, (_, index) => store.get(`key-${index}`)));
    expect(stored.every((entry) => entry !== undefined)).toBe(true);
  });

  it('refuses an empty path with config_error', () => {
    let error: unknown;
    try {
      new FileTokenStore(' ');
    } catch (caught) {
      error = caught;
    }
    expect(isQontakAuthError(error) && error.code).toBe('config_error');
  });

  it('refuses a lockWaitMs above 2147483647 ms (a Node timer that long fires after 1 ms)', () => {
    expect(() => new FileTokenStore(path, { lockWaitMs: 2_147_483_647 })).not.toThrow();
    let error: unknown;
    try {
      new FileTokenStore(path, { lockWaitMs: 2_147_483_648 });
    } catch (caught) {
      error = caught;
    }
    expect(isQontakAuthError(error) && error.code).toBe('config_error');
    expect((error as Error).message).toContain('lockWaitMs');
    expect((error as Error).message).toContain('at most 2147483647 ms');
  });
});

describe('FileTokenStore.lock', () => {
  it('admits one holder at a time among concurrent lockers', async () => {
    const stores = [new FileTokenStore(path), new FileTokenStore(path), new FileTokenStore(path)];
    let holders = 0;
    let maxHolders = 0;
    let entries = 0;
    await Promise.all(
      Array.from({ length: 15 }, async (_, index) => {
        const unlock = await stores[index % stores.length]!.lock(KEY, 5_000);
        holders++;
        entries++;
        maxHolders = Math.max(maxHolders, holders);
        await delay(5);
        holders--;
        await unlock();
      }),
    );
    expect(entries).toBe(15);
    expect(maxHolders).toBe(1);
    expect(await readdir(directory)).toEqual([]);
  });

  it('holds the lock in <path>.lock, mode 0600, with its pid and expiry', async () => {
    const unlock = await new FileTokenStore(path).lock(KEY, 5_000);
    const record = JSON.parse(await readFile(`${path}.lock`, 'utf8')) as { pid: number; expiresAt: number };
    expect(record.pid).toBe(process.pid);
    expect(record.expiresAt).toBeGreaterThan(Date.now());
    expect(record.expiresAt).toBeLessThanOrEqual(Date.now() + 5_000);
    expect((await stat(`${path}.lock`)).mode & 0o777).toBe(0o600);
    await unlock();
    await expect(stat(`${path}.lock`)).rejects.toThrow();
  });

  it('breaks a lock whose holder on this host has died, without waiting for its expiry', async () => {
    const unlockOurs = await new FileTokenStore(path).lock(KEY, 5_000);
    const { host } = JSON.parse(await readFile(`${path}.lock`, 'utf8')) as { host: unknown };
    await unlockOurs();
    await writeFile(
      `${path}.lock`,
      JSON.stringify({ pid: deadPid(), owner: 'dead', expiresAt: Date.now() + 60_000, host }),
    );
    const started = Date.now();
    const unlock = await new FileTokenStore(path).lock(KEY, 60_000);
    expect(Date.now() - started).toBeLessThan(2_000);
    await unlock();
  });

  it('breaks a lock whose ttl has passed, even when its process still runs', async () => {
    await writeFile(
      `${path}.lock`,
      JSON.stringify({ pid: process.pid, owner: 'old', expiresAt: Date.now() - 1 }),
    );
    const started = Date.now();
    const unlock = await new FileTokenStore(path).lock(KEY, 5_000);
    expect(Date.now() - started).toBeLessThan(500);
    await unlock();
  });

  it('waits for a live holder, then gives up after lockWaitMs with a timeout error', async () => {
    await new FileTokenStore(path).lock(KEY, 30_000);
    const started = Date.now();
    const error: unknown = await new FileTokenStore(path, { lockWaitMs: 200 })
      .lock(KEY, 30_000)
      .catch((caught: unknown) => caught);
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(isQontakAuthError(error) && error.code).toBe('timeout');
  });

  it('lets only the owner release the lock: a late unlock after expiry leaves the next owner holding it', async () => {
    const store = new FileTokenStore(path);
    const lateUnlock = await store.lock(KEY, 100);
    await delay(150);
    const nextUnlock = await store.lock(KEY, 10_000);
    const nextOwner = await readFile(`${path}.lock`, 'utf8');
    await lateUnlock();
    expect(await readFile(`${path}.lock`, 'utf8')).toBe(nextOwner);
    await nextUnlock();
    await expect(stat(`${path}.lock`)).rejects.toThrow();
  });
});

// ---- several real processes on one host -------------------------------------------------------

const SOURCE = fileURLToPath(new URL('..', import.meta.url));
const PACKAGE_DIR = fileURLToPath(new URL('../..', import.meta.url));
const children: ChildProcess[] = [];

/**
 * A process on this host: QontakAuth on a FileTokenStore, 250 concurrent callers after "go". Prints
 * {"event":"locking"} each time the core asks its store for the lock.
 */
const REPLICA = `
import { createHash } from 'node:crypto';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
const source = process.env.SOURCE_DIR;
const { QontakAuth } = await import(pathToFileURL(source + 'password/password-auth.ts').href);
const { FileTokenStore } = await import(pathToFileURL(source + 'stores/file-token-store.ts').href);
class ReportingFileTokenStore extends FileTokenStore {
  lock(...args) {
    process.stdout.write(JSON.stringify({ event: 'locking' }) + '\\n');
    return super.lock(...args);
  }
}
const auth = QontakAuth.fromEnv(process.env, {
  store: new ReportingFileTokenStore(process.env.STORE_PATH),
  lockTtlMs: Number(process.env.LOCK_TTL_MS),
  retry: { attempts: 1 },
});
const lines = createInterface({ input: process.stdin });
const go = new Promise((resolve) => lines.once('line', resolve));
process.stdout.write(JSON.stringify({ event: 'ready' }) + '\\n');
await go;
lines.close();
const results = await Promise.allSettled(Array.from({ length: Number(process.env.CALLERS) }, () => auth.getAccessToken()));
const tokens = [...new Set(results.filter((r) => r.status === 'fulfilled').map((r) => createHash('sha256').update(r.value).digest('hex').slice(0, 16)))];
const errors = results.filter((r) => r.status === 'rejected').map((r) => String(r.reason?.code ?? r.reason));
process.stdout.write(JSON.stringify({ event: 'done', tokens, errors }) + '\\n');
await auth.close();
`;

interface Report {
  tokens: string[];
  errors: string[];
}

interface Replica {
  child: ChildProcess;
  ready: Promise<void>;
  go: () => void;
  /** Whether it has printed {"event": event} yet. */
  saw: (event: string) => boolean;
  report: Promise<Report>;
}

function spawnReplica(env: Record<string, string>): Replica {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', REPLICA], {
    cwd: PACKAGE_DIR,
    env: { ...process.env, SOURCE_DIR: SOURCE, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  children.push(child);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const events = new Set<string>();
  const report = new Promise<Report>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`replica timed out\n${stderr}`)), 20_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const message = JSON.parse(line) as { event: string } & Report;
      events.add(message.event);
      if (message.event === 'ready') markReady();
      if (message.event === 'done') {
        clearTimeout(timer);
        resolve(message);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`replica exited (${code}) without a report\n${stderr}`));
    });
  });
  report.catch(() => undefined);
  return {
    child,
    ready: Promise.race([ready, report.then(() => undefined)]),
    go: () => child.stdin?.write('go\n'),
    saw: (event) => events.has(event),
    report,
  };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

function replicaEnv(server: { url: string }, extra: Record<string, string>): Record<string, string> {
  return {
    QONTAK_BASE_URL: server.url,
    QONTAK_USERNAME: USERNAME,
    QONTAK_PASSWORD: PASSWORD,
    QONTAK_CLIENT_ID: CLIENT_ID,
    QONTAK_CLIENT_SECRET: CLIENT_SECRET,
    STORE_PATH: path,
    LOCK_TTL_MS: '10000',
    CALLERS: '250',
    ...extra,
  };
}

describe('FileTokenStore across processes', () => {
  it('makes 4 processes x 250 concurrent callers share exactly 1 password grant', async () => {
    const server = await emulator();
    server.faults.inject('token', { type: 'latency', ms: 200 });
    const replicas = [1, 2, 3, 4].map(() => spawnReplica(replicaEnv(server, {})));
    await Promise.all(replicas.map((replica) => replica.ready));
    for (const replica of replicas) replica.go();
    const reports = await Promise.all(replicas.map((replica) => replica.report));

    expect(reports.flatMap((report) => report.errors)).toEqual([]);
    expect(new Set(reports.flatMap((report) => report.tokens)).size).toBe(1);
    expect(server.stats().grants.password).toEqual({ ok: 1, failed: 0 });
    expect(server.stats().grants.total).toBe(1);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('lets another process take over at once from a lock holder killed mid-grant (its pid is dead)', async () => {
    const server = await emulator();
    server.faults.inject('token', { type: 'latency', ms: 15_000 });
    const holder = spawnReplica(replicaEnv(server, { CALLERS: '1', LOCK_TTL_MS: '30000' }));
    const survivor = spawnReplica(replicaEnv(server, { CALLERS: '50', LOCK_TTL_MS: '30000' }));
    await Promise.all([holder.ready, survivor.ready]);
    holder.go();
    const deadline = Date.now() + 5_000;
    while (
      server.faults.pending('token') > 0 ||
      (await stat(`${path}.lock`).catch(() => undefined)) === undefined
    ) {
      if (Date.now() > deadline) throw new Error('the holder never locked and sent its grant');
      await delay(20);
    }
    const holderLock = await readFile(`${path}.lock`, 'utf8');
    survivor.go();
    const queuedBy = Date.now() + 5_000;
    while (!survivor.saw('locking') || (await readFile(`${path}.lock`, 'utf8')) !== holderLock) {
      if (Date.now() > queuedBy) throw new Error("the survivor never queued on the holder's lock");
      await delay(20);
    }
    holder.child.kill('SIGKILL');
    const killedAt = Date.now();
    const report = await survivor.report;

    expect(report.errors).toEqual([]);
    expect(report.tokens).toHaveLength(1);
    expect(Date.now() - killedAt).toBeLessThan(5_000); // the lock's ttl is 30 s: the dead pid broke it
    expect(server.stats().grants.password).toEqual({ ok: 1, failed: 0 });
  });
});
