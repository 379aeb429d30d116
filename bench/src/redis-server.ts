import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { withDeadline } from './deadline';

/** A `redis-server` started by the benchmarks. */
export interface RedisServer {
  /** Its loopback port. */
  readonly port: number;
  /** The server's pid. */
  readonly pid: number;
  /** Stops it by its pid (SIGTERM, then SIGKILL after 5 s) and waits for the exit. */
  stop(): Promise<void>;
}

/** A port that was free a moment ago on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts `redis-server` from PATH on a free loopback port, without persistence
 * (`--save '' --appendonly no`), and waits until it answers PING.
 * @throws {Error} when `redis-server` is missing or does not answer within 10 s.
 */
export async function startRedisServer(): Promise<RedisServer> {
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const spawnError = new Promise<never>((_, reject) => child.once('error', reject));
  spawnError.catch(() => undefined);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const pid = child.pid;
  const stop = async (): Promise<void> => {
    if (pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    process.kill(pid, 'SIGTERM');
    await withDeadline(exited, 5_000, 'redis-server exit').catch(() => process.kill(pid, 'SIGKILL'));
  };
  const answers = async (): Promise<boolean> => {
    const probe = new Redis({
      host: '127.0.0.1',
      port,
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    probe.on('error', () => undefined);
    try {
      await probe.connect();
      return (await probe.ping()) === 'PONG';
    } catch {
      return false;
    } finally {
      probe.disconnect();
    }
  };
  const ready = async (): Promise<void> => {
    for (let attempt = 0; attempt < 200; attempt++) {
      if (await answers()) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('redis-server did not answer PING');
  };
  try {
    await withDeadline(Promise.race([ready(), spawnError]), 10_000, 'redis-server start');
  } catch (error) {
    await stop();
    throw error;
  }
  return { port, pid: pid ?? -1, stop };
}
