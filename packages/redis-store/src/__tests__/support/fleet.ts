import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { stopChild } from './redis-server';

/** What a fleet child reports when its callers are done. */
export interface ReplicaReport {
  /** Fingerprints (hash prefixes) of the distinct access tokens its callers got. */
  tokens: string[];
  fulfilled: number;
  errors: string[];
}

/** A replica process running support/fleet-child.ts. */
export interface Replica {
  readonly process: ChildProcess;
  /** Resolves once the replica is connected and waiting for {@link go}. */
  readonly ready: Promise<void>;
  /** Starts its callers. */
  go(): void;
  /** Whether it has printed `{"event": event}` yet (e.g. `'locking'`: its store asked for the lock). */
  saw(event: string): boolean;
  /** Its report; rejects when it exits without one or exceeds `timeoutMs`. */
  readonly report: Promise<ReplicaReport>;
  /** Ends it by pid (SIGTERM, then SIGKILL). */
  stop(): Promise<void>;
}

const CHILD = fileURLToPath(new URL('./fleet-child.ts', import.meta.url));
const PACKAGE_DIR = fileURLToPath(new URL('../../..', import.meta.url));
const started: Replica[] = [];

/** Spawns `node --import tsx fleet-child.ts` with `env` added to this process's environment. */
export function spawnReplica(env: Record<string, string>, timeoutMs = 20_000): Replica {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    cwd: PACKAGE_DIR,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const messages = createInterface({ input: child.stdout! });
  const events = new Set<string>();
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const report = new Promise<ReplicaReport>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`replica ${child.pid} timed out\n${stderr}`)), timeoutMs);
    messages.on('line', (line) => {
      const message = JSON.parse(line) as { event: string } & ReplicaReport;
      events.add(message.event);
      if (message.event === 'ready') markReady();
      if (message.event === 'done') {
        clearTimeout(timer);
        resolve({ tokens: message.tokens, fulfilled: message.fulfilled, errors: message.errors });
      }
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`replica ${child.pid} exited (${code ?? signal}) without a report\n${stderr}`));
    });
  });
  report.catch(() => undefined);
  const replica: Replica = {
    process: child,
    ready: Promise.race([ready, report.then(() => undefined)]),
    go: () => child.stdin?.write('go\n'),
    saw: (event) => events.has(event),
    report,
    stop: () => stopChild(child),
  };
  started.push(replica);
  return replica;
}

/** Stops every replica still running (call from afterEach). */
export async function stopReplicas(): Promise<void> {
  await Promise.all(started.splice(0).map((replica) => replica.stop()));
}

/** Waits until `check()` is true, polling every 20 ms; throws after `timeoutMs`. */
export async function until(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
