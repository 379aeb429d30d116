import { Agent } from 'node:http';
import { startEmulator } from '@qontak/emulator';
import { waitUntil, withDeadline } from '../deadline';
import type { Figure, ScenarioResult } from '../figure';
import { runBurst } from '../load';
import { axiosAuthRefreshClient, oursClient, type BenchVariant } from '../peers/bench-clients';
import { HEALTH_PATH } from '../qontak-auth-factory';

const IN_FLIGHT = 1_000;
/** How long the emulator holds each request before judging its token: revocation lands meanwhile. */
const HOLD_MS = 1_500;
const VARIANT_DEADLINE_MS = 60_000;

const VARIANTS: BenchVariant[] = [
  {
    label: 'ours (createQontakAxios)',
    chartLabel: 'revocation storm: ours',
    grantGoal: { op: '==', target: 1 },
    failedGoal: { op: '==', target: 0 },
    create: oursClient,
  },
  {
    label: 'axios-auth-refresh (README setup)',
    chartLabel: 'revocation storm: axios-auth-refresh',
    create: axiosAuthRefreshClient,
  },
];

/**
 * 4. Revocation storm: with a working token, 1,000 requests are held in flight by the emulator (a
 * `latency` fault on `health`), every token is revoked (`revokeAll()`), and the 1,000 answers are
 * 401s: grants made and requests failed, for ours and axios-auth-refresh.
 */
export async function runRevocationStorm(): Promise<ScenarioResult> {
  const started = Date.now();
  const figures: Figure[] = [];
  const notes: string[] = [
    `After one warm-up request (token cached), ${IN_FLIGHT.toLocaleString('en-US')} concurrent GET ${HEALTH_PATH} (one socket each); the emulator holds each for ${HOLD_MS} ms; once all have arrived it revokes every token, so each answer is a 401 "was revoked". Grants and failures counted from then on.`,
  ];
  const errors: string[] = [];
  for (const variant of VARIANTS) {
    const emulator = await startEmulator();
    const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT + 16 });
    const { client, close } = variant.create(emulator.url, agent);
    try {
      await client.get(HEALTH_PATH);
      const before = emulator.stats();
      emulator.faults.inject('health', { type: 'latency', ms: HOLD_MS }, IN_FLIGHT);
      const burst = runBurst(IN_FLIGHT, () => client.get(HEALTH_PATH));
      const allArrived = await waitUntil(
        () => emulator.stats().faultsServed - before.faultsServed >= IN_FLIGHT,
        10_000,
      );
      emulator.revokeAll();
      const run = await withDeadline(burst, VARIANT_DEADLINE_MS, `revocation storm ${variant.label}`);
      const after = emulator.stats();
      const grants = after.grants.total - before.grants.total;
      figures.push(
        {
          name: `grants after revocation, ${variant.label}`,
          value: grants,
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
        `${variant.label}: ${run.ok} ok, ${run.failed} failed${run.firstError ? ` (first: ${run.firstError})` : ''}, ${grants} grants, ${(after.health[401] ?? 0) - (before.health[401] ?? 0)} health 401s${allArrived ? '' : ' (not all requests had arrived when the tokens were revoked)'}, ${(run.elapsedMs / 1000).toFixed(2)} s.`,
      );
    } catch (error) {
      errors.push(`${variant.label}: ${String(error)}`);
      figures.push({
        name: `grants after revocation, ${variant.label}`,
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
    id: 4,
    title: 'Revocation storm',
    figures,
    notes,
    error: errors.length > 0 ? errors.join('; ') : undefined,
    seconds: (Date.now() - started) / 1000,
  };
}
