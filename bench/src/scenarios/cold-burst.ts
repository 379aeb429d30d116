import { Agent } from 'node:http';
import { startEmulator } from '@qontak/emulator';
import { withDeadline } from '../deadline';
import type { Figure, ScenarioResult } from '../figure';
import { runBurst } from '../load';
import {
  axiosAuthRefreshClient,
  handWrittenClient,
  oursClient,
  type BenchVariant,
} from '../peers/bench-clients';
import { HEALTH_PATH } from '../qontak-auth-factory';

const CALLS = 10_000;
/** Sockets per client: 10,000 sockets on each side of loopback would exhaust file descriptors. */
const MAX_SOCKETS = 256;
const VARIANT_DEADLINE_MS = 90_000;

const VARIANTS: BenchVariant[] = [
  {
    label: 'ours (createQontakAxios)',
    chartLabel: 'cold burst: ours',
    grantGoal: { op: '==', target: 1 },
    failedGoal: { op: '==', target: 0 },
    create: oursClient,
  },
  {
    label: 'hand-written "token per request" interceptor',
    chartLabel: 'cold burst: hand-written',
    create: handWrittenClient,
  },
  {
    label: 'axios-auth-refresh (README setup)',
    chartLabel: 'cold burst: axios-auth-refresh',
    create: axiosAuthRefreshClient,
  },
];

/**
 * 3. Cold burst: 10,000 concurrent `GET /api/open/v1/health` on an empty token cache, for our
 * interceptor and the two peers; grants counted by the emulator.
 */
export async function runColdBurst(): Promise<ScenarioResult> {
  const started = Date.now();
  const figures: Figure[] = [];
  const notes: string[] = [
    `${CALLS.toLocaleString('en-US')} axios GET ${HEALTH_PATH} started at once on an empty cache, one fresh emulator (in-process) per client; each client has a keep-alive agent of ${MAX_SOCKETS} sockets (the calls are concurrent, the sockets are pooled). Grants = the emulator's stats().grants.total.`,
  ];
  const errors: string[] = [];
  for (const variant of VARIANTS) {
    const emulator = await startEmulator();
    const agent = new Agent({ keepAlive: true, maxSockets: MAX_SOCKETS });
    const { client, close } = variant.create(emulator.url, agent);
    try {
      const run = await withDeadline(
        runBurst(CALLS, () => client.get(HEALTH_PATH)),
        VARIANT_DEADLINE_MS,
        `cold burst ${variant.label}`,
      );
      const stats = emulator.stats();
      figures.push(
        {
          name: `grants, ${variant.label}`,
          value: stats.grants.total,
          unit: 'grants',
          goal: variant.grantGoal,
          chart: 'grants',
          chartLabel:
            run.failed > 0
              ? `${variant.chartLabel} (${run.failed.toLocaleString('en-US')} failed)`
              : variant.chartLabel,
        },
        {
          name: `failed requests, ${variant.label}`,
          value: run.failed,
          unit: 'failed',
          goal: variant.failedGoal,
        },
      );
      notes.push(
        `${variant.label}: ${run.ok} ok, ${run.failed} failed${run.firstError ? ` (first: ${run.firstError})` : ''}, ${stats.grants.total} grants, ${stats.health[401] ?? 0} health 401s, ${(run.elapsedMs / 1000).toFixed(2)} s.`,
      );
    } catch (error) {
      errors.push(`${variant.label}: ${String(error)}`);
      figures.push({
        name: `grants, ${variant.label}`,
        value: undefined,
        unit: 'grants',
        goal: variant.grantGoal,
      });
    } finally {
      await close();
      agent.destroy();
      await emulator.close();
    }
  }
  return {
    id: 3,
    title: 'Cold burst',
    figures,
    notes,
    error: errors.length > 0 ? errors.join('; ') : undefined,
    seconds: (Date.now() - started) / 1000,
  };
}
