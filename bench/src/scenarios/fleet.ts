import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '@qontak/emulator';
import { Redis } from 'ioredis';
import { withDeadline } from '../deadline';
import type { Figure, Goal, ScenarioResult } from '../figure';
import { startRedisServer, type RedisServer } from '../redis-server';

const REPLICA_SCRIPT = fileURLToPath(new URL('../fleet/fleet-replica.mjs', import.meta.url));
const REPLICAS = 8;
const CALLERS = 1_000;
/** Latency of the emulator's token endpoint, so that the replicas' grants overlap as they would for real. */
const TOKEN_LATENCY_MS = 100;
const STEP_DEADLINE_MS = 30_000;

interface ReplicaReport {
  fulfilled: number;
  rejected: number;
  firstError?: string;
  digests: string[];
  healthStatus: number;
}

interface Replica {
  child: ChildProcess;
  ready: Promise<void>;
  report: Promise<ReplicaReport>;
}

function spawnReplica(env: Record<string, string>): Replica {
  const child = fork(REPLICA_SCRIPT, [], {
    execArgv: [],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exitedEarly = new Promise<never>((_, reject) => {
    child.once('error', reject);
    child.once('exit', (code) =>
      reject(new Error(`replica exited (code ${String(code)}) before it reported`)),
    );
  });
  exitedEarly.catch(() => undefined);
  const ready = Promise.race([
    new Promise<void>((resolve) =>
      child.on('message', (m: { type?: string }) => m.type === 'ready' && resolve()),
    ),
    exitedEarly,
  ]);
  const report = Promise.race([
    new Promise<ReplicaReport>((resolve) =>
      child.on('message', (m: { type?: string } & ReplicaReport) => {
        if (m.type === 'report') resolve(m);
      }),
    ),
    exitedEarly,
  ]);
  ready.catch(() => undefined);
  report.catch(() => undefined);
  return { child, ready, report };
}

function killReplica(replica: Replica): void {
  const { child } = replica;
  if (child.pid !== undefined && child.exitCode === null && child.signalCode === null)
    process.kill(child.pid, 'SIGKILL');
}

interface Variant {
  store: 'redis' | 'memory';
  label: string;
  goal: Goal;
}

const VARIANTS: Variant[] = [
  {
    store: 'redis',
    label: `RedisTokenStore, ${REPLICAS} processes x ${CALLERS} callers`,
    goal: { op: '==', target: 1 },
  },
  {
    store: 'memory',
    label: `memory store (default), ${REPLICAS} processes x ${CALLERS} callers`,
    goal: { op: '==', target: REPLICAS },
  },
];

/**
 * 6. Fleet: 8 child processes, each with its own QontakAuth and 1,000 concurrent callers, released
 * together on an empty cache: grants with a shared `RedisTokenStore` vs the default memory store.
 */
export async function runFleet(): Promise<ScenarioResult> {
  const started = Date.now();
  const figures: Figure[] = [];
  const notes: string[] = [
    `${REPLICAS} Node processes (src/fleet/fleet-replica.mjs, importing the built packages), each ${CALLERS.toLocaleString('en-US')} concurrent auth.getAccessToken() calls, released together once all are ready; one in-process emulator per variant with ${TOKEN_LATENCY_MS} ms token-endpoint latency; redis-server from PATH on a free loopback port (--save '' --appendonly no), flushed before the run, stopped by pid after. Each replica then calls health once with its token.`,
  ];
  const errors: string[] = [];
  let redisServer: RedisServer | undefined;
  try {
    redisServer = await startRedisServer();
    for (const variant of VARIANTS) {
      const emulator = await startEmulator();
      emulator.faults.inject('token', { type: 'latency', ms: TOKEN_LATENCY_MS }, 1_000);
      const replicas: Replica[] = [];
      try {
        const admin = new Redis({ host: '127.0.0.1', port: redisServer.port, maxRetriesPerRequest: 1 });
        await admin.flushall();
        admin.disconnect();
        for (let i = 0; i < REPLICAS; i++) {
          replicas.push(
            spawnReplica({
              FLEET_BASE_URL: emulator.url,
              FLEET_STORE: variant.store,
              FLEET_REDIS_PORT: String(redisServer.port),
              FLEET_CALLERS: String(CALLERS),
            }),
          );
        }
        await withDeadline(
          Promise.all(replicas.map((r) => r.ready)),
          STEP_DEADLINE_MS,
          'fleet replicas ready',
        );
        for (const replica of replicas) replica.child.send({ type: 'go' });
        const reports = await withDeadline(
          Promise.all(replicas.map((r) => r.report)),
          STEP_DEADLINE_MS,
          'fleet reports',
        );
        const stats = emulator.stats();
        const distinct = new Set(reports.flatMap((r) => r.digests)).size;
        const fulfilled = reports.reduce((sum, r) => sum + r.fulfilled, 0);
        const rejected = reports.reduce((sum, r) => sum + r.rejected, 0);
        const healthOk = reports.filter((r) => r.healthStatus === 200).length;
        figures.push({
          name: `grants, ${variant.label}`,
          value: stats.grants.total,
          unit: 'grants',
          goal: variant.goal,
          chart: 'grants',
          chartLabel: `fleet: ${variant.store === 'redis' ? 'RedisTokenStore' : 'memory store'}`,
        });
        notes.push(
          `${variant.label}: ${stats.grants.total} grants, ${distinct} distinct token(s) in the fleet, ${fulfilled} callers served, ${rejected} rejected${reports.find((r) => r.firstError)?.firstError ? ` (first: ${reports.find((r) => r.firstError)?.firstError})` : ''}, health 200 in ${healthOk}/${REPLICAS} replicas.`,
        );
        if (rejected > 0) errors.push(`${variant.store}: ${rejected} callers rejected`);
      } catch (error) {
        errors.push(`${variant.store}: ${String(error)}`);
        figures.push({
          name: `grants, ${variant.label}`,
          value: undefined,
          unit: 'grants',
          goal: variant.goal,
        });
      } finally {
        await Promise.all(
          replicas.map((r) =>
            withDeadline(
              new Promise<void>((resolve) =>
                r.child.exitCode !== null ? resolve() : r.child.once('exit', () => resolve()),
              ),
              5_000,
              'replica exit',
            ).catch(() => killReplica(r)),
          ),
        );
        await emulator.close();
      }
    }
  } catch (error) {
    errors.push(String(error));
  } finally {
    await redisServer?.stop();
  }
  return {
    id: 6,
    title: 'Fleet',
    figures,
    notes,
    error: errors.length > 0 ? errors.join('; ') : undefined,
    seconds: (Date.now() - started) / 1000,
  };
}
