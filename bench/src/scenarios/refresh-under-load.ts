import { Agent } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { QontakAuthOptions } from '@qontak/auth-core';
import { createQontakAxios } from '@qontak/axios-interceptor';
import { startEmulator } from '@qontak/emulator';
import type { Figure, Goal, ScenarioResult } from '../figure';
import { runAtRate, type LatencySample } from '../load';
import { HEALTH_PATH, newAuth } from '../qontak-auth-factory';
import { percentile, summarize } from '../stats';

const ROUNDS = 5;
const ROUND_MS = 6_000;
/** Requests started per second (an open loop, as independent callers arrive). */
const RATE_PER_SECOND = 1_000;
const MAX_SOCKETS = 64;
const TOKEN_TTL_SECONDS = 3;
/** Latency of the emulator's token endpoint (a real one takes hundreds of ms; loopback takes ~1 ms). */
const TOKEN_LATENCY_MS = 100;
/** A request belongs to "around a refresh" when it starts within this window of a grant's send time. */
const WINDOW_BEFORE_MS = 50;
const WINDOW_AFTER_MS = TOKEN_LATENCY_MS + 150;

interface Mode {
  key: string;
  label: string;
  options: Partial<QontakAuthOptions>;
  goal?: Goal;
}

const MARGIN_MS = 300;
const MODES: Mode[] = [
  {
    key: 'background',
    label: 'background refresh (defaults)',
    options: {},
    goal: { op: '<=', target: 1.1 },
  },
  {
    key: 'blocking',
    label: `blocking refresh (refreshWindowMs = expiryMarginMs = ${MARGIN_MS})`,
    options: { refreshWindowMs: MARGIN_MS, expiryMarginMs: MARGIN_MS },
  },
];

interface RoundResult {
  aroundP50: number;
  aroundP99: number;
  steadyP50: number;
  steadyP99: number;
  refreshes: number;
  around: number;
  steady: number;
  failed: number;
  aroundLatencies: number[];
  steadyLatencies: number[];
}

async function runRound(mode: Mode): Promise<RoundResult> {
  const emulator = await startEmulator({ tokenTtlSeconds: TOKEN_TTL_SECONDS });
  emulator.faults.inject('token', { type: 'latency', ms: TOKEN_LATENCY_MS }, 1_000);
  const grantsSentAt: number[] = [];
  const auth = newAuth(emulator.url, {
    ...mode.options,
    onToken: (token) => grantsSentAt.push(token.issuedAt ?? Date.now()),
  });
  const agent = new Agent({ keepAlive: true, maxSockets: MAX_SOCKETS });
  const client = createQontakAxios(auth, { httpAgent: agent });
  try {
    await client.get(HEALTH_PATH);
    const loadStart = Date.now();
    const samples = await runAtRate(ROUND_MS, RATE_PER_SECOND, () => client.get(HEALTH_PATH));
    const refreshes = grantsSentAt.filter((sentAt) => sentAt >= loadStart);
    const around: number[] = [];
    const steady: number[] = [];
    const epochOf = (sample: LatencySample) => performance.timeOrigin + sample.start;
    for (const sample of samples) {
      const at = epochOf(sample);
      const near = refreshes.some(
        (sentAt) => at >= sentAt - WINDOW_BEFORE_MS && at <= sentAt + WINDOW_AFTER_MS,
      );
      (near ? around : steady).push(sample.latency);
    }
    if (around.length === 0 || steady.length === 0) {
      throw new Error(`no ${around.length === 0 ? 'refresh' : 'steady'} samples in a ${ROUND_MS} ms round`);
    }
    return {
      aroundP50: percentile(around, 50),
      aroundP99: percentile(around, 99),
      steadyP50: percentile(steady, 50),
      steadyP99: percentile(steady, 99),
      refreshes: refreshes.length,
      around: around.length,
      steady: steady.length,
      failed: samples.filter((sample) => !sample.ok).length,
      aroundLatencies: around,
      steadyLatencies: steady,
    };
  } finally {
    await auth.close();
    agent.destroy();
    await emulator.close();
  }
}

/**
 * 5. Refresh under load: request latency (p50, p99) through our axios interceptor in the moments
 * around a token refresh vs the rest of the time, with 3-second tokens in real time; with the
 * default background refresh, and with a blocking refresh for contrast.
 */
export async function runRefreshUnderLoad(): Promise<ScenarioResult> {
  const started = Date.now();
  const figures: Figure[] = [];
  const notes: string[] = [
    `${ROUNDS} rounds of ${ROUND_MS / 1000} s per mode, axios GET ${HEALTH_PATH} through createQontakAxios started at a fixed ${RATE_PER_SECOND} per second (an open loop: latency counted from each call's scheduled start, so a stall shows in every call that arrives during it), keep-alive agent of ${MAX_SOCKETS} sockets, in-process emulator with ${TOKEN_TTL_SECONDS} s tokens and ${TOKEN_LATENCY_MS} ms token-endpoint latency. "Around a refresh" = requests started from ${WINDOW_BEFORE_MS} ms before to ${WINDOW_AFTER_MS} ms after a grant was sent; "steady" = all others. Ratio = p99 around / p99 steady per round, median [min-max]; the pooled ratio takes the p99s over the samples of all rounds together (shown for information: one round with a stall from elsewhere on the machine can move it either way, as the smaller "around" set has fewer samples).`,
  ];
  let failedTotal = 0;
  for (const mode of MODES) {
    const rounds: RoundResult[] = [];
    for (let round = 0; round < ROUNDS; round++) rounds.push(await runRound(mode));
    const ratio = summarize(rounds.map((r) => r.aroundP99 / r.steadyP99));
    const p50Ratio = summarize(rounds.map((r) => r.aroundP50 / r.steadyP50));
    const aroundP99 = summarize(rounds.map((r) => r.aroundP99));
    const steadyP99 = summarize(rounds.map((r) => r.steadyP99));
    const aroundP50 = summarize(rounds.map((r) => r.aroundP50));
    const steadyP50 = summarize(rounds.map((r) => r.steadyP50));
    const failed = rounds.reduce((sum, r) => sum + r.failed, 0);
    const pooledRatio =
      percentile(
        rounds.flatMap((r) => r.aroundLatencies),
        99,
      ) /
      percentile(
        rounds.flatMap((r) => r.steadyLatencies),
        99,
      );
    failedTotal += failed;
    figures.push(
      {
        name: `p99 around refresh / p99 steady, ${mode.label}`,
        value: ratio.median,
        spread: ratio,
        unit: 'x',
        goal: mode.goal,
      },
      {
        name: `p99 around refresh / p99 steady, all rounds pooled, ${mode.key}`,
        value: pooledRatio,
        unit: 'x',
      },
      {
        name: `p50 around refresh / p50 steady, ${mode.label}`,
        value: p50Ratio.median,
        spread: p50Ratio,
        unit: 'x',
      },
      { name: `p50 steady, ${mode.key}`, value: steadyP50.median, spread: steadyP50, unit: 'ms' },
      { name: `p50 around refresh, ${mode.key}`, value: aroundP50.median, spread: aroundP50, unit: 'ms' },
      { name: `p99 steady, ${mode.key}`, value: steadyP99.median, spread: steadyP99, unit: 'ms' },
      { name: `p99 around refresh, ${mode.key}`, value: aroundP99.median, spread: aroundP99, unit: 'ms' },
    );
    notes.push(
      `${mode.label}: per round ${rounds.map((r) => `${r.refreshes} refreshes, ${r.around}/${r.steady} samples around/steady`).join('; ')}; ${failed} failed requests.`,
    );
  }
  return {
    id: 5,
    title: 'Refresh under load',
    figures,
    notes,
    error: failedTotal > 0 ? `${failedTotal} requests failed` : undefined,
    seconds: (Date.now() - started) / 1000,
  };
}
