import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { EmulatorOptions, EmulatorStats } from '@qontak/emulator';
import { withDeadline } from './deadline';

const SERVER_SCRIPT = fileURLToPath(new URL('./servers/emulator-server.mjs', import.meta.url));

/** An emulator running in a child process. */
export interface EmulatorProcess {
  /** Its base URL, e.g. `http://127.0.0.1:40123`. */
  readonly url: string;
  /** The child's pid. */
  readonly pid: number;
  /** The emulator's counters, read over IPC. */
  stats(): Promise<EmulatorStats>;
  /** Closes the emulator and waits for the child to exit (killed by pid after 5 s). */
  close(): Promise<void>;
}

/**
 * Starts `@qontak/emulator` (its built `dist/`) in a child process: a throughput benchmark then
 * measures the client on one core while the server runs on the other.
 * @throws {DeadlineExceededError} when the child does not report ready within 15 s.
 */
export async function startEmulatorProcess(options: EmulatorOptions = {}): Promise<EmulatorProcess> {
  const child: ChildProcess = fork(SERVER_SCRIPT, [JSON.stringify(options)], {
    execArgv: [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await withDeadline(
    new Promise<string>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`emulator process exited early (code ${String(code)})`)));
      child.on('message', (message: { type?: string; url?: string }) => {
        if (message.type === 'ready' && typeof message.url === 'string') resolve(message.url);
      });
    }),
    15_000,
    'emulator process start',
  ).catch((error: unknown) => {
    if (child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
    throw error;
  });
  const pid = child.pid ?? -1;
  return {
    url,
    pid,
    stats: () =>
      withDeadline(
        new Promise<EmulatorStats>((resolve) => {
          const onMessage = (message: { type?: string; stats?: EmulatorStats }) => {
            if (message.type === 'stats' && message.stats) {
              child.off('message', onMessage);
              resolve(message.stats);
            }
          };
          child.on('message', onMessage);
          child.send({ type: 'stats' });
        }),
        5_000,
        'emulator process stats',
      ),
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.send({ type: 'close' });
      await withDeadline(exited, 5_000, 'emulator process exit').catch(() => {
        if (child.exitCode === null) process.kill(pid, 'SIGKILL');
      });
    },
  };
}
